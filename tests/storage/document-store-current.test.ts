import { DocumentStore } from '../../src/storage/document-store';
import { roundTrips, startTestStorage } from '../support/storage';

/** change({ current }): committing on the activity's own read, without reading again, stays safe. */

type Doc = { names: string[] };
const actor = { id: 'aad-1', name: 'Maria Lind' };

let env: Awaited<ReturnType<typeof startTestStorage>>;
beforeAll(async () => { env = await startTestStorage(); });
afterAll(async () => { await env.stop(); });

const add = (name: string, key?: string) => ({
  actor, action: 'add', idempotencyKey: key,
  apply: (c: Doc | undefined): Doc => {
    if (c?.names.includes(name)) throw new Error(`${name} finns redan`);
    return { names: [...(c?.names ?? []), name] };
  },
});

test('a fresh read commits in one round trip', async () => {
  const docs = new DocumentStore<Doc>(env.store, 'meetings');
  await docs.change('cur-fresh', add('a'));
  const current = await docs.get('cur-fresh');
  expect((await roundTrips(env.store, () => docs.change('cur-fresh', { ...add('b', 'k-1'), current }))).count).toBe(1);
  expect((await docs.get('cur-fresh'))!.value.names).toEqual(['a', 'b']);
});

test('a stale read is replayed on the document as it now is; nothing is lost', async () => {
  const docs = new DocumentStore<Doc>(env.store, 'meetings');
  await docs.change('cur-stale', add('a'));
  const stale = await docs.get('cur-stale');
  await docs.change('cur-stale', add('b'));
  const r = await docs.change('cur-stale', { ...add('c', 'k-2'), current: stale });
  expect(r.duplicate).toBe(false);
  expect((await docs.get('cur-stale'))!.value.names).toEqual(['a', 'b', 'c']);
  expect((await docs.get('cur-stale'))!.version).toBe(3);
});

test('a resend on the copy it already changed is a duplicate, not a refusal, and records once', async () => {
  const docs = new DocumentStore<Doc>(env.store, 'meetings');
  await docs.change('cur-resend', add('a', 'act-1'));
  const after = await docs.get('cur-resend');
  const r = await docs.change('cur-resend', { ...add('a', 'act-1'), current: after });
  expect(r.duplicate).toBe(true);
  expect((await docs.get('cur-resend'))!.version).toBe(1);
  expect(await docs.audit('cur-resend')).toHaveLength(1);
});

test('current null (read found nothing) creates; if the document appeared meanwhile it is replayed', async () => {
  const docs = new DocumentStore<Doc>(env.store, 'meetings');
  await docs.change('cur-new', { ...add('a'), current: null });
  await docs.change('cur-new', { ...add('b', 'k-3'), current: null });
  expect((await docs.get('cur-new'))!.value.names).toEqual(['a', 'b']);
  await expect(docs.change('cur-new', { ...add('a', 'k-4'), current: null })).rejects.toThrow('a finns redan');
  expect((await docs.get('cur-new'))!.version).toBe(2);
});
