import { execFile } from 'node:child_process';
import path from 'node:path';
import { DocumentStore, encodeDoc } from '../../src/storage/document-store';
import { verifyAuditLog } from '../../src/storage/audit-verify';
import { TableStore } from '../../src/storage/table-store';
import { startTestStorage } from '../support/storage';
import { CaseRepo, histRow } from '../../src/storage/cases';
import { addNote, type Case } from '../../src/domain/cases';

type Doc = { names: string[] };
const actor = { id: 'aad-1', name: 'Maria Lind' };
const add = (name: string) => ({ actor, action: 'add', idempotencyKey: `k-${name}`, apply: (c: Doc | undefined): Doc => ({ names: [...(c?.names ?? []), name] }) });

let env: Awaited<ReturnType<typeof startTestStorage>>;
beforeEach(async () => {
  env = await startTestStorage();
});
afterEach(async () => {
  await env.stop();
});

/** Three bodies-documents and a meeting, each with a chain of changes. */
async function seed(store: TableStore): Promise<void> {
  const bodies = new DocumentStore<Doc>(store, 'bodies');
  const meetings = new DocumentStore<Doc>(store, 'meetings');
  for (const pk of ['b1', 'b2', 'b3']) for (const n of ['a', 'b', 'c']) await bodies.change(pk, add(n));
  for (const n of ['x', 'y']) await meetings.change('b1|m1', add(n));
}

test('a clean store verifies, counting every document and entry', async () => {
  await seed(env.store);
  const report = await verifyAuditLog(env.store);
  expect(report.problems).toEqual([]);
  expect(report.partitions).toBe(4);
  expect(report.entries).toBe(11);
});

test('an edited audit entry is reported with its partition and seq', async () => {
  await seed(env.store);
  const client = env.store.table('bodies');
  const e = await client.getEntity('b2', 'audit|0000000002');
  await client.updateEntity({ ...e, partitionKey: 'b2', rowKey: 'audit|0000000002', actorName: 'Någon annan' }, 'Replace');
  const { problems } = await verifyAuditLog(env.store);
  expect(problems).toContainEqual(expect.objectContaining({ table: 'bodies', partition: 'b2', seq: 2, problem: expect.stringMatching(/ändrats/) }));
  expect(problems.every((p) => p.partition === 'b2')).toBe(true);
});

test('a deleted entry in the middle and at the end are both reported', async () => {
  await seed(env.store);
  const client = env.store.table('bodies');
  await client.deleteEntity('b1', 'audit|0000000002');
  await client.deleteEntity('b3', 'audit|0000000003');
  const { problems } = await verifyAuditLog(env.store);
  expect(problems).toContainEqual(expect.objectContaining({ partition: 'b1', seq: 3, problem: 'post 2 saknas' }));
  expect(problems).toContainEqual(expect.objectContaining({ partition: 'b3', problem: expect.stringMatching(/version 3 men loggen slutar vid 2/) }));
});

test('a document edited outside the log is reported', async () => {
  await seed(env.store);
  const client = env.store.table('meetings');
  const doc = await client.getEntity<Record<string, unknown>>('b1|m1', 'doc');
  await client.updateEntity({ ...doc, partitionKey: 'b1|m1', rowKey: 'doc', ...encodeDoc({ names: ['x', 'y', 'smugglad'] }) }, 'Replace');
  const { problems } = await verifyAuditLog(env.store);
  expect(problems).toEqual([{ table: 'meetings', partition: 'b1|m1', seq: 2, problem: 'dokumentet har ändrats utanför loggen' }]);
});

test('a document deleted while its log remains is reported', async () => {
  await seed(env.store);
  await env.store.table('bodies').deleteEntity('b3', 'doc');
  const { problems } = await verifyAuditLog(env.store);
  expect(problems).toEqual([{ table: 'bodies', partition: 'b3', seq: 3, problem: 'dokumentet saknas men loggen har 3 poster (aggregatet är borttaget)' }]);
});

async function seedCases(store: TableStore): Promise<string[]> {
  const cases = new CaseRepo(store);
  const ids: string[] = [];
  for (const title of ['Patientråd', 'Budget']) {
    const { value } = await cases.create('b1', { title, origin: { kind: 'direkt' } as Case['origin'], tags: [] }, actor, new Date('2021-12-17T10:00:00Z'), `src|${title}`);
    ids.push(value.id);
  }
  const ch = { by: actor.name, byId: actor.id, at: '2021-12-18T10:00:00.000Z' };
  for (const note of ['Första', 'Andra']) await cases.change('b1', ids[0], (cur) => addNote(cur, note, ch));
  return ids;
}

test('the ärendelogg history chains verify, and an edited or deleted history row is reported', async () => {
  const [id] = await seedCases(env.store);
  let report = await verifyAuditLog(env.store);
  expect(report.problems).toEqual([]);
  expect(report.partitions).toBe(2);
  expect(report.entries).toBe(4);
  const client = env.store.table('cases');
  const row = await client.getEntity('b1', histRow(id, 2));
  await client.updateEntity({ ...row, partitionKey: 'b1', rowKey: histRow(id, 2), text: 'Något annat' }, 'Replace');
  report = await verifyAuditLog(env.store);
  expect(report.problems).toContainEqual({ table: 'cases', partition: `b1|${id}`, seq: 2, problem: 'post 2 har ändrats' });
  await client.deleteEntity('b1', histRow(id, 3));
  report = await verifyAuditLog(env.store);
  expect(report.problems.map((p) => p.problem)).toEqual(expect.arrayContaining(['den sista posten saknas', 'ärendet har 3 historikposter men historiken slutar vid 2']));
});

function runScript(connectionString: string): Promise<{ code: number; stdout: string }> {
  const tsx = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
  return new Promise((resolve) => {
    execFile(tsx, ['scripts/audit-verify.ts'], { cwd: path.join(__dirname, '..', '..'), env: { ...process.env, AZURE_TABLES_CONNECTION_STRING: connectionString } }, (err, stdout) =>
      resolve({ code: err ? Number((err as { code?: number }).code) : 0, stdout }),
    );
  });
}

test('npm run audit:verify prints OK on a clean store and exits 1 naming the problem otherwise', async () => {
  await seed(env.store);
  const ok = await runScript(env.azurite.connectionString);
  expect(ok.code).toBe(0);
  expect(ok.stdout).toMatch(/^OK: 4 dokument och 11 loggposter/m);
  const client = env.store.table('bodies');
  await client.deleteEntity('b2', 'audit|0000000001');
  const bad = await runScript(env.azurite.connectionString);
  expect(bad.code).toBe(1);
  expect(bad.stdout).toContain('bodies / b2 / post 2: post 1 saknas');
}, 60000);
