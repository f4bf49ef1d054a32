import { startTestStorage } from '../support/storage';
import { CaseRepo, histRow, verifyHistory } from '../../src/storage/cases';
import { addNote, changeStatus } from '../../src/domain/cases';
import type { TableStore } from '../../src/storage/table-store';
import { auditKey, DEV_AUDIT_KEY } from '../../src/domain/audit-chain';

const devKey = auditKey(DEV_AUDIT_KEY);

let storage: Awaited<ReturnType<typeof startTestStorage>>;
let store: TableStore;
beforeAll(async () => {
  storage = await startTestStorage();
  store = storage.store;
});
afterAll(async () => {
  await storage.stop();
});

const actor = { id: 'aad-maria', name: 'Maria Lind' };
const at = (s: string) => ({ by: actor.name, byId: actor.id, at: s });

test('history is append-only and hash-chained: an edited or deleted row is detected', async () => {
  const repo = new CaseRepo(store);
  const { value } = await repo.create('body-a', { title: 'Kedja', origin: { kind: 'direkt' }, tags: [] }, actor, new Date('2021-12-17T09:00:00Z'), 'k1');
  await repo.change('body-a', value.id, (c) => addNote(c, 'Första', at('2021-12-17T10:00:00Z')));
  await repo.change('body-a', value.id, (c) => changeStatus(c, 'pågående', at('2021-12-17T11:00:00Z')));
  let got = (await repo.withHistory('body-a', value.id))!;
  expect(got.history.map((h) => h.seq)).toEqual([1, 2, 3]);
  expect(verifyHistory(got.history, devKey, got.loaded.lastHash)).toEqual([]);

  await store.table('cases').updateEntity({ partitionKey: 'body-a', rowKey: histRow(value.id, 2), text: 'Ändrad i efterhand' }, 'Merge');
  got = (await repo.withHistory('body-a', value.id))!;
  expect(verifyHistory(got.history, devKey, got.loaded.lastHash).join()).toMatch(/post 2 har ändrats/);

  await store.table('cases').deleteEntity('body-a', histRow(value.id, 3));
  got = (await repo.withHistory('body-a', value.id))!;
  expect(verifyHistory(got.history, devKey, got.loaded.lastHash).join()).toMatch(/sista posten saknas/);
});

test('concurrent changes to one case all land, each in the chain once', async () => {
  const repo = new CaseRepo(store);
  const { value } = await repo.create('body-b', { title: 'Många', origin: { kind: 'direkt' }, tags: [] }, actor, new Date('2021-12-17T09:00:00Z'), 'k2');
  await Promise.all(Array.from({ length: 15 }, (_, i) => repo.change('body-b', value.id, (c) => addNote(c, `Anteckning ${i}`, at('2021-12-17T10:00:00Z')))));
  const got = (await repo.withHistory('body-b', value.id))!;
  expect(got.history).toHaveLength(16);
  expect(new Set(got.history.map((h) => h.text)).size).toBe(16);
  expect(verifyHistory(got.history, devKey, got.loaded.lastHash)).toEqual([]);
});

test('the open index follows the status: closing removes it, reopening brings it back', async () => {
  const repo = new CaseRepo(store);
  const { value } = await repo.create('body-c', { title: 'Index', origin: { kind: 'direkt' }, tags: [] }, actor, new Date('2021-12-17T09:00:00Z'), 'k3');
  expect((await repo.listOpen('body-c')).map((c) => c.id)).toEqual([value.id]);
  await repo.change('body-c', value.id, (c) => changeStatus(c, 'avslutat', at('2021-12-17T10:00:00Z'), 'Klart'));
  expect(await repo.listOpen('body-c')).toEqual([]);
  expect(await repo.listOpenByFilter('body-c')).toEqual([]);
  await repo.change('body-c', value.id, (c) => changeStatus(c, 'pågående', at('2021-12-17T11:00:00Z')));
  expect((await repo.listOpen('body-c')).map((c) => c.status)).toEqual(['pågående']);
  expect((await repo.listOpenByFilter('body-c')).map((c) => c.status)).toEqual(['pågående']);
});
