import { TestBot, groupChat, person, cardText, findAction, findInput } from '../support/bot';
import { bodyFixture, meetingFixture, store, NAMND_ROSTER } from '../support/fixtures';
import { emptyItem, type Item, type Meeting } from '../../src/domain/meeting';
import type { Body } from '../../src/domain/body';

/**
 * The secretary's meeting card without traps: one live card updated in place, a press on an old
 * card refused, an outcome never replaced without Ersätt, an upprop that keeps what was ticked,
 * and Avsluta mötet that asks first and names the §§ without outcome.
 */

let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => new Date('2022-01-20T17:05:00Z') });
});
afterAll(async () => {
  await bot.stop();
});

const maria = person('Maria Lind');
const conv = groupChat('kort-fallor');
let body: Body;
let meeting: Meeting;
const id = (name: string) => body.roster.find((r) => r.name === name)!.id;
const stored = async () => (await bot.services.meetings.get(body.id, meeting.id))!;
const it = (paragraph: number, title: string, extra: Partial<Item> = {}): Item => emptyItem({ id: `i${paragraph}`, paragraph, title, ...extra });
const ITEMS = [
  it(1, 'Godkännande av föredragningslistan och upprop', { standard: 'upprop' }),
  it(2, 'Information om hemtjänsten', { kind: 'Informationsärende' }),
  it(3, 'Budget 2022', { kind: 'Beslutsärende', proposal: 'fastställa budget för 2022' }),
  it(4, 'Lokalfrågor', { kind: 'Beslutsärende', proposal: 'hyra lokalen på Storgatan 3' }),
  it(5, 'Övriga frågor', { standard: 'övriga frågor' }),
];
/** Data of a button on a card, as Teams sends it with the card's inputs. */
const dataOf = (card: any, title: string, inputs: Record<string, unknown> = {}) => ({ ...findAction(card, title).data, ...inputs });
/** The last card the connector holds for an activity id (sent, then updated in place). */
const shownAs = (activityId: string) => {
  const all = bot.connector.sent.filter((s) => s.id === activityId);
  return all[all.length - 1]?.activity.attachments?.[0]?.content;
};

beforeAll(async () => {
  body = bodyFixture(conv, { name: 'Socialnämnden', profile: 'kommunallagen', roster: NAMND_ROSTER });
  meeting = meetingFixture(body, { items: ITEMS, start: '2022-01-20T18:00', end: '2022-01-20T20:00', absent: ['Nils Holm'], calls: [{ for: 'Nils Holm', asked: 'Karin Ås', answer: 'ja' }] });
  await store(bot.services, body, meeting);
});

let uppropId = '';
let live = '';

test('the upprop lists every ersättare, offers only serving members other than the ordförande as justerare, and a refusal keeps what was ticked', async () => {
  const start = await bot.say(maria, conv, 'starta mötet');
  const upprop = start.cards[0];
  uppropId = bot.connector.sent.find((s) => s.activity.attachments?.[0]?.content === upprop)?.id ?? '';
  const text = cardText(upprop);
  for (const n of ['Karin Ås', 'Jonas Vik', 'Lena Dahl']) expect(text).toContain(n);
  expect(text).toContain('kallad för Nils Holm');
  const choices = findInput(upprop, 'justerare').choices.map((c: any) => c.title);
  expect(choices).toEqual(expect.arrayContaining(['Per Ek', 'Sara Lund', 'Olof Strand', 'Karin Ås']));
  expect(choices).not.toContain('Ulla Berg');
  expect(choices).not.toContain('Nils Holm');
  expect(choices).not.toContain('Jonas Vik');

  // Per Ek unticked, Jonas Vik ticked, and an absent justerare: refused, and the card comes back as submitted.
  const present = Object.fromEntries(body.roster.map((r) => [`p_${r.id}`, String(!['Nils Holm', 'Per Ek'].includes(r.name))]));
  const before = await stored();
  const refused = await bot.press(maria, conv, 'upprop.bekräfta', { meetingId: meeting.id, ...present, justerare: id('Per Ek') });
  expect(cardText(refused.card)).toContain('Per Ek är inte markerad som närvarande');
  expect(findInput(refused.card, `p_${id('Per Ek')}`).value).toBe('false');
  expect(findInput(refused.card, `p_${id('Jonas Vik')}`).value).toBe('true');
  expect(findInput(refused.card, 'justerare').value).toBe(id('Per Ek'));
  expect((await stored()).version).toBe(before.version);

  const ok = await bot.press(maria, conv, 'upprop.bekräfta', { meetingId: meeting.id, ...present, justerare: id('Sara Lund') }, { replyToId: uppropId });
  expect(cardText(ok.card)).toContain('§ 1.');
  expect((await stored()).value.liveCard?.activityId).toBe(uppropId);
  live = uppropId;
});

test('one live card: "aktuellt ärende" replaces the older card, typed changes update it in place, an old card is refused', async () => {
  const oldCard = shownAs(live) && (await bot.press(maria, conv, 'ärende.utfall', { meetingId: meeting.id, itemId: 'i1', outcome: 'informationen', cancel: true })).card;
  const again = await bot.say(maria, conv, 'aktuellt ärende');
  const posted = bot.connector.sent.filter((s) => s.kind !== 'update' && s.conversationId === conv.id && s.activity.attachments).pop()!;
  expect(again.sent.filter((a) => a.attachments && !a.id)).toHaveLength(1); // one new card; the old one is updated (PUT, with its id)
  expect(cardText(shownAs(uppropId))).toContain('ersatt av ett nyare');
  expect(findAction(shownAs(uppropId), 'Bordläggs')).toBeUndefined();
  live = posted.id;
  expect((await stored()).value.liveCard?.activityId).toBe(live);

  // A typed outcome: the live card shows it, without a new message.
  const typed = await bot.say(maria, conv, 'utfall §1: Föredragningslistan godkändes.');
  expect(typed.sent.filter((a) => a.attachments && !a.id)).toHaveLength(0); // only the PUT of the live card
  expect(cardText(shownAs(live))).toContain('Föredragningslistan godkändes.');

  // "starta mötet" typed again: the current card posted anew as the live one, the previous one points to it.
  const restart = await bot.say(maria, conv, 'starta mötet');
  expect(restart.texts[0]).toBe('Mötet pågår. Här är det aktuella kortet.');
  const reposted = bot.connector.sent.filter((s) => s.kind !== 'update' && s.conversationId === conv.id && s.activity.attachments).pop()!;
  expect(cardText(shownAs(live))).toContain('ersatt av ett nyare');
  live = reposted.id;
  expect((await stored()).value.liveCard?.activityId).toBe(live);
  expect(cardText(shownAs(live))).toContain('Föredragningslistan godkändes.');

  // Bordläggs pressed on the card from before the typed outcome: refused, the current card instead.
  const before = await stored();
  const stale = await bot.press(maria, conv, 'ärende.utfall', dataOf(oldCard, 'Bordläggs'));
  expect(cardText(stale.card)).toContain('Kortet är gammalt');
  expect(cardText(stale.card)).toContain('Föredragningslistan godkändes.');
  expect((await stored()).value).toEqual(before.value);
});

test('an outcome replaces another only after Ersätt; the likely outcome is the default button', async () => {
  const next = await bot.press(maria, conv, 'ärende.nästa', dataOf(shownAs(live), 'Nästa ärende'), { replyToId: live });
  // § 2 is an informationsärende: Godkände informationen is the default, and the field is not named like the button.
  expect(findAction(next.card, 'Godkände informationen').style).toBe('positive');
  expect(findAction(next.card, 'Beslut').style).toBe('default');
  expect(findInput(next.card, 'beslut').label).not.toBe('Beslut');
  const info = await bot.press(maria, conv, 'ärende.utfall', dataOf(next.card, 'Godkände informationen'), { replyToId: live });
  expect(cardText(info.card)).toContain('Socialnämnden godkände informationen.');

  // Pressed again on the card before: stale. On the current card: asked first.
  const stale = await bot.press(maria, conv, 'ärende.utfall', dataOf(next.card, 'Bordläggs'), { replyToId: live });
  expect(cardText(stale.card)).toContain('Kortet är gammalt');
  const before = await stored();
  const ask = await bot.press(maria, conv, 'ärende.utfall', dataOf(info.card, 'Bordläggs'), { replyToId: live });
  expect(cardText(ask.card)).toContain('§ 2 har redan ett utfall');
  expect(cardText(ask.card)).toContain('Socialnämnden beslutade att bordlägga ärendet.');
  expect((await stored()).version).toBe(before.version);
  const cancel = await bot.press(maria, conv, 'ärende.utfall', dataOf(ask.card, 'Avbryt'), { replyToId: live });
  expect(cardText(cancel.card)).toContain('§ 2.');
  expect((await stored()).version).toBe(before.version);
  const replaced = await bot.press(maria, conv, 'ärende.utfall', dataOf(ask.card, 'Ersätt'), { replyToId: live });
  expect(cardText(replaced.card)).toContain('bordlägga ärendet');
  expect((await stored()).value.items[1].outcome?.kind).toBe('bordläggs');

  // Typed over an outcome: the same question, nothing recorded.
  const typed = await bot.say(maria, conv, 'informationen §2');
  expect(cardText(typed.cards[0])).toContain('§ 2 har redan ett utfall');
  expect((await stored()).value.items[1].outcome?.kind).toBe('bordläggs');

  const three = await bot.press(maria, conv, 'ärende.nästa', dataOf(replaced.card, 'Nästa ärende'), { replyToId: live });
  expect(findAction(three.card, 'Beslut').style).toBe('positive');
  expect(findAction(three.card, 'Godkände informationen').style).toBe('default');
});

test('jäv and votering typed on the current § go through the same actions and leave the live card current', async () => {
  // § 3 is current after the Nästa ärende above; its live card is updated in place, no new message.
  const jav = await bot.say(maria, conv, 'jäv Olof Strand §3');
  expect(jav.texts[0]).toContain('Olof Strand är jävig i § 3');
  expect(jav.sent.filter((a) => a.attachments && !a.id)).toHaveLength(0);
  expect(cardText(shownAs(live))).toMatch(/Jäv[\s\S]*Olof Strand/);
  const vote = await bot.say(maria, conv, 'votering §3 ja: Ulla Berg, Sara Lund; nej: Karin Ås');
  expect(vote.texts[0]).toContain('Votering i § 3');
  expect(vote.sent.filter((a) => a.attachments && !a.id)).toHaveLength(0);
  expect(cardText(shownAs(live))).toContain('Votering');
  // The pressed card from before the typed changes is now out of date: refused with the current card.
  const before = await stored();
  const stale = await bot.press(maria, conv, 'ärende.utfall', { ...dataOf(shownAs(live), 'Beslut'), stamp: 'gammal' });
  expect(cardText(stale.card)).toContain('Kortet är gammalt');
  expect((await stored()).version).toBe(before.version);
});

test('Avsluta mötet asks first, names the §§ without outcome, and the card becomes the closed summary', async () => {
  const card = shownAs(live);
  const before = await stored();
  const ask = await bot.press(maria, conv, 'möte.avsluta', dataOf(card, 'Avsluta mötet'), { replyToId: live });
  expect(cardText(ask.card)).toContain('§§ 3–5 saknar utfall');
  expect((await stored()).version).toBe(before.version);
  const back = await bot.press(maria, conv, 'möte.avsluta', dataOf(ask.card, 'Avbryt'), { replyToId: live });
  expect(cardText(back.card)).toContain('§ 3.');
  expect((await stored()).value.status).toBe('pågår');

  const closed = await bot.press(maria, conv, 'möte.avsluta', dataOf(ask.card, 'Avsluta mötet'), { replyToId: live });
  expect(closed.texts.join(' ')).toContain('§§ 3–5 saknar utfall');
  expect(cardText(closed.card)).toContain('Nästa steg');
  expect(findAction(closed.card, 'Skapa protokollutkast')).toBeDefined();
  expect(findAction(closed.card, 'Bordläggs')).toBeUndefined();
  expect((await stored()).value.status).toBe('avslutat');
  // A card from before stamps existed (no stamp) pressed afterwards: refused in plain Swedish.
  const late = await bot.press(maria, conv, 'ärende.utfall', { meetingId: meeting.id, itemId: 'i3', outcome: 'bordläggs' });
  expect(late.message).toBe('Mötet är avslutat och inget mer kan antecknas som under mötet; det som ska ändras rättas i protokollutkastet.');
  // Closing again, typed or pressed: one action, one answer.
  const typedAgain = await bot.say(maria, conv, 'avsluta mötet');
  const pressedAgain = await bot.press(maria, conv, 'möte.avsluta', { meetingId: meeting.id, confirmed: true });
  expect(typedAgain.texts).toEqual(['Mötet är redan avslutat.']);
  expect(pressedAgain.texts).toEqual(['Mötet är redan avslutat.']);
});
