import { MeetingRepo } from '../../src/storage/meetings';
import { newMeeting, type Meeting } from '../../src/domain/meeting';
import { roundTrips, startTestStorage } from '../support/storage';

/** A body's meetings are listed from its row in the meeting index: one single-partition query. */

let env: Awaited<ReturnType<typeof startTestStorage>>;
beforeAll(async () => { env = await startTestStorage(); });
afterAll(async () => { await env.stop(); });

const actor = { id: 'aad-1', name: 'Maria Lind' };
const meeting = (bodyId: string, id: string, start: string): Meeting => newMeeting({ id, bodyId, start, status: 'planerat', items: [], createdBy: 'aad-1', createdAt: '2030-01-01T00:00:00.000Z' });
const create = (repo: MeetingRepo, m: Meeting, current?: null) =>
  repo.change(m.bodyId, m.id, { actor, action: 'möte.skapa', current, apply: (c) => c ?? m });

test('meetings created either way are listed, in order, and only for their own body', async () => {
  const repo = new MeetingRepo(env.store);
  await create(repo, meeting('bA', 'm2', '2030-03-01T09:00'), null); // as nytt möte: index written beside the creation
  await create(repo, meeting('bA', 'm1', '2030-02-01T09:00')); // any other creation: index written after
  await create(repo, meeting('bB', 'm3', '2030-01-01T09:00'), null);
  expect((await repo.listForBody('bA')).map((m) => m.id)).toEqual(['m1', 'm2']);
  expect((await repo.listForBody('bB')).map((m) => m.id)).toEqual(['m3']);
});

test('listing is one query, then the documents side by side (none when this instance holds them)', async () => {
  const cold = new MeetingRepo(env.store);
  for (const [id, start] of [['c1', '2030-01-01T09:00'], ['c2', '2030-02-01T09:00'], ['c3', '2030-03-01T09:00']]) await create(cold, meeting('bC', id, start), null);
  const uncached = await roundTrips(env.store, () => cold.listForBody('bC'));
  expect(uncached).toMatchObject({ kinds: { query: 1, 'point read': 3 }, sequential: 2 });
  const warm = new MeetingRepo(env.store, { cacheMs: 60_000 });
  await warm.listForBody('bC');
  expect(await roundTrips(env.store, () => warm.listForBody('bC'))).toMatchObject({ count: 1, kinds: { query: 1, 'point read': 0 } });
});

test('an index row whose meeting was never stored is skipped', async () => {
  const repo = new MeetingRepo(env.store);
  await create(repo, meeting('bD', 'd1', '2030-01-01T09:00'), null);
  await env.store.table('meetingIndex').upsertEntity({ partitionKey: 'bD', rowKey: 'aldrig-skapat' }, 'Replace');
  expect((await repo.listForBody('bD')).map((m) => m.id)).toEqual(['d1']);
});

test('meetings stored without an index row (before the index, or a failed write) are entered by ensureIndex', async () => {
  const repo = new MeetingRepo(env.store);
  await create(repo, meeting('bE', 'e1', '2030-01-01T09:00'), null);
  await create(repo, meeting('bE', 'e2', '2030-02-01T09:00'), null);
  for (const id of ['e1', 'e2']) await env.store.table('meetingIndex').deleteEntity('bE', id);
  expect(await repo.listForBody('bE')).toEqual([]);
  expect(await repo.ensureIndex()).toBe(2);
  expect((await repo.listForBody('bE')).map((m) => m.id)).toEqual(['e1', 'e2']);
  expect(await repo.ensureIndex()).toBe(0); // nothing missing the second time: no writes
});

test('a refused creation leaves no index row behind', async () => {
  const repo = new MeetingRepo(env.store);
  await expect(repo.change('bF', 'f1', { actor, action: 'möte.skapa', current: null, apply: () => { throw new Error('nej'); } })).rejects.toThrow('nej');
  const rows = [];
  for await (const e of env.store.table('meetingIndex').listEntities({ queryOptions: { filter: "PartitionKey eq 'bF'" } })) rows.push(e);
  expect(rows).toEqual([]);
});
