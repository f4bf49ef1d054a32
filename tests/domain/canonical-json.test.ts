import { canonicalJson } from '../../src/domain/audit-chain';
import { buildSeed002, buildKommunallagen } from '../support/protocol-fixtures';
import { assembleProtocol } from '../../src/domain/protocol/assemble';

/** The fast canonical JSON must write exactly what the chains already stored were hashed from. */

/** How the stored chains were made: JSON.stringify over objects rebuilt with sorted keys (integer-like keys come first, as JS orders them). */
function sortedKeysJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

test('the seed-002 and kommunallagen documents, and a protocol model, serialise the same', () => {
  const a = buildSeed002('19:canon-a@thread.v2');
  const b = buildKommunallagen('19:canon-b@thread.v2');
  for (const doc of [a.body, a.meeting, b.body, b.meeting, assembleProtocol(a.body, a.meeting)]) {
    expect(canonicalJson(doc)).toBe(sortedKeysJson(doc));
  }
});

test('edge cases: integer-like keys, undefined, functions, dates, non-finite numbers, unicode', () => {
  const cases: unknown[] = [
    { b: 1, a: 2, '10': 'x', '2': 'y', '007': 'z', '4294967295': 'big', '4294967294': 'max index', å: 'å', Z: 'Z' },
    { u: undefined, f: () => 1, n: null, arr: [undefined, () => 1, NaN, Infinity, -0, 1e21, 5e-7] },
    { when: new Date('2022-06-01T13:00:00Z'), nested: { z: [{ y: 1, x: [] }, {}], a: { '1': { c: 'ç', b: '"citat"\n\\' } } } },
    ['\ud800', 'emoji 😀', '\u2028'],
    'bara en sträng',
    42,
    null,
    [],
    {},
  ];
  for (const c of cases) expect(canonicalJson(c)).toBe(sortedKeysJson(c));
});

test('random documents serialise the same', () => {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const keys = ['a', 'b', 'Ä', 'å', '0', '1', '12', '3', '01', 'id', 'status', 'röster', '-1', '1.5'];
  const value = (depth: number): unknown => {
    const r = rnd();
    if (depth > 3 || r < 0.3) return [rnd() * 1000, 'text ' + Math.floor(rnd() * 100), true, null, undefined, Math.floor(rnd() * 10) - 5][Math.floor(rnd() * 6)];
    if (r < 0.6) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = 0; i < 1 + Math.floor(rnd() * 6); i++) o[keys[Math.floor(rnd() * keys.length)]] = value(depth + 1);
    return o;
  };
  for (let i = 0; i < 500; i++) {
    const v = value(0);
    expect(canonicalJson(v)).toBe(sortedKeysJson(v));
  }
});
