import { TestBot, groupChat, person, personalChat, cardText, findAction } from '../support/bot';
import { seed002, kommunallagen, maria, carin, kenneth, eva } from '../support/protocol-fixtures';
import { readZipEntry } from '../support/zip';
import { sha256Hex } from '../../src/domain/protocol/markdown';
import { runJusteringReminders } from '../../src/bot/justering-reminders';
import type { Meeting } from '../../src/domain/meeting';

let bot: TestBot;
let now = new Date('2021-12-17T13:00:00Z');
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => now });
});
afterAll(async () => {
  await bot.stop();
});

const stranger = person('Okänd Person');
const annika = person('Annika Wibrell');

async function meetingOf(bodyId: string, id: string): Promise<Meeting> {
  return (await bot.services.meetings.get(bodyId, id))!.value;
}

function links(card: any): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (n.type === 'Action.OpenUrl') out[n.url.includes('.docx?') ? 'docx' : 'md'] ??= n.url;
    Object.values(n).forEach(walk);
  };
  walk(card.actions ?? []);
  return out;
}

/** Fetches a link the bot signed, against the test server (the configured public URL has port 0). */
function get(url: string): Promise<Response> {
  const u = new URL(url);
  return fetch(`${bot.paragraf.url}${u.pathname}${u.search}`);
}

test('seed 002: protokoll creates version 1 with every name, role, §, kind, föredragande and decision; documents are signed', async () => {
  now = new Date('2021-12-17T13:00:00Z');
  const conv = groupChat('prot-seed');
  const { body, meeting } = await seed002(bot.services, conv);
  const ex = await bot.say(maria, conv, 'protokoll');
  expect(ex.texts.join()).toContain('Protokollutkastet för Samråd vård och omsorg är skapat (version 1).');
  const card = ex.cards[0];
  expect(card.version).toBe('1.5');
  const text = cardText(card);
  expect(text).toContain('Protokollutkast, version 1');
  expect(text).toContain('§ 48. Omställning till nära vård');
  expect(text).toContain('Justeras senast');
  expect(text).toContain('måndag 3 januari 2022 (31 december är nyårsafton, inte en arbetsdag');
  // The närvaro as the protocol prints it, one person a line, to be checked before justering.
  expect(text).toContain('Närvarande (14)');
  expect(text).toContain('Frånvarande (7)');
  expect(text).toMatch(/\nKenneth Andersson \(s\)[^\n]*ersättare för Anna-Lena Danielsson/);
  expect(findAction(card, 'Skicka till justering')).toBeTruthy();

  const stored = await meetingOf(body.id, meeting.id);
  expect(stored.status).toBe('protokollutkast');
  const md = stored.protocol[0].markdown;
  expect(stored.protocol[0].contentHash).toBe(sha256Hex(md));
  for (const line of ['Carin Nilsson (s) Umeå kommun, ordförande', 'Kenneth Andersson (s), ersättare för Anna-Lena Danielsson, tillika justerare', 'Britta Edström, regional samverkanskoordinator']) expect(md).toContain(line);
  for (const r of body.roster) expect(md).toContain(r.name);
  for (const it of meeting.items) {
    expect(md).toContain(`§ ${it.paragraph}. ${it.title}`);
    if (it.kind) expect(md).toContain(it.kind);
    if (it.presenters) expect(md).toContain(`Föredragande: ${it.presenters}`);
    if (it.outcome) expect(md).toContain(it.outcome.formula);
  }

  const l = links(card);
  expect(l.md).toMatch(new RegExp(`/protocols/${body.id}/${meeting.id}/v1\\.md\\?exp=\\d+&sig=`));
  const mdRes = await get(l.md);
  expect(mdRes.status).toBe(200);
  expect(await mdRes.text()).toContain('Kenneth Andersson (s), ersättare för Anna-Lena Danielsson');
  const docx = Buffer.from(await (await get(l.docx)).arrayBuffer());
  expect(docx.subarray(0, 2).toString()).toBe('PK');
  const xml = readZipEntry(docx, 'word/document.xml')!;
  for (const it of meeting.items) expect(xml).toContain(it.title);
  expect(xml).toContain('§ 42');
  expect(readZipEntry(docx, 'word/footer1.xml') ?? '').toMatch(/Sida/);

  // Without a valid signature: 401.
  const u = new URL(l.docx);
  expect((await fetch(`${bot.paragraf.url}${u.pathname}`)).status).toBe(401);
  expect((await fetch(`${bot.paragraf.url}${u.pathname}${u.search.replace(/sig=[^&]+/, 'sig=AAAA')}`)).status).toBe(401);
  expect((await fetch(`${bot.paragraf.url}${u.pathname.replace('v1.docx', 'v2.docx')}${u.search}`)).status).toBe(401);
  now = new Date('2022-02-01T13:00:00Z'); // past the link's 30 days
  expect((await get(l.docx)).status).toBe(401);
  now = new Date('2021-12-17T13:00:00Z');

  // Only the secretary makes the draft; others may read it.
  const again = await bot.say(annika, conv, 'protokoll');
  expect(again.texts.join()).toMatch(/Det här får bara/);
});

test('kommunallagen: a draft with a vote missing a member’s vote is refused naming the gap; nothing changes', async () => {
  now = new Date('2021-12-17T16:00:00Z');
  const conv = groupChat('prot-kl-gap');
  const { body, meeting } = await kommunallagen(bot.services, conv, { missingVoteFor: 'Eva Stuge' });
  const ex = await bot.say(maria, conv, 'protokoll');
  expect(ex.texts.join()).toContain('§ 2: omröstningen saknar röst för Eva Stuge');
  expect(ex.texts.join()).toContain('5 kap. 67 §');
  const after = await meetingOf(body.id, meeting.id);
  expect(after.status).toBe('avslutat');
  expect(after.protocol).toEqual([]);
});

test('full justering: two justerare and the ordförande, a change request, a new version, approvals → locked with the right hash', async () => {
  now = new Date('2021-12-17T13:00:00Z');
  const conv = groupChat('prot-flow');
  const { body, meeting } = await seed002(bot.services, conv, { justerare: ['Kenneth Andersson', 'Eva Stuge'] });
  await bot.say(maria, conv, 'protokoll');
  const ids = { bodyId: body.id, meetingId: meeting.id };

  // A stranger cannot send it for justering.
  expect((await bot.press(stranger, conv, 'protokoll.skicka', ids)).message).toMatch(/Det här får bara sekreteraren/);

  const sent = await bot.press(maria, conv, 'protokoll.skicka', ids);
  expect(sent.texts.join()).toContain('Version 1 av protokollet är skickad till justering till Carin Nilsson, Kenneth Andersson och Eva Stuge.');
  await bot.drain();
  for (const p of [carin, kenneth, eva]) {
    const cards = bot.personalCards(p);
    expect(cards).toHaveLength(1);
    expect(findAction(cards[0], 'Justera').data).toEqual({ ...ids, version: 1 });
    expect(cardText(cards[0])).toContain('§ 45. Aktuellt i samverkan');
    expect(cardText(cards[0])).toContain('Kommentar');
    expect(links(cards[0]).docx).toMatch(/v1\.docx/);
  }
  expect(bot.personalCards(annika)).toHaveLength(0);

  // A stranger and a ledamot who is not justerare are refused; nothing changes.
  const before = await meetingOf(body.id, meeting.id);
  expect((await bot.press(stranger, personalChat(stranger), 'protokoll.justera', { ...ids, version: 1 })).message).toMatch(/Det här får bara ordföranden eller justerarna/);
  expect((await bot.press(annika, personalChat(annika), 'protokoll.justera', { ...ids, version: 1 })).message).toMatch(/Det här får bara ordföranden eller justerarna/);
  expect(await meetingOf(body.id, meeting.id)).toEqual(before);

  // Kenneth justerar version 1; Eva asks for a change in § 45.
  const k1 = await bot.press(kenneth, personalChat(kenneth), 'protokoll.justera', { ...ids, version: 1 });
  expect(cardText(k1.card)).toContain('Tack, du har justerat version 1.');
  // A thank-you is no warning: bold default text on an emphasis container, not red.
  expect(JSON.stringify(k1.card)).toContain('"style":"emphasis","items":[{"type":"TextBlock","text":"Tack, du har justerat version 1."');
  expect(JSON.stringify(k1.card)).not.toContain('"color":"Attention"');
  expect(findAction(k1.card, 'Justera')).toBeUndefined();
  const mark = bot.connector.to(conv.id).length;
  const req = await bot.press(eva, personalChat(eva), 'protokoll.ändring', { ...ids, version: 1, paragraph: '45', comment: 'Ordet "inspirerande" ska vara "givande".' });
  expect(cardText(req.card)).toContain('Din begäran om ändring i § 45 är skickad till sekreteraren.');
  await bot.drain();
  const toSecretary = bot.connector.to(conv.id).slice(mark).map((s) => s.activity.text).join('\n');
  expect(toSecretary).toContain('Eva Stuge begär ändring i § 45 i protokollet från 2021-12-17 (version 1): Ordet "inspirerande" ska vara "givande".');

  // The secretary corrects § 45 → version 2; Kenneth's approval of version 1 no longer counts.
  const fixed = await bot.press(maria, conv, 'protokoll.rätta', { ...ids, paragraph: '45', field: 'anteckning', text: 'Synpunkter som framkom var att dagen var givande.' });
  expect(cardText(fixed.card)).toContain('Version 2 är skapad.');
  let m = await meetingOf(body.id, meeting.id);
  expect(m.status).toBe('protokollutkast');
  expect(m.protocol.map((v) => v.version)).toEqual([1, 2]);
  expect(m.protocol[1].approvals).toEqual([]);
  expect(m.protocol[1].markdown).toContain('dagen var givande');
  // Justera on the version 1 card: answered with the version 2 card (tests/bot/replaced-version.test.ts has the rest).
  expect(cardText((await bot.press(kenneth, personalChat(kenneth), 'protokoll.justera', { ...ids, version: 1 })).card)).toContain('som har ersatts av version 2');

  // Sent again: each is asked again, for version 2.
  await bot.press(maria, conv, 'protokoll.skicka', ids);
  await bot.drain();
  for (const p of [carin, kenneth, eva]) {
    const cards = bot.personalCards(p);
    expect(findAction(cards[cards.length - 1], 'Justera').data).toEqual({ ...ids, version: 2 });
  }

  now = new Date('2021-12-20T09:00:00Z');
  await bot.press(kenneth, personalChat(kenneth), 'protokoll.justera', { ...ids, version: 2 });
  await bot.press(eva, personalChat(eva), 'protokoll.justera', { ...ids, version: 2 });
  // Each only for themselves: Eva pressing again is not a second approval.
  expect((await bot.press(eva, personalChat(eva), 'protokoll.justera', { ...ids, version: 2 })).message).toMatch(/redan justerat/);
  m = await meetingOf(body.id, meeting.id);
  expect(m.status).toBe('under justering');
  const lockMark = bot.connector.to(conv.id).length;
  const last = await bot.press(carin, personalChat(carin), 'protokoll.justera', { ...ids, version: 2 });
  expect(cardText(last.card)).toContain('Alla har justerat. Protokollet är låst (version 2).');

  m = await meetingOf(body.id, meeting.id);
  expect(m.status).toBe('justerat');
  const v2 = m.protocol[1];
  expect(v2.lockedAt).toBe('2021-12-20T09:00:00.000Z');
  expect(v2.approvals.map((a) => a.name).sort()).toEqual(['Carin Nilsson', 'Eva Stuge', 'Kenneth Andersson']);
  expect(v2.contentHash).toBe(sha256Hex(v2.markdown));
  expect(m.protocol[0].lockedAt).toBeUndefined();

  await bot.drain();
  const announced = bot.connector.to(conv.id).slice(lockMark).map((s) => s.activity);
  expect(announced.map((a) => a.text).join()).toContain('är justerat av Kenneth Andersson, Eva Stuge och Carin Nilsson och låst (version 2)');
  const lockedCard = announced.flatMap((a) => (a.attachments ?? []).map((x: any) => x.content))[0];
  expect(cardText(lockedCard)).toContain('Justerat och låst, version 2');
  // After justering the deadline is history: no "Justeras senast", the day it was justerat instead.
  expect(cardText(lockedCard)).not.toContain('Justeras senast');
  expect(cardText(lockedCard)).toContain('måndag 20 december 2021');
  const served = await (await get(links(lockedCard).md)).text();
  expect(served).toContain('Justerat 2021-12-20 kl. 10.00 av Carin Nilsson (version 2)');
  expect(served).toContain(`Innehållets kontrollsumma (SHA-256): ${v2.contentHash}`);

  // After locking: every edit is refused and nothing changes.
  const locked = await meetingOf(body.id, meeting.id);
  const audit = (await bot.paragraf.repos.meetings.docs.audit(`${body.id}|${meeting.id}`)).length;
  expect((await bot.press(maria, conv, 'protokoll.rätta', { ...ids, paragraph: '45', text: 'Ändrad efteråt' })).message).toMatch(/justerat och låst \(version 2\)/);
  expect((await bot.press(maria, conv, 'protokoll.skicka', ids)).message).toMatch(/låst/);
  expect((await bot.press(maria, conv, 'protokoll.skapa', ids)).message).toMatch(/låst/);
  expect((await bot.press(kenneth, personalChat(kenneth), 'protokoll.justera', { ...ids, version: 2 })).message).toMatch(/låst/);
  expect((await bot.press(eva, personalChat(eva), 'protokoll.ändring', { ...ids, version: 2, comment: 'Till' })).message).toMatch(/låst/);
  expect((await bot.press(maria, conv, 'protokoll.anslå', ids)).message).toMatch(/kommunallagen/);
  expect(await meetingOf(body.id, meeting.id)).toEqual(locked);
  expect((await bot.paragraf.repos.meetings.docs.audit(`${body.id}|${meeting.id}`)).length).toBe(audit);

  // A rättelse is a new version to be justerad again; the locked one stays readable.
  const rattelse = await bot.press(maria, conv, 'protokoll.rätta', { ...ids, paragraph: '49', text: 'Rättelse av övriga frågor.', rattelse: true });
  expect(cardText(rattelse.card)).toContain('rättelse av justerad version 2');
  m = await meetingOf(body.id, meeting.id);
  expect(m.protocol[2]).toMatchObject({ version: 3, correctionOf: 2, approvals: [] });
  expect(m.protocol[1]).toEqual(v2);
  const lockedLink = findAllUrls(rattelse.card).find((u) => u.includes('/v2.docx'));
  expect(lockedLink).toBeDefined();
  expect((await get(lockedLink!)).status).toBe(200);
});

function findAllUrls(card: any): string[] {
  return (card.actions ?? []).filter((a: any) => a.type === 'Action.OpenUrl').map((a: any) => a.url);
}

test('kommunallagen: locked protocol shows anslag and appeal dates; anslag recorded by the secretary', async () => {
  // Meeting on onsdag 1 juni 2022; justering deadline 15 juni.
  now = new Date('2022-06-01T14:00:00Z');
  const conv = groupChat('prot-kl');
  const { body, meeting } = await kommunallagen(bot.services, conv, { start: '2022-06-01T13:00' });
  const ids = { bodyId: body.id, meetingId: meeting.id };
  const created = await bot.say(maria, conv, 'protokoll');
  expect(cardText(created.cards[0])).toContain('andra dagen efter justeringen');
  await bot.press(maria, conv, 'protokoll.skicka', ids);
  now = new Date('2022-06-01T15:00:00Z');
  await bot.press(eva, personalChat(eva), 'protokoll.justera', { ...ids, version: 1 });
  await bot.press(carin, personalChat(carin), 'protokoll.justera', { ...ids, version: 1 });
  // The outbox may still be delivering the review cards from "skicka"; they must not land in this exchange.
  await bot.drain();
  const shown = await bot.say(maria, conv, 'protokoll');
  expect(cardText(shown.cards[0])).toContain('Anslås senast');
  expect(cardText(shown.cards[0])).toContain('fredag 3 juni 2022');
  expect(findAction(shown.cards[0], 'Spara anslaget')).toBeTruthy();
  // Only the secretary records the anslag.
  expect((await bot.press(eva, conv, 'protokoll.anslå', { ...ids, date: '2022-06-03' })).message).toMatch(/sekreteraren/);
  now = new Date('2022-06-03T08:00:00Z');
  const ans = await bot.press(maria, conv, 'protokoll.anslå', { ...ids, date: '2022-06-03' });
  const t = cardText(ans.card);
  expect(t).toContain('Sista dag att överklaga');
  expect(t).toContain('måndag 27 juni 2022 (24 juni är midsommarafton');
  expect(t).toContain('ANSLAGSBEVIS');
  expect((await meetingOf(body.id, meeting.id)).status).toBe('anslaget');
});

test('justering reminders: two days before and on the day, to those who have not justerat, once each', async () => {
  now = new Date('2022-06-10T10:00:00Z');
  const conv = groupChat('prot-remind');
  const { body, meeting } = await kommunallagen(bot.services, conv, { start: '2022-06-10T13:00' });
  const ids = { bodyId: body.id, meetingId: meeting.id };
  await bot.say(maria, conv, 'protokoll');
  await bot.press(maria, conv, 'protokoll.skicka', ids);
  await bot.press(eva, personalChat(eva), 'protokoll.justera', { ...ids, version: 1 });
  await bot.drain();
  const count = (p: { aadObjectId: string }) => bot.connector.to(personalChat(p as any).id).filter((s) => /Påminnelse: protokollet från Vård- och omsorgsnämnden 2022-06-10/.test(s.activity.text ?? '')).length;
  // Deadline: 24 juni is midsommarafton → måndag 27 juni; reminders on 25 juni and 27 juni.
  now = new Date('2022-06-24T10:00:00Z');
  await runJusteringReminders(bot.services, now);
  await bot.drain();
  expect(count(carin)).toBe(0);
  now = new Date('2022-06-25T10:00:00Z');
  await runJusteringReminders(bot.services, now);
  await runJusteringReminders(bot.services, now);
  await bot.drain();
  expect(count(carin)).toBe(1);
  expect(count(eva)).toBe(0);
  now = new Date('2022-06-27T10:00:00Z');
  await runJusteringReminders(bot.services, now);
  await bot.drain();
  expect(count(carin)).toBe(2);
  expect(count(eva)).toBe(0);
});
