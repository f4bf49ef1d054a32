import { TestBot, groupChat, person } from '../support/bot';
import { bodyFixture, meetingFixture, store, NAMND_ROSTER, NAMND_ITEMS } from '../support/fixtures';
import type { Body } from '../../src/domain/body';
import type { Meeting } from '../../src/domain/meeting';

/** An uppdrag's due date written the Swedish way, without a year, read as the next such day. */

let bot: TestBot;
const maria = person('Maria Lind');
const conv = groupChat('uppdrag-senast');
let body: Body;
let meeting: Meeting;
const stored = async () => (await bot.services.meetings.get(body.id, meeting.id))!.value;

beforeAll(async () => {
  // 20 January 2022, 23:30 UTC: already Friday 21 January in Sweden.
  bot = await TestBot.start({ clock: () => new Date('2022-01-20T23:30:00Z') });
  body = bodyFixture(conv, { name: 'Socialnämnden', profile: 'kommunallagen', roster: NAMND_ROSTER });
  meeting = { ...meetingFixture(body, { items: NAMND_ITEMS, start: '2022-01-20T18:00', end: '2022-01-21T01:00' }), status: 'pågår' };
  await store(bot.services, body, meeting);
});
afterAll(async () => {
  await bot.stop();
});

test('"senast 28 februari" and "senast fredag 18 mars" are due dates this year; a passed day is next year; the answer says what was understood', async () => {
  const feb = await bot.say(maria, conv, 'uppdrag Tanja Mårtensson §2: Ta fram en tidsplan senast 28 februari');
  expect(feb.texts[0]).toBe('Uppdrag till Tanja Mårtensson i § 2: Ta fram en tidsplan (senast måndag 28 februari 2022). Det förs in i ärendeloggen.');
  const mar = await bot.say(maria, conv, 'uppdrag Tanja Mårtensson §2: Redovisa kostnaderna senast fredag 18 mars.');
  expect(mar.texts[0]).toContain('(senast fredag 18 mars 2022)');
  // 21 January is today in Sweden (the UTC day is still the 20th): today, not next year.
  await bot.say(maria, conv, 'uppdrag Tanja Mårtensson §2: Boka lokal senast 21 januari');
  await bot.say(maria, conv, 'uppdrag Tanja Mårtensson §2: Utvärdera senast 20 januari');
  // A weekday that does not fit the day is not guessed at: the words stay in the text.
  await bot.say(maria, conv, 'uppdrag Tanja Mårtensson §2: Ring Säter senast torsdag 18 mars');
  expect((await stored()).items[1].assignments.map((a) => [a.text, a.due])).toEqual([
    ['Ta fram en tidsplan', '2022-02-28'],
    ['Redovisa kostnaderna', '2022-03-18'],
    ['Boka lokal', '2022-01-21'],
    ['Utvärdera', '2023-01-20'],
    ['Ring Säter senast torsdag 18 mars', undefined],
  ]);
});
