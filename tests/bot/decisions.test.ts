import { TestBot, groupChat, person, cardText, findAction, findInput } from '../support/bot';
import { bodyFixture, meetingFixture, store, NAMND_ROSTER, NAMND_ITEMS } from '../support/fixtures';
import type { Body } from '../../src/domain/body';
import type { Meeting } from '../../src/domain/meeting';

/**
 * Issue 14 through /api/messages: no surface (the item card, a typed command, "Rätta en
 * paragraf") can record a decision the law does not allow — none without beslutförhet, none
 * against the votering — and decisions read as protocols write them.
 */

let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => new Date('2022-01-20T17:05:00Z') });
});
afterAll(async () => {
  await bot.stop();
});

const maria = person('Maria Lind');

/** A kommunallagen nämnd with one meeting, upprop confirmed with only `present` there. */
async function meetingWith(convId: string, present: string[], items = NAMND_ITEMS) {
  const conv = groupChat(convId);
  const body: Body = bodyFixture(conv, { name: 'Socialnämnden', profile: 'kommunallagen', roster: NAMND_ROSTER });
  const meeting: Meeting = meetingFixture(body, { items, start: '2022-01-20T18:00', end: '2022-01-20T20:00' });
  await store(bot.services, body, meeting);
  const id = (name: string) => body.roster.find((r) => r.name === name)!.id;
  await bot.say(maria, conv, 'starta mötet');
  const toggles = Object.fromEntries(body.roster.map((r) => [`p_${r.id}`, String(present.includes(r.name) || r.role === 'tjänsteperson')]));
  const confirmed = await bot.press(maria, conv, 'upprop.bekräfta', { meetingId: meeting.id, ...toggles, justerare: id(present[0]) });
  const stored = async () => (await bot.services.meetings.get(body.id, meeting.id))!;
  /** A typed command that must be refused: the Swedish reason, and the stored meeting unchanged. */
  const refusedSay = async (text: string, expected: RegExp | string) => {
    const before = await stored();
    const r = await bot.say(maria, conv, text);
    if (typeof expected === 'string') expect(r.texts.join('\n')).toBe(expected);
    else expect(r.texts.join('\n')).toMatch(expected);
    expect((await stored()).version).toBe(before.version);
  };
  const refusedPress = async (verb: string, data: Record<string, unknown>, expected: RegExp) => {
    const before = await stored();
    const r = await bot.press(maria, conv, verb, data);
    expect(r.message).toMatch(expected);
    expect((await stored()).version).toBe(before.version);
  };
  return { conv, body, meeting, id, confirmed, stored, refusedSay, refusedPress };
}

test('2 of 5 ledamöter: the card says so and no surface records a decision; the protocol states it', async () => {
  const t = await meetingWith('decisions-quorum', ['Ulla Berg', 'Sara Lund']);
  expect(t.confirmed.texts.join(' ')).toContain('Inte beslutfört: 2 av 5 ledamöter tjänstgör.');
  expect(cardText(t.confirmed.card)).toContain('Inte beslutfört: 2 av 5 ledamöter tjänstgör. Beslut kan inte fattas på den här paragrafen.');
  const card2 = (await bot.press(maria, t.conv, 'ärende.nästa', { meetingId: t.meeting.id, itemId: 'i1' })).card;
  expect(cardText(card2)).toContain('§ 2. Budget 2022');
  expect(cardText(card2)).not.toContain('I protokollet vid Beslut');

  const reason = /Socialnämnden är inte beslutför på § 2\. Bara 2 av 5 ledamöter tjänstgör, och mer än hälften \(minst 3\) måste delta för att beslut ska kunna fattas \(kommunallagen 6 kap\. 27 §\)/;
  // The card's Beslut button, a typed Beslut, a votering, a bifall and Bordläggs: all refused.
  await t.refusedPress('ärende.utfall', { meetingId: t.meeting.id, itemId: 'i2', outcome: 'beslut', beslut: 'fastställa budget för 2022' }, reason);
  await t.refusedPress('ärende.utfall', { meetingId: t.meeting.id, itemId: 'i2', outcome: 'bordläggs' }, reason);
  await t.refusedSay('beslut §2: fastställa budget för 2022', reason);
  await t.refusedSay('utfall §1: Föredragningslistan godkändes.', /Beslutet i § 1 kan inte antecknas: Socialnämnden är inte beslutför/);
  await t.refusedSay('votering §2 ja: Ulla Berg; nej: Sara Lund', /Voteringen i § 2 kan inte antecknas: Socialnämnden är inte beslutför/);
  await bot.say(maria, t.conv, 'yrkande Sara Lund §2: bifall till förslaget');
  await t.refusedSay('bifall §2: 1', /Bifall i § 2 kan inte antecknas/);
  // Information may still be noted.
  expect((await bot.say(maria, t.conv, 'informationen §1')).texts[0]).toBe('§ 1: Socialnämnden godkände informationen.');

  await bot.say(maria, t.conv, 'avsluta mötet');
  const draft = await bot.say(maria, t.conv, 'protokoll');
  expect(draft.texts.join(' ')).not.toMatch(/kan inte skapas/);
  const m = (await t.stored()).value;
  expect(m.protocol[0].markdown).toContain('## § 1. Godkännande av föredragningslistan och upprop\n\nSocialnämnden konstaterar att den inte är beslutför (2 av 5 ledamöter tjänstgör) och kan inte fatta beslut.');
  // "Rätta en paragraf" cannot put a decision there either.
  await t.refusedPress('protokoll.rätta', { bodyId: t.body.id, meetingId: t.meeting.id, paragraph: '2', field: 'beslut', text: 'Socialnämnden beslutar att fastställa budget för 2022.' }, reason);
});

test('a vote 1–4: the text says what ja and nej meant and how it was decided; bifall and Beslut for the losing side are refused', async () => {
  const items = NAMND_ITEMS.map((i) => (i.paragraph === 2 ? { ...i, title: 'Rutin för avgifter', proposal: 'Socialnämnden beslutar att anta rutinen.' } : i));
  const t = await meetingWith('decisions-vote', ['Ulla Berg', 'Per Ek', 'Sara Lund', 'Olof Strand', 'Nils Holm'], items);
  expect(cardText(t.confirmed.card)).toContain('Beslutfört: 5 av 5 ledamöter tjänstgör.');
  expect((await bot.say(maria, t.conv, 'utfall §1: Föredragningslistan godkändes.')).texts[0]).toBe('§ 1: Föredragningslistan godkändes.');
  await bot.press(maria, t.conv, 'ärende.nästa', { meetingId: t.meeting.id, itemId: 'i1' });

  // Before the vote the card shows the förslag exactly as the protocol will print it.
  let card = (await bot.say(maria, t.conv, 'aktuellt ärende')).cards[0];
  expect(findInput(card, 'beslut').value).toBe('anta rutinen');
  expect(cardText(card)).toContain('I protokollet vid Beslut: Socialnämnden beslutade att anta rutinen.');

  await bot.say(maria, t.conv, 'yrkande Ulla Berg §2: bifall till förslaget');
  await bot.say(maria, t.conv, 'yrkande Sara Lund §2: avslag');
  await bot.say(maria, t.conv, 'propositionsordning §2: 1, 2');
  const vote = await bot.say(maria, t.conv, 'votering §2 ja: Ulla Berg; nej: Per Ek, Sara Lund, Olof Strand; avstår: Nils Holm');
  expect(vote.texts[0]).toBe(
    'Votering i § 2: Den som bifaller Ulla Bergs yrkande röstar ja, den som bifaller Sara Lunds yrkande röstar nej. Med 1 ja-röst mot 3 nej-röster och 1 som avstår beslutar Socialnämnden enligt Sara Lunds yrkande.',
  );
  await t.refusedSay('bifall §2: 1', 'Yrkande 1 kan inte bifallas: i voteringen i § 2 (1 ja-röst mot 3 nej-röster) vann nej-sidan (enligt Sara Lunds yrkande).');
  await t.refusedSay('beslut §2: anta rutinen', /^Beslutet i § 2 måste följa voteringen \(1 ja-röst mot 3 nej-röster\): nej-sidan \(enligt Sara Lunds yrkande\) vann\. Beslutet blir: "Socialnämnden beslutade att avslå förslaget\."$/);
  await t.refusedPress('ärende.utfall', { meetingId: t.meeting.id, itemId: 'i2', outcome: 'informationen' }, /måste följa voteringen/);
  expect((await bot.say(maria, t.conv, 'bifall §2: 2')).texts[0]).toBe('Yrkande 2 i § 2 bifölls.');

  // The card now offers the winner's decision, and pressing Beslut records it.
  card = (await bot.say(maria, t.conv, 'aktuellt ärende')).cards[0];
  expect(findInput(card, 'beslut').value).toBe('avslå förslaget');
  expect(cardText(card)).toContain('I protokollet vid Beslut: Socialnämnden beslutade att avslå förslaget.');
  await t.refusedPress('ärende.utfall', { ...findAction(card, 'Beslut').data, beslut: 'anta rutinen' }, /måste följa voteringen/);
  const decided = await bot.press(maria, t.conv, 'ärende.utfall', { ...findAction(card, 'Beslut').data, beslut: findInput(card, 'beslut').value });
  expect(cardText(decided.card)).toContain('Socialnämnden beslutade att avslå förslaget.');

  // The protocol carries the voteringsproposition, each vote and the result as a decision.
  await bot.say(maria, t.conv, 'beslut §3: anta tilldelningsbeslutet');
  await bot.say(maria, t.conv, 'beslut §4: hyra lokalen på Storgatan 3');
  await bot.say(maria, t.conv, 'avsluta mötet');
  await bot.say(maria, t.conv, 'protokoll');
  const md = (await t.stored()).value.protocol[0].markdown;
  expect(md).toContain('Socialnämnden konstaterar att den är beslutför (5 av 5 ledamöter tjänstgör).');
  expect(md).toContain('**Votering**\n\nVoteringsproposition: Den som bifaller Ulla Bergs yrkande röstar ja, den som bifaller Sara Lunds yrkande röstar nej.');
  expect(md).toContain('| Nils Holm (s) | avstår |');
  expect(md).toContain('Med 1 ja-röst mot 3 nej-röster och 1 som avstår beslutar Socialnämnden enligt Sara Lunds yrkande.');
  expect(md).toContain('**Beslut**\n\nSocialnämnden beslutade att avslå förslaget.');
  // Rätta en paragraf cannot turn it round.
  await t.refusedPress('protokoll.rätta', { bodyId: t.body.id, meetingId: t.meeting.id, paragraph: '2', field: 'beslut', text: 'anta rutinen' }, /måste följa voteringen/);
});

test('decision formulas in protocol Swedish from the card, a typed Beslut and a correction', async () => {
  const items = [
    NAMND_ITEMS[0],
    { ...NAMND_ITEMS[1], proposal: 'Socialnämnden föreslår kommunfullmäktige besluta att anta taxan.' },
    { ...NAMND_ITEMS[2], proposal: 'Layouten godkänns.' },
    NAMND_ITEMS[3],
    NAMND_ITEMS[4],
  ];
  const t = await meetingWith('decisions-formula', ['Ulla Berg', 'Per Ek', 'Sara Lund'], items);
  // A Beslut typed on the card as a sentence stands as written.
  const upprop = await bot.press(maria, t.conv, 'ärende.utfall', { meetingId: t.meeting.id, itemId: 'i1', outcome: 'beslut', beslut: 'Föredragningslistan godkändes.' });
  expect(cardText(upprop.card)).toContain('Föredragningslistan godkändes.');
  expect(cardText(upprop.card)).not.toContain('beslutade att Föredragningslistan');
  let card = (await bot.press(maria, t.conv, 'ärende.nästa', { meetingId: t.meeting.id, itemId: 'i1' })).card;
  expect(findInput(card, 'beslut').value).toBe('föreslå kommunfullmäktige besluta att anta taxan');
  expect(cardText(card)).toContain('I protokollet vid Beslut: Socialnämnden beslutade att föreslå kommunfullmäktige besluta att anta taxan.');
  const b = await bot.press(maria, t.conv, 'ärende.utfall', { ...findAction(card, 'Beslut').data, beslut: findInput(card, 'beslut').value });
  expect(cardText(b.card)).toContain('Socialnämnden beslutade att föreslå kommunfullmäktige besluta att anta taxan.');
  card = (await bot.press(maria, t.conv, 'ärende.nästa', { meetingId: t.meeting.id, itemId: 'i2' })).card;
  expect(cardText(card)).toContain('I protokollet vid Beslut: Layouten godkänns.');
  // A changed Beslut is shown as the protocol will print it, and recorded only when pressed again.
  const before = (await t.stored()).version;
  const check = await bot.press(maria, t.conv, 'ärende.utfall', { ...findAction(card, 'Beslut').data, beslut: 'Godkänna avgiftshandboken.', anteckning: 'Handboken gäller från 1 mars.' });
  expect(cardText(check.card)).toContain('I protokollet vid Beslut: Socialnämnden beslutade att godkänna avgiftshandboken.');
  expect(cardText(check.card)).toContain('Tryck Beslut igen för att anteckna det.');
  expect(findInput(check.card, 'anteckning').value).toBe('Handboken gäller från 1 mars.');
  expect((await t.stored()).version).toBe(before);
  const again = findAction(check.card, 'Beslut');
  const recorded = await bot.press(maria, t.conv, again.verb, { ...again.data, beslut: findInput(check.card, 'beslut').value, anteckning: findInput(check.card, 'anteckning').value });
  expect(cardText(recorded.card)).toContain('Socialnämnden beslutade att godkänna avgiftshandboken.');
  // Numbered att-satser typed as a command.
  const typed = await bot.say(maria, t.conv, 'beslut §4: 1. Hyra lokalen på Storgatan 3 2. Uppdra åt förvaltningen att teckna hyresavtal');
  // Each att-sats on its own line in the chat (a blank line: Teams joins single line breaks).
  expect(typed.texts[0]).toBe('§ 4: Socialnämnden beslutade att\n\n1. hyra lokalen på Storgatan 3\n\n2. uppdra åt förvaltningen att teckna hyresavtal.');
  expect((await t.stored()).value.items[2]).toMatchObject({ note: 'Handboken gäller från 1 mars.', outcome: { formula: 'Socialnämnden beslutade att godkänna avgiftshandboken.' } });
  await bot.say(maria, t.conv, 'avsluta mötet');
  await bot.say(maria, t.conv, 'protokoll');
  // A correction written with the organ's name is not doubled.
  const fixed = await bot.press(maria, t.conv, 'protokoll.rätta', { bodyId: t.body.id, meetingId: t.meeting.id, paragraph: '3', field: 'beslut', text: 'Socialnämnden beslutar att godkänna avgiftshandboken för 2022.' });
  expect(fixed.status).toBe(200);
  const m = (await t.stored()).value;
  expect(m.items[2].outcome?.formula).toBe('Socialnämnden beslutade att godkänna avgiftshandboken för 2022.');
  expect(m.protocol.at(-1)!.markdown).toContain('**Beslut**\n\nSocialnämnden beslutade att\n\n1\\. hyra lokalen på Storgatan 3\n\n2\\. uppdra åt förvaltningen att teckna hyresavtal.');
});
