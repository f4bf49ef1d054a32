import { DocumentStore } from '../../src/storage/document-store';
import { DocCache } from '../../src/storage/doc-cache';
import { verifyChain, contentHash, auditKey, DEV_AUDIT_KEY } from '../../src/domain/audit-chain';

const devKey = auditKey(DEV_AUDIT_KEY);
import { roundTrips, startTestStorage } from '../support/storage';

/** The document cache: fewer round trips, and still nothing lost or hidden when another instance writes. */

type Doc = { names: string[] };
const actor = { id: 'aad-1', name: 'Maria Lind' };

let env: Awaited<ReturnType<typeof startTestStorage>>;
beforeAll(async () => { env = await startTestStorage(); });
afterAll(async () => { await env.stop(); });

const add = (name: string, key?: string) => ({
  actor, action: 'add', idempotencyKey: key,
  apply: (c: Doc | undefined): Doc => ({ names: [...(c?.names ?? []), name] }),
});

const trips = async (op: () => Promise<unknown>) => (await roundTrips(env.store, op)).count;

test('a document this instance wrote is read back without a round trip, and the next change is one transaction', async () => {
  const docs = new DocumentStore<Doc>(env.store, 'meetings', { cacheMs: 60_000 });
  await docs.change('c-hot', add('a', 'k1'));
  expect(await trips(() => docs.get('c-hot'))).toBe(0);
  const current = await docs.get('c-hot');
  expect(await trips(() => docs.change('c-hot', { ...add('b', 'k2'), current }))).toBe(1);
  // After an update too (its sub-response carries the new ETag but no row key).
  expect(await trips(() => docs.get('c-hot'))).toBe(0);
  const again = await docs.get('c-hot');
  expect(await trips(() => docs.change('c-hot', { ...add('c', 'k3'), current: again }))).toBe(1);
  expect((await docs.read('c-hot'))!.value.names).toEqual(['a', 'b', 'c']);
});

test('without a cache every get reads', async () => {
  const docs = new DocumentStore<Doc>(env.store, 'meetings');
  await docs.change('c-off', add('a'));
  expect(await trips(() => docs.get('c-off'))).toBe(1);
});

test('a cached document cannot be changed by whoever was handed it', async () => {
  const docs = new DocumentStore<Doc>(env.store, 'meetings', { cacheMs: 60_000 });
  await docs.change('c-mut', add('a'));
  const cached = (await docs.get('c-mut'))!.value;
  expect(() => cached.names.push('inkräktare')).toThrow(TypeError);
  expect((await docs.get('c-mut'))!.value.names).toEqual(['a']);
});

test('two instances with caches: a stale cached copy is replayed on fresh data, nothing is lost, the chain verifies', async () => {
  const a = new DocumentStore<Doc>(env.store, 'meetings', { cacheMs: 60_000 });
  const b = new DocumentStore<Doc>(env.store, 'meetings', { cacheMs: 60_000 });
  await a.change('c-two', add('a1'));
  await b.get('c-two'); // b caches version 1
  await a.change('c-two', add('a2'));
  expect((await b.get('c-two'))!.value.names).toEqual(['a1']); // stale for display, within maxAge
  const r = await b.change('c-two', { ...add('b1', 'kb'), current: await b.get('c-two') });
  expect(r.value.names).toEqual(['a1', 'a2', 'b1']);
  expect((await b.get('c-two'))!.value.names).toEqual(['a1', 'a2', 'b1']);
  const loaded = (await a.read('c-two'))!;
  expect(verifyChain(await a.audit('c-two'), devKey, contentHash(loaded.value), loaded.version)).toEqual([]);
});

test('a document edited in storage between two changes is caught by the chain, even with the cache', async () => {
  const docs = new DocumentStore<Doc>(env.store, 'meetings', { cacheMs: 60_000 });
  await docs.change('c-tamper', add('a'));
  const row = await docs.raw().getEntity<Record<string, unknown>>('c-tamper', 'doc');
  await docs.raw().updateEntity({ ...row, partitionKey: 'c-tamper', rowKey: 'doc', d0: JSON.stringify({ names: ['förfalskad'] }) }, 'Replace');
  await docs.change('c-tamper', { ...add('b'), current: await docs.get('c-tamper') });
  const loaded = (await docs.read('c-tamper'))!;
  const problems = verifyChain(await docs.audit('c-tamper'), devKey, contentHash(loaded.value), loaded.version);
  expect(problems).toEqual([{ seq: 2, problem: 'dokumentet ändrades utanför loggen före denna post' }]);
});

test('a resent action on the cached copy it already changed records once', async () => {
  const docs = new DocumentStore<Doc>(env.store, 'meetings', { cacheMs: 60_000 });
  await docs.change('c-resend', add('a', 'act-1'));
  const r = await docs.change('c-resend', { ...add('a', 'act-1'), current: await docs.get('c-resend') });
  expect(r.duplicate).toBe(true);
  expect((await docs.read('c-resend'))!.value.names).toEqual(['a']);
});

describe('DocCache', () => {
  test('an entry older than maxAge is gone', () => {
    let now = 0;
    const c = new DocCache(1000, 10, () => now);
    c.set('k', { value: {}, etag: 'e', version: 1, lastHash: 'h' });
    now = 1000;
    expect(c.get('k')?.etag).toBe('e');
    now = 1001;
    expect(c.get('k')).toBeUndefined();
  });

  test('beyond maxEntries the least recently used entry goes first', () => {
    const c = new DocCache(1000, 2, () => 0);
    const doc = (etag: string) => ({ value: {}, etag, version: 1, lastHash: 'h' });
    c.set('a', doc('a'));
    c.set('b', doc('b'));
    c.get('a');
    c.set('c', doc('c'));
    expect([c.get('a')?.etag, c.get('b')?.etag, c.get('c')?.etag]).toEqual(['a', undefined, 'c']);
  });

  test('maxAge 0 keeps nothing', () => {
    const c = new DocCache(0);
    c.set('k', { value: {}, etag: 'e', version: 1, lastHash: 'h' });
    expect(c.size).toBe(0);
  });
});
