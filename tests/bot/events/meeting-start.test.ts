import { TestBot, groupChat, person, cardText, findAction } from '../../support/bot';
import { bodyFixture, meetingFixture, store, NAMND_ROSTER, NAMND_ITEMS } from '../../support/fixtures';

/** Teams' meeting-start event in the meeting chat opens the upprop for a secretary, and only invites anyone else. */

let bot: TestBot;
// 09.30 Swedish time on the day the fixture's meeting is booked for (fredag 17 december 2021).
let now = new Date('2021-12-17T08:30:00Z');
beforeAll(async () => { bot = await TestBot.start({ clock: () => now }); });
afterAll(async () => { await bot.stop(); });

const meetingStart = (who: ReturnType<typeof person>, conv: ReturnType<typeof groupChat>) =>
  bot.post(bot.activity(who, conv, { type: 'event', name: 'application/vnd.microsoft.meetingStart', value: { Id: 'teams-meeting-1', Title: 'Socialnämnden', StartTime: '2022-01-20T18:00:00Z' } }));

async function setUp(name: string) {
  const conv = groupChat(name);
  const body = bodyFixture(conv, { name: 'Socialnämnden', profile: 'kommunallagen', roster: NAMND_ROSTER });
  const meeting = meetingFixture(body, { items: NAMND_ITEMS });
  await store(bot.services, body, meeting);
  return { conv, body, meeting };
}

test('started by the secretary, the meeting-start event opens the upprop', async () => {
  const { conv, body, meeting } = await setUp('start-secretary');
  const ex = await meetingStart(person('Maria Lind'), conv);
  expect(ex.status).toBe(200);
  expect(cardText(ex.cards[0])).toMatch(/Upprop/);
  expect((await bot.services.meetings.get(body.id, meeting.id))!.value.status).toBe('pågår');
});

test('started by someone else, the event only posts a Starta mötet card and changes nothing', async () => {
  const { conv, body, meeting } = await setUp('start-member');
  const before = (await bot.services.meetings.get(body.id, meeting.id))!;
  const stranger = person('Någon Utomstående');
  const ex = await meetingStart(stranger, conv);
  expect(findAction(ex.cards[0], 'Starta mötet')?.verb).toBe('möte.starta');
  const after = (await bot.services.meetings.get(body.id, meeting.id))!;
  expect(after.version).toBe(before.version);
  // The button is the secretary's: pressed by the stranger it is refused.
  const pressed = await bot.press(stranger, conv, 'möte.starta', { meetingId: meeting.id });
  expect(pressed.message ?? pressed.texts.join()).toMatch(/bara sekreteraren/);
  expect((await bot.services.meetings.get(body.id, meeting.id))!.version).toBe(before.version);
});

test('on another day than booked, the meeting-start event asks the secretary to confirm and starts nothing', async () => {
  const { conv, body, meeting } = await setUp('start-other-day');
  const before = (await bot.services.meetings.get(body.id, meeting.id))!;
  now = new Date('2021-12-01T09:00:00Z');
  try {
    const ex = await meetingStart(person('Maria Lind'), conv);
    expect(cardText(ex.cards[0])).toContain('Mötet är bokat till fredag 17 december 2021. Vill du starta det i dag, onsdag 1 december 2021?');
    expect(findAction(ex.cards[0], 'Starta ändå')?.data).toEqual({ meetingId: meeting.id, confirmedDay: '2021-12-01' });
    expect(findAction(ex.cards[0], 'Avbryt')).toBeDefined();
    expect((await bot.services.meetings.get(body.id, meeting.id))!.version).toBe(before.version);
  } finally {
    now = new Date('2021-12-17T08:30:00Z');
  }
});
