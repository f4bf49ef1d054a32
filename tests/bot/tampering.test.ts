import { TestBot, groupChat, personalChat, cardText } from '../support/bot';
import { kommunallagen, maria, carin, eva } from '../support/protocol-fixtures';
import { cast, prepareMeeting } from '../support/meeting-fixture';
import { auditRowKey, decodeDoc, encodeDoc, toAuditEntry } from '../../src/storage/document-store';
import { verifyAuditLog } from '../../src/storage/audit-verify';
import { parseHeads } from '../../src/storage/audit-heads';
import { auditKey, contentHash, DEV_AUDIT_KEY, sealEntry, type AuditEntry } from '../../src/domain/audit-chain';
import { sealEntryPlain } from '../support/audit';
import { canonical } from '../../src/domain/protocol/markdown';
import type { Meeting } from '../../src/domain/meeting';
import type { Built } from '../support/protocol-fixtures';

/**
 * Someone with write access to Table Storage, but not PARAGRAF_AUDIT_KEY, changes a justerat
 * protocol or removes a meeting. The bot must not show the forged text as justerat, and
 * `audit:verify` must say what happened.
 */

const KEY = 'test-audit-key-0123456789-abcdefghijklmnop';
const logs: any[] = [];
let bot: TestBot;
let now = new Date('2022-06-01T14:00:00Z');
beforeAll(async () => {
  // No document cache: a change made directly in storage is what the next request reads.
  bot = await TestBot.start({ clock: () => now, env: { PARAGRAF_AUDIT_KEY: KEY, PARAGRAF_DOC_CACHE_MS: '0', LOG_LEVEL: 'info' }, logStream: { write: (l) => void logs.push(JSON.parse(l)) } });
});
afterAll(async () => {
  await bot.stop();
});

const FORGED = 'att säga upp avtalet';
const REFUSAL = /^Protokollet \(version 1\) stämmer inte med sin kontrollsumma och visas inte\. Kontakta sekreteraren/;
const verify = () => verifyAuditLog(bot.paragraf.store, { key: auditKey(KEY) });

/** A kommunallagen meeting whose protocol version 1 is justerat and locked, through the bot. */
async function lockedMeeting(name: string): Promise<Built & { conv: ReturnType<typeof groupChat>; ids: { bodyId: string; meetingId: string } }> {
  now = new Date('2022-06-01T14:00:00Z');
  const conv = groupChat(name);
  const built = await kommunallagen(bot.services, conv, { start: '2022-06-01T13:00' });
  const ids = { bodyId: built.body.id, meetingId: built.meeting.id };
  await bot.say(maria, conv, 'protokoll');
  await bot.press(maria, conv, 'protokoll.skicka', ids);
  now = new Date('2022-06-01T15:00:00Z');
  await bot.press(eva, personalChat(eva), 'protokoll.justera', { ...ids, version: 1 });
  await bot.press(carin, personalChat(carin), 'protokoll.justera', { ...ids, version: 1 });
  await bot.drain();
  return { ...built, conv, ids };
}

const meetingsTable = () => bot.paragraf.store.table('meetings');

async function readDoc(pk: string): Promise<{ entity: Record<string, unknown>; meeting: Meeting }> {
  const entity = await meetingsTable().getEntity<Record<string, unknown>>(pk, 'doc');
  return { entity, meeting: decodeDoc<Meeting>(entity) };
}

/** Rewrites the meeting document in storage, as someone with storage access would. */
async function writeDoc(pk: string, entity: Record<string, unknown>, meeting: Meeting, extra: Record<string, unknown> = {}): Promise<void> {
  await meetingsTable().updateEntity({ ...entity, partitionKey: pk, rowKey: 'doc', ...encodeDoc(meeting), ...extra }, 'Replace');
}

/** The naive edit: the decision's words replaced wherever they stand, kontrollsumma left as it was. */
function forge(m: Meeting): Meeting {
  return JSON.parse(JSON.stringify(m).replaceAll('att godkänna avtalet', FORGED)) as Meeting;
}

function links(card: any): { md: string; docx: string } {
  const urls: string[] = [];
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (n.type === 'Action.OpenUrl') urls.push(n.url);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return { md: urls.find((u) => u.includes('.md?'))!, docx: urls.find((u) => u.includes('.docx?'))! };
}

function get(url: string): Promise<Response> {
  const u = new URL(url);
  return fetch(`${bot.paragraf.url}${u.pathname}${u.search}`);
}

test('a naive edit of a justerat protocol: the card and both documents refuse, and say so in Swedish, instead of showing the forged text', async () => {
  const { conv, ids } = await lockedMeeting('tamper-naive');
  const shown = await bot.say(maria, conv, 'protokoll');
  const doc = links(shown.cards[0]);
  expect(cardText(shown.cards[0])).toContain('kontrollsumma');
  expect((await get(doc.md)).status).toBe(200);

  const pk = `${ids.bodyId}|${ids.meetingId}`;
  const { entity, meeting } = await readDoc(pk);
  await writeDoc(pk, entity, forge(meeting));

  const card = await bot.say(maria, conv, 'protokoll');
  expect(card.cards).toEqual([]);
  expect(card.texts).toEqual([expect.stringMatching(REFUSAL)]);
  for (const url of [doc.md, doc.docx]) {
    const res = await get(url);
    expect(res.status).toBe(409);
    const text = await res.text();
    expect(text).toMatch(REFUSAL);
    expect(text).not.toContain(FORGED);
  }
  // Nor is the forged text anslaget or made the base of a rättelse: nothing is recorded.
  const anslag = await bot.press(maria, conv, 'protokoll.anslå', { ...ids, date: '2022-06-01' });
  expect(anslag.card).toBeUndefined();
  expect(anslag.message).toMatch(/^Protokollet \(version 1\) stämmer inte med sin kontrollsumma och kan inte anslås\. Kontakta sekreteraren/);
  const rattelse = await bot.press(maria, conv, 'protokoll.rätta', { ...ids, paragraph: '2', text: 'Ny lydelse', rattelse: true });
  expect(rattelse.message).toMatch(/stämmer inte med sin kontrollsumma och kan inte rättas/);
  const unchanged = (await readDoc(pk)).meeting;
  expect(unchanged.anslag).toBeUndefined();
  expect(unchanged.protocol).toHaveLength(1);
  const everything = JSON.stringify([card.sent, anslag.body]);
  expect(everything).not.toContain(FORGED);
  // Whoever runs Paragraf reads it as an error, with the meeting and the version.
  expect(logs).toContainEqual(expect.objectContaining({ level: 50, meetingId: ids.meetingId, version: 1, msg: expect.stringMatching(/content hash/) }));
  expect(logs.filter((l) => l.level === 50 && l.code === 'tampered').length).toBeGreaterThanOrEqual(2);
  // audit:verify sees a document changed outside the log.
  const report = await verify();
  expect(report.problems).toContainEqual(expect.objectContaining({ table: 'meetings', partition: pk, problem: 'dokumentet har ändrats utanför loggen' }));
}, 60000);

test('a draft changed in storage under justering cannot be justerad: the justerare is told, and nothing is locked', async () => {
  now = new Date('2022-06-01T14:00:00Z');
  const conv = groupChat('tamper-draft');
  const { body, meeting: m0 } = await kommunallagen(bot.services, conv, { start: '2022-06-01T13:00' });
  const ids = { bodyId: body.id, meetingId: m0.id };
  await bot.say(maria, conv, 'protokoll');
  await bot.press(maria, conv, 'protokoll.skicka', ids);
  await bot.press(eva, personalChat(eva), 'protokoll.justera', { ...ids, version: 1 });
  const pk = `${ids.bodyId}|${ids.meetingId}`;
  const { entity, meeting } = await readDoc(pk);
  await writeDoc(pk, entity, forge(meeting));
  const last = await bot.press(carin, personalChat(carin), 'protokoll.justera', { ...ids, version: 1 });
  expect(last.card).toBeUndefined();
  expect(last.message).toMatch(/^Protokollet \(version 1\) stämmer inte med sin kontrollsumma och kan inte justeras\. Kontakta sekreteraren/);
  const after = (await readDoc(pk)).meeting;
  expect(after.status).toBe('under justering');
  expect(after.protocol[0].lockedAt).toBeUndefined();
  expect(after.protocol[0].approvals.map((a) => a.name)).toEqual(['Eva Stuge']);
}, 60000);

/**
 * The careful forger: the decision changed, the protocol's kontrollsumma recomputed so the bot's own
 * check passes, the newest audit entry rewritten to the new document and its hash recomputed. Without
 * the key the entry can only be re-sealed with plain SHA-256 or with a key of their own.
 */
test('a re-sealed edit of a justerat protocol is caught by audit:verify, however the entry is re-sealed, and the bot does not show it', async () => {
  const { conv, ids } = await lockedMeeting('tamper-resealed');
  const pk = `${ids.bodyId}|${ids.meetingId}`;
  expect((await verify()).problems.filter((p) => p.partition === pk)).toEqual([]);
  const doc = links((await bot.say(maria, conv, 'protokoll')).cards[0]);

  const { entity, meeting } = await readDoc(pk);
  const forged = forge(meeting);
  const v = forged.protocol[0];
  const { markdown, contentHash: hash } = canonical(v.model!);
  forged.protocol[0] = { ...v, markdown, contentHash: hash };
  const version = Number(entity.version);
  const row = await meetingsTable().getEntity<Record<string, unknown>>(pk, auditRowKey(version));
  const { hash: _old, scheme: _s, keyId: _k, ...content } = toAuditEntry(row) as AuditEntry;
  const resealings: [string, AuditEntry, RegExp][] = [
    ['plain SHA-256', sealEntryPlain({ ...content, afterHash: contentHash(forged) }), /bara hash-förseglad fast tidigare poster är nyckelförseglade/],
    ['the development key', sealEntry({ ...content, afterHash: contentHash(forged) }, auditKey(DEV_AUDIT_KEY)), /förseglad med utvecklingsnyckeln/],
    ['a guessed key under the real key id', { ...sealEntry({ ...content, afterHash: contentHash(forged) }, auditKey('a-guessed-key-that-is-long-enough-000')), keyId: auditKey(KEY).keyId }, /HMAC stämmer inte/],
  ];
  for (const [, entry, expected] of resealings) {
    await meetingsTable().updateEntity({ partitionKey: pk, rowKey: auditRowKey(version), ...entry }, 'Replace');
    await writeDoc(pk, entity, forged, { lastHash: entry.hash });
    const problems = (await verify()).problems.filter((p) => p.partition === pk);
    expect(problems).toEqual([expect.objectContaining({ table: 'meetings', seq: version, problem: expect.stringMatching(expected) })]);
    // The forged text matches its recomputed kontrollsumma, but not the keyed chain: the bot still refuses it.
    const card = await bot.say(maria, conv, 'protokoll');
    expect(card.cards).toEqual([]);
    expect(card.texts).toEqual([expect.stringMatching(REFUSAL)]);
    const res = await get(doc.md);
    expect(res.status).toBe(409);
    expect(await res.text()).not.toContain(FORGED);
  }
}, 60000);

test('a meeting removed from storage is reported: from the body\'s meeting index, and as a gap in the meeting numbers', async () => {
  const c = cast(2, 'Rm ');
  const conv = groupChat('tamper-removed');
  const { bodyId } = await prepareMeeting(bot, conv, c, { send: false });
  for (const day of ['2031-01-20', '2031-02-17']) {
    const agenda = ['nytt möte', `Datum: ${day} 09.00-12.00`, 'Plats: Teams', '1. Information'].join('\n');
    expect((await bot.say(c.secretary, conv, agenda)).cards.length).toBe(1);
  }
  const meetings = await bot.services.meetings.listForBody(bodyId);
  expect(meetings.map((m) => m.number)).toEqual([1, 2, 3]);
  expect((await verify()).problems.filter((p) => p.partition.startsWith(bodyId))).toEqual([]);

  const removeAll = async (m: Meeting, alsoIndex: boolean) => {
    const pk = `${bodyId}|${m.id}`;
    for await (const e of meetingsTable().listEntities({ queryOptions: { filter: `PartitionKey eq '${pk}'` } })) await meetingsTable().deleteEntity(pk, e.rowKey!);
    if (alsoIndex) await bot.paragraf.store.table('meetingIndex').deleteEntity(bodyId, m.id);
  };
  // Meeting 2 with every trace (document, log, index row); meeting 3's rows but not its index row.
  await removeAll(meetings[1], true);
  let problems = (await verify()).problems.filter((p) => p.partition.startsWith(bodyId));
  expect(problems).toEqual([{ table: 'meetings', partition: bodyId, seq: 0, problem: 'organets möten är numrerade 1–3, men möte nr 2 saknas (borttaget ur lagringen)' }]);
  await removeAll(meetings[2], false);
  problems = (await verify()).problems.filter((p) => p.partition.startsWith(bodyId));
  // Only number 1 is left, so there is no gap to see; meeting 3's index row still shows it.
  expect(problems).toEqual([
    { table: 'meetingIndex', partition: bodyId, seq: 0, problem: `mötet ${meetings[2].id} står i organets mötesindex, men mötet (dokument och logg) saknas: borttaget, eller ett skapande som misslyckades` },
  ]);
}, 90000);

/**
 * Chains stored before the key (plain SHA-256) still verify, are listed as only hash-sealed, and a
 * chain continued after the key is protected back to its first entry by the keyed entry that links to it.
 */
test('an existing plain SHA-256 chain still verifies, and the bot continues it with keyed entries', async () => {
  now = new Date('2022-06-01T14:00:00Z');
  const conv = groupChat('tamper-legacy');
  const { body, meeting } = await kommunallagen(bot.services, conv, { start: '2022-06-01T13:00' });
  const pk = `${body.id}|${meeting.id}`;
  // Rewrite the meeting's chain as the code before PARAGRAF_AUDIT_KEY stored it.
  const row = await meetingsTable().getEntity<Record<string, unknown>>(pk, auditRowKey(1));
  const { hash: _h, scheme: _s, keyId: _k, ...content } = toAuditEntry(row);
  const legacy = sealEntryPlain(content);
  await meetingsTable().updateEntity({ partitionKey: pk, rowKey: auditRowKey(1), ...legacy }, 'Replace');
  const { entity, meeting: stored } = await readDoc(pk);
  await writeDoc(pk, entity, stored, { lastHash: legacy.hash });

  let report = await verify();
  expect(report.problems.filter((p) => p.partition === pk)).toEqual([]);
  expect(report.hashOnly).toContainEqual({ table: 'meetings', partition: pk, seqs: [1] });

  // The bot goes on with the meeting: its entries are keyed and link to the plain one.
  const created = await bot.say(maria, conv, 'protokoll');
  expect(created.texts.join()).toContain('Protokollutkastet för Vård- och omsorgsnämnden är skapat (version 1).');
  report = await verify();
  expect(report.problems.filter((p) => p.partition === pk)).toEqual([]);
  expect(report.hashOnly).toContainEqual({ table: 'meetings', partition: pk, seqs: [1] });
  const entries = await bot.paragraf.repos.meetings.docs.audit(pk);
  expect(entries.map((e) => e.scheme ?? 'sha256')).toEqual(['sha256', 'hmac-sha256']);

  // Now the plain entry is covered by the keyed one after it: re-sealing an edit of it breaks the link.
  const edited = sealEntryPlain({ ...content, actorName: 'Någon annan' });
  await meetingsTable().updateEntity({ partitionKey: pk, rowKey: auditRowKey(1), ...edited }, 'Replace');
  expect((await verify()).problems.filter((p) => p.partition === pk)).toEqual([expect.objectContaining({ seq: 2, problem: expect.stringMatching(/kedjan är bruten/) })]);
}, 60000);

/**
 * Removing the newest entries and putting back the document as it was before them leaves a chain
 * that is whole in itself; so does removing the newest meeting altogether. Only the chain heads the
 * bot wrote to its log, outside the store, show what is gone.
 */
test('the newest entries removed with the document rolled back, and the newest meeting removed: caught with the heads from the log', async () => {
  now = new Date('2022-06-01T14:00:00Z');
  const conv = groupChat('tamper-rollback');
  const { body, meeting } = await kommunallagen(bot.services, conv, { start: '2022-06-01T13:00' });
  const ids = { bodyId: body.id, meetingId: meeting.id };
  const pk = `${ids.bodyId}|${ids.meetingId}`;
  await bot.say(maria, conv, 'protokoll');
  await bot.press(maria, conv, 'protokoll.skicka', ids);
  const before = await meetingsTable().getEntity<Record<string, unknown>>(pk, 'doc');
  now = new Date('2022-06-01T15:00:00Z');
  await bot.press(eva, personalChat(eva), 'protokoll.justera', { ...ids, version: 1 });
  await bot.press(carin, personalChat(carin), 'protokoll.justera', { ...ids, version: 1 });
  const locked = Number((await meetingsTable().getEntity<Record<string, unknown>>(pk, 'doc')).version);
  const kept = Number(before.version);
  expect(locked).toBe(kept + 2);

  // The justering is undone in storage: its two entries deleted, the document as it was before them.
  for (const seq of [kept + 1, kept + 2]) await meetingsTable().deleteEntity(pk, auditRowKey(seq));
  await meetingsTable().updateEntity({ ...before, partitionKey: pk, rowKey: 'doc' }, 'Replace');
  // A second meeting, the body's newest, removed with every trace (its index row too).
  const other = groupChat('tamper-rollback-2');
  const second = await kommunallagen(bot.services, other, { start: '2022-06-08T13:00' });
  const pk2 = `${second.body.id}|${second.meeting.id}`;
  for await (const e of meetingsTable().listEntities({ queryOptions: { filter: `PartitionKey eq '${pk2}'` } })) await meetingsTable().deleteEntity(pk2, e.rowKey!);
  await bot.paragraf.store.table('meetingIndex').deleteEntity(second.body.id, second.meeting.id).catch(() => undefined);

  const mine = (p: { partition: string }) => p.partition === pk || p.partition === pk2;
  expect((await verify()).problems.filter(mine)).toEqual([]);
  const heads = parseHeads(logs.map((l) => JSON.stringify(l)).join('\n'));
  expect(heads.get(`meetings/${pk}`)).toEqual(expect.objectContaining({ seq: locked }));
  const problems = (await verifyAuditLog(bot.paragraf.store, { key: auditKey(KEY), heads })).problems.filter(mine);
  expect(problems).toEqual([
    { table: 'meetings', partition: pk, seq: locked, problem: `loggens kedjehuvud visar post ${locked}, men kedjan slutar vid ${kept}: de senaste posterna är borttagna` },
    { table: 'meetings', partition: pk2, seq: 1, problem: 'loggens kedjehuvud visar post 1, men kedjan finns inte längre i lagringen (borttagen)' },
  ].sort((a, b) => a.partition.localeCompare(b.partition)));
}, 60000);
