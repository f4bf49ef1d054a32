import { startTestStorage } from '../support/storage';
import { DocumentStore } from '../../src/storage/document-store';
import { GRACE_MS, IN_REQUEST_MS, MAX_ATTEMPTS, PendingEffects } from '../../src/storage/pending-effects';

/**
 * Pending effects beside a document (issue 15): written in the document's transaction, found by
 * the sweep through their announcements; an announcement whose transaction never landed is
 * dropped after the grace period, and an effect that keeps failing is given up, not retried forever.
 */
let env: Awaited<ReturnType<typeof startTestStorage>>;
beforeAll(async () => {
  env = await startTestStorage();
});
afterAll(async () => {
  await env.stop();
});

type Doc = { n: number };
const actor = { id: 'aad-1', name: 'Maria Lind' };
const T0 = Date.parse('2022-01-20T17:00:00Z');

test('effects land with the change, and only with it; a resend writes nothing more', async () => {
  const pending = new PendingEffects(env.store);
  const docs = new DocumentStore<Doc>(env.store, 'meetings', { pending });
  const effects = (next: Doc) => [{ key: `e|${next.n}`, kind: 'test', data: { n: next.n } }];
  const first = await docs.change('b1|m1', { actor, action: 'a', idempotencyKey: 'k1', now: new Date(T0), apply: (c) => ({ n: (c?.n ?? 0) + 1 }), effects });
  expect(first.effects.map((e) => e.key)).toEqual(['e|1']);
  const again = await docs.change('b1|m1', { actor, action: 'a', idempotencyKey: 'k1', now: new Date(T0), apply: (c) => ({ n: (c?.n ?? 0) + 1 }), effects });
  expect(again).toMatchObject({ duplicate: true, effects: [] });
  // A refused change writes nothing, its effects included.
  await expect(docs.change('b1|m1', { actor, action: 'a', now: new Date(T0), apply: () => { throw new Error('nej'); }, effects })).rejects.toThrow('nej');
  expect((await docs.pendingIn('b1|m1')).map((r) => r.data)).toEqual([{ n: 1 }]);
  // Left to the committing request for a while, then the sweep's.
  expect(await pending.due(T0)).toEqual([]);
  expect((await pending.due(T0 + IN_REQUEST_MS)).map((r) => r.key)).toEqual(['e|1']);
  await pending.done(first.effects[0]);
  expect(await docs.pendingIn('b1|m1')).toEqual([]);
  expect(await pending.due(T0 + GRACE_MS * 2)).toEqual([]);
});

test('an announcement without its row is kept within the grace period and dropped after it', async () => {
  const pending = new PendingEffects(env.store);
  // As if the process died between announcing and committing.
  await pending.announce('meetings', 'b2|m2', [{ key: 'lost', kind: 'test', data: {} }], T0);
  const announced = async () => {
    const rows: string[] = [];
    for await (const e of env.store.table('effects').listEntities({ queryOptions: { filter: `PartitionKey eq 'pending'` } })) rows.push(String(e.rowKey));
    return rows.filter((r) => r.startsWith('meetings|b2|m2|'));
  };
  expect(await pending.due(T0 + 1000)).toEqual([]);
  expect(await announced()).toHaveLength(1);
  expect(await pending.due(T0 + GRACE_MS + 1000)).toEqual([]);
  expect(await announced()).toEqual([]);
});

test('a failing effect backs off, and after the last attempt it is given up and no longer due', async () => {
  const pending = new PendingEffects(env.store);
  const docs = new DocumentStore<Doc>(env.store, 'meetings', { pending });
  const { effects: [row] } = await docs.change('b3|m3', { actor, action: 'a', now: new Date(T0), apply: () => ({ n: 1 }), effects: () => [{ key: 'fails', kind: 'test', data: {} }] });
  expect(await pending.retryLater(row, new Error('fel'), T0)).toEqual({ failed: false });
  expect(await pending.due(T0)).toEqual([]);
  const [later] = await pending.due(T0 + 3_600_000);
  expect(later).toMatchObject({ key: 'fails', attempts: 1 });
  let last = { failed: false };
  for (let i = 1; i < MAX_ATTEMPTS; i++) last = await pending.retryLater({ ...later, attempts: i }, new Error('fel'), T0);
  expect(last).toEqual({ failed: true });
  expect(await pending.due(T0 + 100 * 3_600_000)).toEqual([]);
  expect((await docs.pendingIn('b3|m3')).map((r) => [r.failed, r.attempts])).toEqual([[true, MAX_ATTEMPTS]]);
});
