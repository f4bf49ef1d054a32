import { TestBot, groupChat, personalChat, cardText, findInput } from '../support/bot';
import { cast, prepareMeeting } from '../support/meeting-fixture';
import { buildKommunallagen, kommunallagen, maria, carin, eva } from '../support/protocol-fixtures';
import { assembleProtocol } from '../../src/domain/protocol/assemble';
import { canonical } from '../../src/domain/protocol/markdown';
import { decodeDoc, encodeDoc } from '../../src/storage/document-store';
import { publicProtocolPath } from '../../src/http/public-links';
import type { Meeting } from '../../src/domain/meeting';

/**
 * Marking a § through /api/messages: who may, what bad input gets (a Swedish refusal, nothing
 * changed), the agenda item edit card, the audit log, a new protocol version when the draft already
 * exists, the refusal once the protocol is locked; and the public path: nothing before justering,
 * the public version without sign-in after it, nothing at all once the stored protocol is changed.
 */

let bot: TestBot;
let now = new Date('2030-12-01T09:00:00Z');
beforeAll(async () => {
  // No document cache: a change made directly in storage is what the next request reads.
  bot = await TestBot.start({ clock: () => now, env: { PARAGRAF_DOC_CACHE_MS: '0' } });
});
afterAll(async () => {
  await bot.stop();
});

test('on the agenda: only the secretary marks, bad input changes nothing, the edit card sets and the log records it', async () => {
  const conv = groupChat('sekretess-agenda');
  const c = cast(3);
  const { bodyId, meetingId } = await prepareMeeting(bot, conv, c, { send: false });
  const pk = `${bodyId}|${meetingId}`;
  const stored = async () => (await bot.services.meetings.get(bodyId, meetingId))!;
  const before = await stored();

  const refusals: [typeof maria, string, RegExp][] = [
    [c.chair, 'sekretess §2 26 kap. 1 § OSL', /Det här får bara sekreteraren/],
    [c.secretary, 'sekretess §2', /Ange vilken bestämmelse sekretessen gäller enligt, t\.ex\. "26 kap\. 1 § OSL"\. Inget har ändrats\./],
    [c.secretary, 'sekretess §2 hemligt', /"hemligt" ser inte ut som en bestämmelse/],
    [c.secretary, 'sekretess §9 26 kap. 1 § OSL', /§ 9 finns inte på något av organets möten\. Inget har ändrats\./],
    [c.secretary, 'sekretess 26 kap. 1 § OSL', /Ange paragrafen med §/],
    [c.secretary, 'sekretess §2 bort', /§ 2 är inte markerad för sekretess\. Inget har ändrats\./],
  ];
  for (const [who, text, expected] of refusals) {
    const r = await bot.say(who, conv, text);
    expect(r.texts.join('\n')).toMatch(expected);
  }
  expect((await stored()).version).toBe(before.version);

  // The edit card carries the marking; "Bara namngivna personer" without names is refused.
  const item = before.value.items.find((i) => i.paragraph === 2)!;
  const form = await bot.press(c.secretary, conv, 'möte.punkt.redigera', { meetingId, itemId: item.id });
  expect(findInput(form.card, 'sekretess')).toBeTruthy();
  expect(findInput(form.card, 'provision')).toBeTruthy();
  const noNames = await bot.press(c.secretary, conv, 'punkt.sekretess', { meetingId, itemId: item.id, sekretess: 'personer', provision: '26 kap. 1 § OSL', persons: '' });
  expect(noNames.message).toMatch(/Skriv vilka personer som omfattas/);
  const byChair = await bot.press(c.chair, conv, 'punkt.sekretess', { meetingId, itemId: item.id, sekretess: 'paragraf', provision: '26 kap. 1 § OSL' });
  expect(byChair.message).toMatch(/Det här får bara sekreteraren/);
  expect((await stored()).version).toBe(before.version);

  const saved = await bot.press(c.secretary, conv, 'punkt.sekretess', { meetingId, itemId: item.id, sekretess: 'text', provision: '26 kap. 1 § OSL', persons: 'Anna Andersson (sökanden)' });
  expect(cardText(saved.card)).toContain('Paragrafens redogörelse och beslut omfattas av sekretess enligt 26 kap. 1 § OSL.');
  expect((await stored()).value.items[1].sekretess).toMatchObject({ scope: 'text', provision: '26 kap. 1 § OSL', persons: [{ name: 'Anna Andersson', role: 'sökanden' }], markedBy: c.secretary.name });
  // The card shows the marking when opened again.
  const again = await bot.press(c.secretary, conv, 'möte.punkt.redigera', { meetingId, itemId: item.id });
  expect(findInput(again.card, 'sekretess').value).toBe('text');
  expect(findInput(again.card, 'persons').value).toBe('Anna Andersson (sökanden)');

  // Typed, it adds to the marking; "bort" takes it away. Each change is in the audit log, without the names.
  expect((await bot.say(c.secretary, conv, 'sekretess §2 26 kap. 1 § OSL')).texts.join()).toContain('§ 2 omfattas av sekretess enligt 26 kap. 1 § OSL (hela paragrafen, Anna Andersson som "sökanden")');
  expect((await bot.say(c.secretary, conv, 'sekretess §2 bort')).texts.join()).toContain('§ 2 omfattas inte längre av sekretess.');
  expect((await stored()).value.items[1].sekretess).toBeUndefined();
  const log = (await bot.paragraf.repos.meetings.docs.audit(pk)).filter((e) => e.action === 'punkt.sekretess');
  expect(log.map((e) => e.summary)).toEqual([
    '§ 2 markerades för sekretess enligt 26 kap. 1 § OSL (redogörelse och beslut, 1 namngivna personer)',
    '§ 2 markerades för sekretess enligt 26 kap. 1 § OSL (hela paragrafen, 1 namngivna personer)',
    'Sekretessen för § 2 togs bort',
  ]);
  expect(log.every((e) => e.actorName === c.secretary.name)).toBe(true);

  // § numbers start again each year: with two open meetings having a § 1, the newest is meant, and the answer says so.
  await bot.say(c.secretary, conv, ['nytt möte', 'Datum: 2031-01-15 09.00-12.00', 'Plats: Teams', '1. Nytt år'].join('\n'));
  const both = await bot.say(c.secretary, conv, 'sekretess §1 26 kap. 1 § OSL');
  expect(both.texts.join()).toContain('(Det gäller mötet onsdag 15 januari 2031.)');
  expect((await stored()).value.items[0].sekretess).toBeUndefined();
}, 60000);

const meetingsTable = () => bot.paragraf.repos.store.table('meetings');
async function rewrite(pk: string, f: (m: Meeting) => Meeting): Promise<void> {
  const entity = await meetingsTable().getEntity<Record<string, unknown>>(pk, 'doc');
  await meetingsTable().updateEntity({ ...entity, partitionKey: pk, rowKey: 'doc', ...encodeDoc(f(decodeDoc<Meeting>(entity))) }, 'Replace');
}

test('after the draft: a marking makes a new version; at locking the public version is fixed, served without sign-in, and nothing is served once the stored protocol changes', async () => {
  now = new Date('2022-06-01T14:00:00Z');
  const conv = groupChat('sekretess-draft');
  const { body, meeting } = await kommunallagen(bot.services, conv, { start: '2022-06-01T13:00' });
  const ids = { bodyId: body.id, meetingId: meeting.id };
  const pk = `${ids.bodyId}|${ids.meetingId}`;
  const title = meeting.items[1].title;
  const stored = async () => (await bot.services.meetings.get(ids.bodyId, ids.meetingId))!.value;
  const get = (ext: 'md' | 'docx' | 'pdf', v = 1) => fetch(`${bot.paragraf.url}${publicProtocolPath(ids.bodyId, ids.meetingId, v, ext)}`);

  await bot.say(maria, conv, 'protokoll');
  await bot.press(maria, conv, 'protokoll.skicka', ids);
  // Marked while under justering: version 2, back to the secretary to send again.
  const marked = await bot.say(maria, conv, 'sekretess §2 26 kap. 1 § OSL');
  expect(marked.texts.join()).toContain('Protokollet finns nu i version 2 med markeringen; skicka det till justering igen.');
  const m2 = await stored();
  expect(m2.status).toBe('protokollutkast');
  expect(m2.protocol.map((v) => v.version)).toEqual([1, 2]);
  expect(m2.protocol[1].markdown).toContain(`## § 2. ${title}\n\n**Sekretess enligt 26 kap. 1 § OSL.**`);
  // Not justerat: nothing on the public path.
  expect((await get('md', 2)).status).toBe(404);

  await bot.press(maria, conv, 'protokoll.skicka', ids);
  now = new Date('2022-06-01T15:00:00Z');
  await bot.press(eva, personalChat(eva), 'protokoll.justera', { ...ids, version: 2 });
  await bot.press(carin, personalChat(carin), 'protokoll.justera', { ...ids, version: 2 });
  const locked = (await stored()).protocol[1];
  expect(locked.lockedAt).toBeTruthy();
  // The justerare's review card in the personal chat showed the § as in public (delivered by the outbox).
  await bot.drain();
  const review = bot.personalCards(eva).filter((x) => JSON.stringify(x).includes('"version":2'));
  expect(review.length).toBeGreaterThan(0);
  expect(cardText(review[0])).toContain('Paragrafer med sekretess visas här som i den offentliga versionen; hela texten finns i dokumentet (Hela protokollet).');
  expect(JSON.stringify(review)).not.toContain(title);

  // Locked: the marking cannot change any more.
  const late = await bot.say(maria, conv, 'sekretess §2 bort');
  expect(late.texts.join()).toMatch(/Protokollet med § 2 är justerat och låst\. Sekretess markeras senast innan protokollet justeras\. Inget har ändrats\./);
  expect((await stored()).protocol[1].public).toEqual(locked.public);

  // Anyone, no sign-in: md, docx and PDF of the public version; the complete one names it, and it the complete one.
  const md = await get('md', 2);
  expect(md.status).toBe(200);
  const text = await md.text();
  expect(text).toContain('## § 2. Sekretess enligt 26 kap. 1 § OSL');
  expect(text).not.toContain(title);
  expect(text).toContain(`Det fullständiga protokollets kontrollsumma (SHA-256): ${locked.contentHash}`);
  // …and the complete protocol (signed link, for the body) names the public version's.
  const card = await bot.say(maria, conv, 'protokoll');
  const completeUrl = new URL(JSON.stringify(card.cards[0]).match(/http[^"]*\/v2\.md\?[^"]*/)![0]);
  const complete = await (await fetch(`${bot.paragraf.url}${completeUrl.pathname}${completeUrl.search}`)).text();
  expect(complete).toContain(title);
  expect(complete).toContain(`Den offentliga versionens kontrollsumma (SHA-256): ${locked.public!.contentHash}`);
  expect((await get('docx', 2)).status).toBe(200);
  const pdf = await get('pdf', 2);
  expect(pdf.status).toBe(200);
  expect(pdf.headers.get('content-type')).toBe('application/pdf');
  // Version 1 was never justerad: nothing public.
  expect((await get('md', 1)).status).toBe(404);
  expect((await fetch(`${bot.paragraf.url}/anslagstavla/protokoll/${ids.bodyId}/${ids.meetingId}/v2.html`)).status).toBe(404);

  // The complete protocol changed in storage: the public side serves nothing, in no format.
  await rewrite(pk, (m) => ({ ...m, protocol: m.protocol.map((v) => (v.version === 2 ? { ...v, markdown: v.markdown.replace('Sekretess enligt', 'Offentligt enligt') } : v)) }));
  for (const ext of ['md', 'docx', 'pdf'] as const) {
    const res = await get(ext, 2);
    expect(res.status).toBe(409);
    expect(await res.text()).not.toContain(title);
  }
}, 60000);

test('the public text changed in storage, its hash recomputed too: refused (the audit chain, and the model no longer derives it), 409, nothing served', async () => {
  now = new Date('2022-06-01T14:00:00Z');
  const conv = groupChat('sekretess-forged-public');
  const { body, meeting } = await kommunallagen(bot.services, conv, { start: '2022-06-01T13:00' });
  const ids = { bodyId: body.id, meetingId: meeting.id };
  const title = meeting.items[1].title;
  await bot.say(maria, conv, 'sekretess §2 26 kap. 1 § OSL');
  await bot.say(maria, conv, 'protokoll');
  await bot.press(maria, conv, 'protokoll.skicka', ids);
  now = new Date('2022-06-01T15:00:00Z');
  await bot.press(eva, personalChat(eva), 'protokoll.justera', { ...ids, version: 1 });
  await bot.press(carin, personalChat(carin), 'protokoll.justera', { ...ids, version: 1 });
  const url = `${bot.paragraf.url}${publicProtocolPath(ids.bodyId, ids.meetingId, 1, 'md')}`;
  expect((await fetch(url)).status).toBe(200);
  const { sha256Hex } = await import('../../src/domain/protocol/markdown');
  await rewrite(`${ids.bodyId}|${ids.meetingId}`, (m) => ({
    ...m,
    protocol: m.protocol.map((v) => {
      const markdown = v.markdown;
      return { ...v, public: { ...v.public!, markdown, contentHash: sha256Hex(markdown) } };
    }),
  }));
  const res = await fetch(url);
  expect(res.status).toBe(409);
  expect(await res.text()).not.toContain(title);
}, 60000);

test('a protocol justerat before public versions were made: 404 with the reason, not a tampering alarm', async () => {
  const conv = groupChat('sekretess-old');
  const { body, meeting } = buildKommunallagen(conv.id, { start: '2022-06-01T13:00' });
  const model = assembleProtocol(body, meeting);
  const { markdown, contentHash } = canonical(model);
  const old: Meeting = { ...meeting, status: 'justerat', protocol: [{ version: 1, createdAt: '2022-06-01T14:00:00Z', markdown, contentHash, model, approvals: [], changeRequests: [], lockedAt: '2022-06-01T15:00:00Z' }] };
  const actor = { id: maria.aadObjectId, name: maria.name };
  await bot.services.bodies.change(body.id, { actor, action: 'organ.skapa', apply: () => body });
  await bot.services.meetings.change(body.id, meeting.id, { actor, action: 'protokoll.justera', apply: () => old });
  const res = await fetch(`${bot.paragraf.url}${publicProtocolPath(body.id, meeting.id, 1, 'md')}`);
  expect(res.status).toBe(404);
  expect(await res.text()).toBe('Det här protokollet justerades innan offentliga versioner gjordes och finns inte här. Kontakta registraturen.');
});
