import { TestBot, groupChat, cardText, findAction } from '../support/bot';
import { buildKommunallagen, kommunallagen, maria } from '../support/protocol-fixtures';
import type { Meeting } from '../../src/domain/meeting';

/** `protokoll` drafts the meeting just closed, or the one named by date; the closed meeting's card has the button. */

let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => new Date('2021-12-17T16:00:00Z') });
});
afterAll(async () => {
  await bot.stop();
});

const stored = async (bodyId: string, id: string): Promise<Meeting> => (await bot.services.meetings.get(bodyId, id))!.value;

test('protokoll takes the meeting just closed, not the latest-dated; a date names another; the card button drafts its own meeting', async () => {
  const conv = groupChat('which-meeting');
  // 17 December: avslutat earlier (no protocol yet).
  const december = await kommunallagen(bot.services, conv);
  // 10 December, entered afterwards and closed now through the bot.
  const earlier = buildKommunallagen(conv.id, { start: '2021-12-10T13:00' }).meeting;
  await bot.services.meetings.change(december.body.id, earlier.id, { actor: { id: maria.aadObjectId, name: maria.name }, action: 'möte.skapa', apply: () => ({ ...earlier, status: 'pågår' }) });

  const closed = await bot.say(maria, conv, 'avsluta mötet');
  expect(closed.texts.join('\n')).toContain('Mötet är avslutat.');
  const card = closed.cards[0];
  expect(cardText(card)).toContain('Mötet 2021-12-10 är avslutat');
  const button = findAction(card, 'Skapa protokollutkast');
  expect(button.verb).toBe('protokoll.skapa');
  expect(button.data.meetingId).toBe(earlier.id);

  const ex = await bot.say(maria, conv, 'protokoll');
  expect(ex.texts.join()).toContain('Protokollutkastet för Vård- och omsorgsnämnden är skapat (version 1).');
  expect((await stored(december.body.id, earlier.id)).status).toBe('protokollutkast');
  expect((await stored(december.body.id, december.meeting.id)).status).toBe('avslutat');

  // By date, both ways of writing it; a day without a meeting is a clear refusal.
  const byIso = await bot.say(maria, conv, 'protokoll 2021-12-17');
  expect(byIso.texts.join()).toContain('skapat (version 1)');
  expect((await stored(december.body.id, december.meeting.id)).status).toBe('protokollutkast');
  const none = await bot.say(maria, conv, 'protokoll 18 december');
  expect(none.texts.join()).toBe('Vård- och omsorgsnämnden har inget möte 18 december. Skriv "protokoll" för mötet som avslutades senast.');
  const shown = await bot.say(maria, conv, 'protokoll 10 december');
  expect(cardText(shown.cards[0])).toContain('2021-12-10');
  const bad = await bot.say(maria, conv, 'protokoll i morgon');
  expect(bad.texts.join()).toContain('är inget datum jag kan läsa');

  // The button on the closed meeting's card drafts that meeting (here: it already has one).
  const pressed = await bot.press(maria, conv, button.verb, button.data);
  expect(pressed.message ?? pressed.texts.join()).toContain('Protokollutkastet finns redan (version 1)');
});

test('the closed meeting\'s button drafts the meeting it belongs to', async () => {
  const conv = groupChat('which-meeting-button');
  const december = await kommunallagen(bot.services, conv);
  const earlier = buildKommunallagen(conv.id, { start: '2021-12-10T13:00' }).meeting;
  await bot.services.meetings.change(december.body.id, earlier.id, { actor: { id: maria.aadObjectId, name: maria.name }, action: 'möte.skapa', apply: () => ({ ...earlier, status: 'pågår' }) });
  const closed = await bot.say(maria, conv, 'avsluta mötet');
  const button = findAction(closed.cards[0], 'Skapa protokollutkast');
  const pressed = await bot.press(maria, conv, button.verb, button.data);
  expect(cardText(pressed.card)).toContain('Protokollutkast, version 1');
  expect((await stored(december.body.id, earlier.id)).status).toBe('protokollutkast');
  expect((await stored(december.body.id, december.meeting.id)).status).toBe('avslutat');
});
