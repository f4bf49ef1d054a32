import { TestBot, groupChat, person, personalChat, cardText, findAction } from '../support/bot';
import { bodyFixture, meetingFixture, store, NAMND_ROSTER, NAMND_ITEMS } from '../support/fixtures';
import { kommunallagen, maria, carin, eva } from '../support/protocol-fixtures';
import type { Body } from '../../src/domain/body';
import type { Meeting } from '../../src/domain/meeting';

/**
 * Dates that cannot be, through POST /api/messages: starting on another day than booked asks
 * first (card, typed command), the real day becomes the protocol's date; no justering before the
 * meeting's day (omedelbar justering too); a late justering is shown as late; anslag on Swedish days.
 * Every time a person reads is Swedish time.
 */

let bot: TestBot;
let now = new Date('2026-12-02T09:15:00Z'); // onsdag 2 december 2026, 10.15 in Sweden
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => now });
});
afterAll(async () => {
  await bot.stop();
});

const ulla = person('Ulla Berg');
const secretary = person('Maria Lind');

async function nämnd(name: string, start: string, end: string): Promise<{ conv: ReturnType<typeof groupChat>; body: Body; meeting: Meeting }> {
  const conv = groupChat(name);
  const body = bodyFixture(conv, { name: 'Socialnämnden', profile: 'kommunallagen', roster: NAMND_ROSTER });
  const meeting = meetingFixture(body, { items: NAMND_ITEMS, start, end });
  await store(bot.services, body, meeting);
  return { conv, body, meeting };
}

const stored = async (body: Body, meeting: Meeting) => (await bot.services.meetings.get(body.id, meeting.id))!;

test('Starta mötet on another day than booked asks first; Avbryt changes nothing; Starta ändå records the real day, the audit says so and the protocol shows it', async () => {
  now = new Date('2026-12-02T09:15:00Z');
  const { conv, body, meeting } = await nämnd('dates-start-card', '2026-12-18T13:00', '2026-12-18T15:00');
  const before = await stored(body, meeting);

  const asked = await bot.press(secretary, conv, 'möte.starta', { meetingId: meeting.id });
  expect(cardText(asked.card)).toContain('Mötet är bokat till fredag 18 december 2026. Vill du starta det i dag, onsdag 2 december 2026?');
  expect((await stored(body, meeting)).version).toBe(before.version);
  const cancel = await bot.press(secretary, conv, 'möte.starta', findAction(asked.card, 'Avbryt').data);
  expect(cancel.message ?? cancel.texts.join(' ')).toContain('Mötet startades inte.');
  expect((await stored(body, meeting)).version).toBe(before.version);

  // The typed command asks the same.
  const typed = await bot.say(secretary, conv, 'starta mötet');
  expect(cardText(typed.cards[0])).toContain('Vill du starta det i dag, onsdag 2 december 2026?');
  expect((await stored(body, meeting)).value.status).toBe('kallat');

  // A confirmation is for the day it was given: pressed the next day, it asks again.
  const go = findAction(asked.card, 'Starta ändå');
  now = new Date('2026-12-03T09:00:00Z');
  expect(cardText((await bot.press(secretary, conv, go.verb, go.data)).card)).toContain('Vill du starta det i dag, torsdag 3 december 2026?');
  expect((await stored(body, meeting)).value.status).toBe('kallat');
  now = new Date('2026-12-02T09:15:00Z');

  const started = await bot.press(secretary, conv, go.verb, go.data);
  expect(cardText(started.card)).toContain('Upprop');
  const m = (await stored(body, meeting)).value;
  expect(m.status).toBe('pågår');
  expect(m.startedAt).toBe('2026-12-02T09:15:00.000Z');
  const audit = await bot.paragraf.repos.meetings.docs.audit(`${body.id}|${meeting.id}`);
  expect(audit.at(-1)!.summary).toBe('Mötet startade onsdag 2 december 2026, fast det var bokat till fredag 18 december 2026; protokollet anger 2026-12-02 som mötesdag');

  // Run the meeting to its protocol: the date is the day it was held, at the times it ran.
  const id = (n: string) => body.roster.find((r) => r.name === n)!.id;
  const present = Object.fromEntries(body.roster.map((r) => [`p_${r.id}`, 'true']));
  await bot.press(secretary, conv, 'upprop.bekräfta', { meetingId: meeting.id, ...present, justerare: id('Sara Lund') });
  for (const p of [2, 3, 4]) await bot.say(secretary, conv, `beslut §${p}: bifalla förslaget`);
  now = new Date('2026-12-02T10:40:00Z');
  await bot.say(secretary, conv, 'avsluta mötet');
  const protocol = await bot.say(secretary, conv, 'protokoll');
  const text = cardText(protocol.cards[0]);
  expect(text).toContain('2026-12-02 kl. 10.15-11.40');
  expect(text).not.toContain('2026-12-18');
  expect(text).toContain('Justeras senast');
  expect(text).toContain('onsdag 16 december 2026'); // 14 days from the day it was held
});

test('on the booked day the typed start opens the upprop at once, even just after midnight Swedish time', async () => {
  now = new Date('2026-12-17T23:30:00Z'); // 00.30 on fredag 18 december in Sweden
  const { conv, body, meeting } = await nämnd('dates-start-midnight', '2026-12-18T00:15', '2026-12-18T02:00');
  const ex = await bot.say(secretary, conv, 'starta mötet');
  expect(cardText(ex.cards[0])).toContain('Upprop');
  expect((await stored(body, meeting)).value.status).toBe('pågår');
});

test('omedelbar justering before the meeting day is refused and changes nothing', async () => {
  now = new Date('2026-12-02T09:15:00Z');
  const conv = groupChat('dates-omedelbar');
  const body = bodyFixture(conv, { name: 'Socialnämnden', profile: 'kommunallagen', roster: NAMND_ROSTER });
  const base = meetingFixture(body, { items: NAMND_ITEMS, start: '2030-12-17T13:00', end: '2030-12-17T15:00' });
  // A meeting stored before the start was recorded: on, but booked for 2030.
  const item = { ...base.items[1], outcome: { kind: 'beslut' as const, formula: 'Socialnämnden beslutade att fastställa budget för 2022.', recordedBy: 'Maria Lind', recordedAt: '2026-12-02T09:00:00.000Z' }, immediateJustering: { approvals: [] } };
  const meeting: Meeting = { ...base, status: 'pågår', items: base.items.map((it, i) => (i === 1 ? item : it)), justerare: [body.roster.find((r) => r.name === 'Sara Lund')!.id] };
  await store(bot.services, body, meeting);
  const before = await stored(body, meeting);
  const ex = await bot.press(ulla, conv, 'omedelbar.justera', { meetingId: meeting.id, itemId: item.id });
  expect(ex.message ?? ex.texts.join(' ')).toContain('§ 2 kan inte justeras före mötesdagen (tisdag 17 december 2030).');
  expect((await stored(body, meeting)).version).toBe(before.version);
});

/** A finished kommunallagen meeting, drafted and sent for justering through the bot. */
async function sentForJustering(name: string, start?: string) {
  const conv = groupChat(name);
  const { body, meeting } = await kommunallagen(bot.services, conv, { start });
  await bot.say(maria, conv, 'protokoll');
  const ids = { bodyId: body.id, meetingId: meeting.id };
  await bot.press(maria, conv, 'protokoll.skicka', ids);
  return { conv, body, meeting, ids };
}

test('justering before the meeting day is refused and changes nothing', async () => {
  now = new Date('2026-12-02T09:15:00Z');
  const { body, meeting, ids } = await sentForJustering('dates-early', '2030-12-17T13:00');
  const before = await stored(body, meeting);
  const ex = await bot.press(carin, personalChat(carin), 'protokoll.justera', { ...ids, version: 1 });
  expect(ex.message ?? ex.texts.join(' ')).toContain('Protokollet kan inte justeras före mötesdagen (tisdag 17 december 2030). Inget har ändrats.');
  expect((await stored(body, meeting)).version).toBe(before.version);
});

test('a 2021 meeting justerad in 2026: allowed, logged and shown as late on the cards and in the justering block; times are Swedish', async () => {
  now = new Date('2026-06-15T10:00:00Z'); // 12.00 in Sweden (summer time)
  const { conv, body, meeting, ids } = await sentForJustering('dates-late');
  await bot.press(carin, personalChat(carin), 'protokoll.justera', { ...ids, version: 1 });
  const done = await bot.press(eva, personalChat(eva), 'protokoll.justera', { ...ids, version: 1 });
  const review = cardText(done.card);
  expect(review).toContain('Du justerade version 1 2026-06-15 kl. 12.00, efter fristen.');
  expect(review).not.toMatch(/UTC/);
  const m = (await stored(body, meeting)).value;
  expect(m.status).toBe('justerat');
  expect(m.protocol[0].lateJustering).toEqual({ deadline: '2022-01-03' });
  const audit = await bot.paragraf.repos.meetings.docs.audit(`${body.id}|${meeting.id}`);
  expect(audit.at(-1)!.summary).toBe('Eva Stuge justerade version 1 efter fristen');

  // The review cards still on their way (the outbox is paced) must not be taken for the answer.
  await bot.drain();
  const card = (await bot.say(maria, conv, 'protokoll')).cards[0];
  const text = cardText(card);
  expect(text).toContain('låst 2026-06-15 kl. 12.00, efter fristen');
  expect(text).toContain('efter fristen, måndag 15 juni 2026');
  expect(text).not.toMatch(/UTC/);
  const md = JSON.stringify(card).match(/"url":"([^"]+\/v1\.md\?[^"]+)"/)![1];
  const u = new URL(md);
  const doc = await (await fetch(`${bot.paragraf.url}${u.pathname}${u.search}`)).text();
  expect(doc).toContain('Justeringen skedde efter fristen: protokollet skulle ha justerats senast måndag 3 januari 2022.');
  expect(doc).toContain('Justerat 2026-06-15 kl. 12.00 av Eva Stuge (version 1), efter fristen');
  expect(doc).toContain('Protokollet (version 1) låstes 2026-06-15 kl. 12.00.');
  expect(doc).not.toMatch(/UTC/);
});

test('anslag: not before the justering, not in the future, both by the Swedish day', async () => {
  // Justerad 23:30 UTC on 20 December 2021: 00.30 on tisdag 21 december in Sweden.
  now = new Date('2021-12-20T23:30:00Z');
  const { conv, body, meeting, ids } = await sentForJustering('dates-anslag');
  await bot.press(carin, personalChat(carin), 'protokoll.justera', { ...ids, version: 1 });
  await bot.press(eva, personalChat(eva), 'protokoll.justera', { ...ids, version: 1 });
  const before = await stored(body, meeting);
  const early = await bot.press(maria, conv, 'protokoll.anslå', { ...ids, date: '2021-12-20' });
  expect(early.message).toContain('Anslaget kan inte sättas upp före justeringen (tisdag 21 december 2021). Inget har ändrats.');
  const future = await bot.press(maria, conv, 'protokoll.anslå', { ...ids, date: '2021-12-22' });
  expect(future.message).toContain('Anslagsdagen kan inte ligga i framtiden (i dag är det tisdag 21 december 2021)');
  expect((await stored(body, meeting)).version).toBe(before.version);
  // No date given: today, the Swedish day (21 December, though it is still the 20th in UTC).
  const ok = await bot.press(maria, conv, 'protokoll.anslå', ids);
  expect(cardText(ok.card)).toContain('Anslaget är antecknat: 2021-12-21.');
  expect((await stored(body, meeting)).value.anslag?.date).toBe('2021-12-21');
});
