import { execFile } from 'node:child_process';
import path from 'node:path';
import os from 'node:os';
import fs from 'node:fs/promises';
import { DocumentStore, auditRowKey, encodeDoc, toAuditEntry } from '../../src/storage/document-store';
import { canonicalJson, sha256 } from '../../src/domain/audit-chain';
import { sealEntryPlain, sealHistory } from '../support/audit';
import { verifyAuditLog } from '../../src/storage/audit-verify';
import { TableStore } from '../../src/storage/table-store';
import { startTestStorage } from '../support/storage';
import { CaseRepo, docRow } from '../../src/storage/cases';
import { legacyCaseRow, legacyHistRow } from '../../src/storage/case-history-legacy';
import { auditKey, DEV_AUDIT_KEY, GENESIS } from '../../src/domain/audit-chain';
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

test('each case is a document with its own audit chain: they verify, and a history line edited in storage or a removed entry is reported', async () => {
  const [id] = await seedCases(env.store);
  let report = await verifyAuditLog(env.store);
  expect(report.problems).toEqual([]);
  expect(report.partitions).toBe(2);
  expect(report.entries).toBe(4);
  const client = env.store.table('cases');
  const row = await client.getEntity<Record<string, unknown>>('b1', docRow(id));
  const doc = JSON.parse(String(row.d0));
  doc.history[1].text = 'Något annat';
  await client.updateEntity({ partitionKey: 'b1', rowKey: docRow(id), ...encodeDoc(doc) }, 'Merge');
  report = await verifyAuditLog(env.store);
  expect(report.problems).toContainEqual({ table: 'cases', partition: `b1|${id}`, seq: 3, problem: 'dokumentet har ändrats utanför loggen' });
  await client.deleteEntity('b1', auditRowKey(3, `audit|${id}|`));
  report = await verifyAuditLog(env.store);
  expect(report.problems).toContainEqual({ table: 'cases', partition: `b1|${id}`, seq: 3, problem: 'dokumentet har version 3 men loggen slutar vid 2' });
});

function runScript(connectionString: string, args: string[] = []): Promise<{ code: number; stdout: string }> {
  const tsx = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
  return new Promise((resolve) => {
    execFile(tsx, ['scripts/audit-verify.ts', ...args], { cwd: path.join(__dirname, '..', '..'), env: { ...process.env, AZURE_TABLES_CONNECTION_STRING: connectionString } }, (err, stdout) =>
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

test('a case audit entry edited and re-sealed without the key is reported', async () => {
  const [id] = await seedCases(env.store);
  const client = env.store.table('cases');
  const rowKey = auditRowKey(2, `audit|${id}|`);
  const { hash: _h, scheme, keyId: _k, ...content } = toAuditEntry(await client.getEntity('b1', rowKey));
  expect(scheme).toBe('hmac-sha256');
  // The forger recomputes a plain SHA-256 hash (the older scheme) over the edited entry.
  await client.updateEntity({ partitionKey: 'b1', rowKey, ...sealEntryPlain({ ...content, summary: 'Något annat' }) }, 'Replace');
  const report = await verifyAuditLog(env.store);
  expect(report.problems).toContainEqual({ table: 'cases', partition: `b1|${id}`, seq: 2, problem: 'posten är bara hash-förseglad fast tidigare poster är nyckelförseglade (omförseglad utan nyckeln)' });
  expect(report.hashOnly).toContainEqual({ table: 'cases', partition: `b1|${id}`, seqs: [2] });
});

test('cases of the layout before the document store are carried over once at start, history and open index intact, and verify', async () => {
  const client = env.store.table('cases');
  const key = auditKey(DEV_AUDIT_KEY);
  const c: Case = { id: '2021-00007', bodyId: 'b9', number: '2021:7', title: 'Gammalt ärende', origin: { kind: 'direkt' }, status: 'pågående', tags: [], attachments: [], nextMeeting: false, createdAt: '2021-11-01T09:00:00.000Z', lastActivityAt: '2021-11-02T09:00:00.000Z' };
  const lines = [
    { seq: 1, at: c.createdAt, by: 'Maria Lind', byId: 'aad-1', kind: 'skapat' as const, text: 'Ärendet skapades' },
    { seq: 2, at: c.lastActivityAt, by: 'Maria Lind', byId: 'aad-1', kind: 'status' as const, text: 'Status ändrad från öppet till pågående' },
  ];
  let prev = GENESIS;
  for (const h of lines) {
    const sealed = sealHistory(h, prev, key);
    await client.createEntity({ partitionKey: 'b9', rowKey: legacyHistRow(c.id, h.seq), ...h, ...sealed });
    prev = sealed.hash;
  }
  await client.createEntity({ partitionKey: 'b9', rowKey: legacyCaseRow(c.id), status: c.status, open: true, data: JSON.stringify(c), histSeq: 2, lastHash: prev });
  await client.createEntity({ partitionKey: 'b9', rowKey: `open|${c.id}`, status: c.status, open: true, data: JSON.stringify(c) });
  await client.createEntity({ partitionKey: 'b9', rowKey: 'counter|2021', n: 7 });
  expect((await verifyAuditLog(env.store)).problems).toEqual([]);

  const repo = new CaseRepo(env.store);
  expect(await repo.migrateOldLayout()).toBe(1);
  expect(await repo.migrateOldLayout()).toBe(0);
  const got = (await repo.withHistory('b9', c.id))!;
  expect(got.loaded.value).toEqual(c);
  expect(got.history).toEqual(lines);
  expect((await repo.listOpen('b9')).map((x) => x.id)).toEqual([c.id]);
  expect((await repo.listAll('b9')).map((x) => x.id)).toEqual([c.id]);
  const audit = await repo.docs.audit({ partition: 'b9', id: c.id });
  expect(audit.map((e) => e.action)).toEqual(['ärende.flytta']);
  expect(audit[0].summary).toContain(`med 2 historikposter; den tidigare kedjans sista hash ${prev}`);
  // The old rows are gone; numbering goes on after the old numbers; everything verifies.
  const left: string[] = [];
  for await (const e of client.listEntities({ queryOptions: { filter: `PartitionKey eq 'b9'` } })) left.push(String(e.rowKey));
  expect(left.filter((k) => k.startsWith('case|') || k.startsWith('hist|'))).toEqual([]);
  const { value } = await repo.create('b9', { title: 'Nytt', origin: { kind: 'direkt' }, tags: [] }, actor, new Date('2021-12-01T09:00:00Z'), 'nytt');
  expect(value.number).toBe('2021:8');
  expect((await verifyAuditLog(env.store)).problems).toEqual([]);
});

test('npm run audit:verify lists entries sealed only with plain SHA-256 apart and still exits 0', async () => {
  await new DocumentStore<Doc>(env.store, 'bodies').change('b1', add('a'));
  await new DocumentStore<Doc>(env.store, 'meetings').change('b1|m1', add('x'));
  // Rewrite the chain as the code before PARAGRAF_AUDIT_KEY stored it.
  const client = env.store.table('meetings');
  const { hash: _h, scheme: _s, keyId: _k, ...content } = toAuditEntry(await client.getEntity('b1|m1', auditRowKey(1)));
  const legacy = sealEntryPlain(content);
  await client.updateEntity({ partitionKey: 'b1|m1', rowKey: auditRowKey(1), ...legacy }, 'Replace');
  await client.updateEntity({ partitionKey: 'b1|m1', rowKey: 'doc', lastHash: legacy.hash }, 'Merge');
  const out = await runScript(env.azurite.connectionString);
  expect(out.stdout).not.toContain('FEL');
  expect(out.code).toBe(0);
  expect(out.stdout).toContain('OBS: 1 loggposter i 1 dokument är bara hash-förseglade (från före PARAGRAF_AUDIT_KEY)');
  expect(out.stdout).toContain('  meetings / b1|m1: post 1');
  expect(out.stdout).toMatch(/^OK: 2 dokument och 2 loggposter/m);
}, 60000);

test('npm run audit:verify --heads: the newest entry removed with the document rolled back is reported from the log', async () => {
  const logged: string[] = [];
  const bodies = new DocumentStore<Doc>(env.store, 'bodies', { onHead: (h) => logged.push(JSON.stringify({ level: 30, auditHead: h, msg: 'audit head' })) });
  for (const n of ['a', 'b']) await bodies.change('b1', add(n));
  const client = env.store.table('bodies');
  const atOne = await client.getEntity<Record<string, unknown>>('b1', auditRowKey(1));
  await bodies.change('b1', add('c'));
  // Entry 3 deleted, entry 2 deleted, the document put back to what entry 1 left.
  await client.deleteEntity('b1', auditRowKey(3));
  await client.deleteEntity('b1', auditRowKey(2));
  await client.updateEntity({ partitionKey: 'b1', rowKey: 'doc', version: 1, lastHash: atOne.hash, ...encodeDoc({ names: ['a'] }) }, 'Replace');
  expect((await verifyAuditLog(env.store)).problems).toEqual([]);
  const file = path.join(os.tmpdir(), `paragraf-heads-${process.pid}.log`);
  await fs.writeFile(file, ['not json', ...logged].join('\n'));
  const out = await runScript(env.azurite.connectionString, ['--heads', file]);
  expect(out.code).toBe(1);
  expect(out.stdout).toContain('Kedjehuvuden från loggen jämförs med lagringen (1 st).');
  expect(out.stdout).toContain('bodies / b1 / post 3: loggens kedjehuvud visar post 3, men kedjan slutar vid 1: de senaste posterna är borttagna');
  await fs.rm(file);
}, 60000);
