import { TestBot, groupChat, person, cardText, findAction } from '../support/bot';
import { bodyFixture, meetingFixture, store, NAMND_ROSTER, NAMND_ITEMS } from '../support/fixtures';
import type { Body } from '../../src/domain/body';
import type { Meeting } from '../../src/domain/meeting';

/**
 * Issue 15 (item cases) through /api/messages: an outcome on an agenda item becomes that item's
 * case in the ärendelogg; bordlagda and återremitterade cases are proposed for the next meeting
 * and continue there; a case write that fails after the meeting's commit stays pending and is made up.
 */

let now = new Date('2022-01-20T17:05:00Z');
let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => now });
});
afterAll(async () => {
  await bot.stop();
});

const maria = person('Maria Lind');

async function startedMeeting(convId: string, start: string) {
  const conv = groupChat(convId);
  const body: Body = bodyFixture(conv, { name: 'Socialnämnden', profile: 'kommunallagen', roster: NAMND_ROSTER });
  const meeting: Meeting = meetingFixture(body, { items: NAMND_ITEMS, start, end: start.replace('T18', 'T20') });
  await store(bot.services, body, meeting);
  await confirmUpprop(conv, body, meeting.id);
  return { conv, body, meeting };
}

async function confirmUpprop(conv: ReturnType<typeof groupChat>, body: Body, meetingId: string) {
  await bot.say(maria, conv, 'starta mötet');
  const toggles = Object.fromEntries(body.roster.map((r) => [`p_${r.id}`, 'true']));
  await bot.press(maria, conv, 'upprop.bekräfta', { meetingId, ...toggles, justerare: body.roster[0].id });
}

const byTitle = async (bodyId: string, title: string) => (await bot.services.cases.listAll(bodyId)).filter((c) => c.title === title);

test('bordlagd by card and återremitterad by command: both in the ärendelogg, proposed next meeting, continued there and closed by beslut', async () => {
  const { conv, body, meeting } = await startedMeeting('item-cases-flow', '2022-01-20T18:00');
  const pressed = await bot.press(maria, conv, 'ärende.utfall', { meetingId: meeting.id, itemId: 'i2', outcome: 'bordläggs' });
  expect(cardText(pressed.card)).toContain('Socialnämnden beslutade att bordlägga ärendet.');
  expect((await bot.say(maria, conv, 'återremiss §3')).texts[0]).toBe('§ 3: Socialnämnden beslutade att återremittera ärendet.');

  const [budget] = await byTitle(body.id, 'Budget 2022');
  const [upphandling] = await byTitle(body.id, 'Upphandling av hemtjänst');
  expect(budget.status).toBe('bordlagt');
  expect(upphandling.status).toBe('återremitterat');
  // Standard items and undecided items have no case.
  expect((await bot.services.cases.listAll(body.id)).map((c) => c.title).sort()).toEqual(['Budget 2022', 'Upphandling av hemtjänst']);
  const log = await bot.say(maria, conv, 'ärendelogg');
  const logText = log.cards.map(cardText).join('\n');
  expect(logText).toContain('Visar 1–2 av 2 öppna ärenden');
  expect(logText).toMatch(/Budget 2022[\s\S]*bordlagt/);
  expect(logText).toMatch(/Upphandling av hemtjänst[\s\S]*återremitterat/);

  await bot.say(maria, conv, 'avsluta mötet');
  // Closing re-checks every decided item: still one case each.
  expect(await byTitle(body.id, 'Budget 2022')).toHaveLength(1);
  expect(await byTitle(body.id, 'Upphandling av hemtjänst')).toHaveLength(1);

  // The next meeting's preview proposes both.
  now = new Date('2022-02-17T17:05:00Z');
  const created = await bot.say(maria, conv, 'nytt möte\nDatum: 2022-02-17 kl. 18:00-20:00\nPlats: Kommunhuset\n§ Lokalfrågor\nBeslutsärende');
  const preview = cardText(created.cards[0]);
  expect(preview).toContain('Budget 2022 (bordlagt)');
  expect(preview).toContain('Upphandling av hemtjänst (återremitterat)');
  const second = (await bot.services.meetings.listForBody(body.id)).find((m) => m.id !== meeting.id)!;
  const added = await bot.press(maria, conv, 'möte.förslag.lägg-till', { meetingId: second.id, proposalId: budget.id });
  expect(cardText(added.card)).toContain('Budget 2022');
  const item = (await bot.services.meetings.get(body.id, second.id))!.value.items.find((i) => i.caseId === budget.id)!;
  expect(item.title).toBe('Budget 2022');

  await confirmUpprop(conv, body, second.id);
  await bot.say(maria, conv, `beslut §${item.paragraph}: fastställa budget för 2022`);
  const cases = await byTitle(body.id, 'Budget 2022');
  expect(cases).toHaveLength(1);
  expect(cases[0].id).toBe(budget.id);
  expect(cases[0].status).toBe('avslutat');
  const rows = (await bot.services.cases.withHistory(body.id, budget.id))!.history;
  // One case across both meetings: its history has entries from each.
  expect(new Set(rows.map((h) => h.meetingId).filter(Boolean))).toEqual(new Set([meeting.id, second.id]));
  // Every effect was carried out in the request: nothing left pending beside either meeting.
  expect(await bot.paragraf.repos.meetings.docs.pendingIn(`${body.id}|${meeting.id}`)).toEqual([]);
  expect(await bot.paragraf.repos.meetings.docs.pendingIn(`${body.id}|${second.id}`)).toEqual([]);
  const history = rows.map((h) => h.text);
  expect(history.join('\n')).toContain('mötet torsdag 20 januari 2022 § 2');
  expect(history.join('\n')).toContain(`Togs upp på mötet torsdag 17 februari 2022 § ${item.paragraph}`);
  // The closed case leaves the open ärendelogg; the återremitterade one stays, still proposed.
  const again = (await bot.say(maria, conv, 'ärendelogg')).cards.map(cardText).join('\n');
  expect(again).toContain('Visar 1–1 av 1 öppna ärenden');
  expect(again).not.toContain('Budget 2022');
  const preview2 = await bot.say(maria, conv, 'nytt möte\nDatum: 2022-03-17 kl. 18:00-20:00\nPlats: Kommunhuset\n§ Lokalfrågor\nBeslutsärende');
  expect(cardText(preview2.cards[0])).toContain('Upphandling av hemtjänst (återremitterat)');
  expect(cardText(preview2.cards[0])).not.toContain('Budget 2022');
});

test('a failed case write does not fail the press; the effect stays pending and the minute job makes it up, once', async () => {
  await bot.services.scheduler.stop();
  now = new Date('2022-03-17T17:05:00Z');
  const { conv, body, meeting } = await startedMeeting('item-cases-fail', '2022-03-17T18:00');
  const cases = bot.services.cases;
  const create = cases.create.bind(cases);
  let failures = 0;
  cases.create = async (...args) => {
    if (failures++ === 0) throw new Error('lagringen svarar inte');
    return create(...args);
  };
  try {
    const pressed = await bot.press(maria, conv, 'ärende.utfall', { meetingId: meeting.id, itemId: 'i2', outcome: 'bordläggs' });
    expect(pressed.message).toBeUndefined();
    expect(cardText(pressed.card)).toContain('Socialnämnden beslutade att bordlägga ärendet.');
  } finally {
    cases.create = create;
  }
  expect(failures).toBe(1);
  expect((await bot.services.meetings.get(body.id, meeting.id))!.value.items[1].outcome?.kind).toBe('bordläggs');
  expect(await byTitle(body.id, 'Budget 2022')).toHaveLength(0);
  // The effect is stored beside the meeting, waiting out its backoff.
  const pk = `${body.id}|${meeting.id}`;
  expect((await bot.paragraf.repos.meetings.docs.pendingIn(pk)).map((r) => [r.kind, r.attempts])).toEqual([['ärendelogg.utfall', 1]]);
  expect(await bot.services.effects.sweep(now)).toEqual({ done: 0, failed: 0 });

  now = new Date('2022-03-17T17:07:00Z');
  expect(await bot.services.scheduler.runDue(now)).toContain('effekter');
  const made = await byTitle(body.id, 'Budget 2022');
  expect(made).toHaveLength(1);
  expect(made[0].status).toBe('bordlagt');
  expect(await bot.paragraf.repos.meetings.docs.pendingIn(pk)).toEqual([]);
  now = new Date('2022-03-17T17:09:00Z');
  expect(await bot.services.effects.sweep(now)).toEqual({ done: 0, failed: 0 });
  const history = (await bot.services.cases.withHistory(body.id, made[0].id))!.history;
  expect(history.filter((h) => h.kind === 'utfall')).toHaveLength(1);
});
