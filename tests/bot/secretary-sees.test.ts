import { TestBot, groupChat, cardText } from '../support/bot';
import { cast, everyone, linkEveryone } from '../support/meeting-fixture';
import { BodyRepo } from '../../src/storage/bodies';

/**
 * What the secretary sees: the roster as read (bulleted lines accepted), errors one per line, the
 * kallelse with each förslag till beslut and the names behind each answer, refusals in plain Swedish.
 */

let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => new Date('2030-12-01T09:00:00Z') });
});
afterAll(async () => {
  await bot.stop();
});

const c = cast(2);
const conv = groupChat('sekreteraren-ser');
const LONG = `godkänna ${'den reviderade handlingsplanen för nära vård med samtliga bilagor och ändringar, '.repeat(4)}i sin helhet`;

test('a bulleted roster is read, and the roster card shows each person as read with the Teams link', async () => {
  bot.connector.members.set(conv.id, everyone(c).map((p) => ({ id: `29:${p.aadObjectId}`, name: p.name, aadObjectId: p.aadObjectId })));
  const created = await bot.say(c.secretary, conv, 'nytt organ Testnämnden');
  expect(cardText(created.cards[0])).toMatch(/Sekreterare\nden som skapade organet(\n|$)/);
  // Two unreadable lines: each on its own line in the answer, nothing saved.
  const bad = await bot.say(c.secretary, conv, ['ledamöter', `- ${c.chair.name} (s Umeå kommun`, '• Pelle (s) Umeå kommun'].join('\n'));
  expect(bad.texts[0]).toMatch(/kunde inte läsas\.\n\n• "[^\n]+\n\n• "/);
  const roster = [
    'ledamöter',
    `- ${c.chair.name} (s) Umeå kommun, ordförande`,
    ...c.ledamoter.map((p) => `• ${p.name} (m) Umeå kommun`),
    ...c.ersattare.map((p) => `- ${p.name} (s) Umeå kommun, ersättare`),
    'Tjänstepersoner:',
    `• ${c.tjansteperson.name}, utvecklingsledare`,
    `• ${c.secretary.name}, sekreterare`,
  ].join('\n');
  const saved = await bot.say(c.secretary, conv, roster);
  expect(saved.texts.join(' ')).not.toMatch(/kunde inte/);
  const card = (await bot.say(c.secretary, conv, 'ledamöter')).cards[0];
  const text = cardText(card);
  expect(text).toContain(`${c.chair.name} (s) Umeå kommun, ordförande`);
  expect(text).toContain(`${c.ersattare[0].name} (s) Umeå kommun, ersättare`);
  expect(text).toContain(`${c.tjansteperson.name}, utvecklingsledare`);
  expect(text).toMatch(/Teams: .*kopplad automatiskt/);
  expect(text).not.toContain('- ');
});

test('the kallelse shows each förslag till beslut (a long one collapsed) and names who comes; a wrong party is told who may', async () => {
  await linkEveryone(bot, BodyRepo.idFor(conv.id), everyone(c));
  const agenda = ['nytt möte', 'Datum: 2030-12-17 09.00-12.00', 'Plats: Teams', '1. Budget 2031', 'Beslutsärende', 'Förslag till beslut: fastställa budgeten för 2031', '2. Handlingsplan', 'Beslutsärende', `Förslag till beslut: ${LONG}`].join('\n');
  await bot.say(c.secretary, conv, agenda);
  const meeting = (await bot.services.meetings.current(BodyRepo.idFor(conv.id)))!;
  await bot.press(c.secretary, conv, 'kallelse.skicka', { meetingId: meeting.id });
  const answered = await bot.press(c.ledamoter[0], conv, 'kallelse.svara', { bodyId: meeting.bodyId, meetingId: meeting.id, answer: 'kommer' });
  const text = cardText(answered.card);
  expect(text).toContain('Förslag till beslut: fastställa budgeten för 2031');
  expect(JSON.stringify(answered.card)).toContain('{"type":"Action.ToggleVisibility","title":"Visa förslag till beslut"');
  expect(JSON.stringify(answered.card)).toMatch(/"isVisible":false,"text":"Förslag till beslut: godkänna den reviderade/);
  expect(text).toContain(`1 av 3: ${c.ledamoter[0].name}`);

  const staff = await bot.press(c.tjansteperson, conv, 'kallelse.svara', { bodyId: meeting.bodyId, meetingId: meeting.id, answer: 'kommer' });
  expect(staff.message).toBe('Det här får bara ledamöterna, ersättarna eller ordföranden göra.');
});
