import { DocumentStore } from '../../src/storage/document-store';
import { verifyChain, contentHash, auditKey, DEV_AUDIT_KEY } from '../../src/domain/audit-chain';

const devKey = auditKey(DEV_AUDIT_KEY);
import { startTestStorage } from '../support/storage';

type Counter = { names: string[]; big?: string };
const actor = { id: 'aad-1', name: 'Maria Lind' };

let env: Awaited<ReturnType<typeof startTestStorage>>;
beforeAll(async () => { env = await startTestStorage(); });
afterAll(async () => { await env.stop(); });

const add = (name: string, key?: string) => ({
  actor, action: 'add', idempotencyKey: key,
  apply: (c: Counter | undefined): Counter => ({ ...c, names: [...(c?.names ?? []), name] }),
});

test('50 concurrent writers on one document lose nothing, and the audit chain verifies', async () => {
  const docs = new DocumentStore<Counter>(env.store, 'meetings');
  const names = Array.from({ length: 50 }, (_, i) => `m${i}`);
  await Promise.all(names.map((n) => docs.change('race', add(n))));
  const loaded = await docs.get('race');
  expect([...loaded!.value.names].sort()).toEqual([...names].sort());
  expect(loaded!.version).toBe(50);
  const audit = await docs.audit('race');
  expect(audit).toHaveLength(50);
  expect(verifyChain(audit, devKey, contentHash(loaded!.value), loaded!.version)).toEqual([]);
}, 120000);

test('the same idempotency key records once, even when resent concurrently', async () => {
  const docs = new DocumentStore<Counter>(env.store, 'meetings');
  const results = await Promise.all([docs.change('idem', add('a', 'act-1')), docs.change('idem', add('a', 'act-1')), docs.change('idem', add('a', 'act-1'))]);
  expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
  expect((await docs.get('idem'))!.value.names).toEqual(['a']);
});

test('a refusal thrown by apply writes nothing', async () => {
  const docs = new DocumentStore<Counter>(env.store, 'meetings');
  await docs.change('refuse', add('x'));
  await expect(docs.change('refuse', { actor, action: 'bad', apply: () => { throw new Error('nej'); } })).rejects.toThrow('nej');
  expect((await docs.get('refuse'))!.version).toBe(1);
  expect(await docs.audit('refuse')).toHaveLength(1);
});

test('documents larger than one property are split and read back whole', async () => {
  const docs = new DocumentStore<Counter>(env.store, 'meetings');
  const big = 'å'.repeat(100_000);
  await docs.change('big', { actor, action: 'big', apply: () => ({ names: [], big }) });
  expect((await docs.get('big'))!.value.big).toBe(big);
});

test('an edited or deleted audit entry is detected', async () => {
  const docs = new DocumentStore<Counter>(env.store, 'meetings');
  for (const n of ['a', 'b', 'c']) await docs.change('tamper', add(n));
  const client = docs.raw();
  const e2 = await client.getEntity('tamper', 'audit|0000000002');
  await client.updateEntity({ ...e2, partitionKey: 'tamper', rowKey: 'audit|0000000002', actorName: 'Någon annan' }, 'Replace');
  const loaded = (await docs.get('tamper'))!;
  const problems = verifyChain(await docs.audit('tamper'), devKey, contentHash(loaded.value), loaded.version);
  expect(problems.map((p) => p.seq)).toContain(2);
  await client.deleteEntity('tamper', 'audit|0000000003');
  const after = verifyChain(await docs.audit('tamper'), devKey, contentHash(loaded.value), loaded.version);
  expect(after.some((p) => /slutar vid 2/.test(p.problem))).toBe(true);
});
