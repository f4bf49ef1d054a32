import { startTestStorage } from '../support/storage';
import { CaseRepo, docRow } from '../../src/storage/cases';
import { encodeDoc } from '../../src/storage/document-store';
import { verifyAuditLog } from '../../src/storage/audit-verify';
import { addNote, changeStatus } from '../../src/domain/cases';
import type { TableStore } from '../../src/storage/table-store';


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

test('a case is a document on the shared store: its history grows with each change, and an edit behind the audit chain is detected', async () => {
  const repo = new CaseRepo(store);
  const { value } = await repo.create('body-a', { title: 'Kedja', origin: { kind: 'direkt' }, tags: [] }, actor, new Date('2021-12-17T09:00:00Z'), 'k1');
  await repo.change('body-a', value.id, (c) => addNote(c, 'Första', at('2021-12-17T10:00:00Z')));
  await repo.change('body-a', value.id, (c) => changeStatus(c, 'pågående', at('2021-12-17T11:00:00Z')));
  // The same keyed change twice records once.
  await repo.change('body-a', value.id, (c) => addNote(c, 'Andra', at('2021-12-17T12:00:00Z')), 'idem-1');
  expect((await repo.change('body-a', value.id, (c) => addNote(c, 'Andra', at('2021-12-17T12:00:00Z')), 'idem-1')).duplicate).toBe(true);
  const got = (await repo.withHistory('body-a', value.id))!;
  expect(got.history.map((h) => [h.seq, h.kind])).toEqual([[1, 'skapat'], [2, 'anteckning'], [3, 'status'], [4, 'anteckning']]);
  const audit = await repo.docs.audit({ partition: 'body-a', id: value.id });
  expect(audit.map((e) => [e.seq, e.action, e.actorName])).toEqual([[1, 'ärende.skapa', 'Maria Lind'], [2, 'ärende.ändra', 'Maria Lind'], [3, 'ärende.ändra', 'Maria Lind'], [4, 'ärende.ändra', 'Maria Lind']]);
  expect((await repo.docs.readVerified({ partition: 'body-a', id: value.id })).problems).toEqual([]);

  const row = await store.table('cases').getEntity<Record<string, unknown>>('body-a', docRow(value.id));
  const doc = JSON.parse(String(row.d0));
  doc.history[1].text = 'Ändrad i efterhand';
  await store.table('cases').updateEntity({ partitionKey: 'body-a', rowKey: docRow(value.id), ...encodeDoc(doc) }, 'Merge');
  expect((await repo.docs.readVerified({ partition: 'body-a', id: value.id })).problems.map((p) => p.problem)).toContain('dokumentet har ändrats utanför loggen');
  expect((await verifyAuditLog(store)).problems.some((p) => p.partition === `body-a|${value.id}`)).toBe(true);
});

test('concurrent changes to one case all land, each in the chain once', async () => {
  const repo = new CaseRepo(store);
  const { value } = await repo.create('body-b', { title: 'Många', origin: { kind: 'direkt' }, tags: [] }, actor, new Date('2021-12-17T09:00:00Z'), 'k2');
  await Promise.all(Array.from({ length: 15 }, (_, i) => repo.change('body-b', value.id, (c) => addNote(c, `Anteckning ${i}`, at('2021-12-17T10:00:00Z')))));
  const got = (await repo.withHistory('body-b', value.id))!;
  expect(got.history).toHaveLength(16);
  expect(new Set(got.history.map((h) => h.text)).size).toBe(16);
  expect(got.history.map((h) => h.seq)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  expect((await repo.docs.readVerified({ partition: 'body-b', id: value.id })).problems).toEqual([]);
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
