import { TestBot, cardText, findAction, groupChat, person, type Person } from '../support/bot';
import { BodyRepo } from '../../src/storage/bodies';

// Local mode: one newcomer in the Agents Playground plays a whole meeting. `demo` casts the chat's own
// members; "agera som" makes the next action someone else's, marked in the audit log; the cards those
// people would get in their personal chat are shown in the demo chat under "Till … (personlig chatt)".
let bot: TestBot;
beforeAll(async () => { bot = await TestBot.start(); });
afterAll(async () => { await bot.stop(); });

const alex = person('Alex Wilber');
const cast = ['Megan Bowen', 'Adele Vance', 'Isaiah Langer', 'Patti Fernandez', 'Lynne Robbins'].map(person);
const [megan, adele] = cast;
const members = (ps: Person[]) => ps.map((p) => ({ id: `29:${p.aadObjectId}`, name: p.name, aadObjectId: p.aadObjectId }));
const today = new Date().toISOString().slice(0, 10);

async function pump(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await bot.services.outbox.pump();
    if ((await bot.services.outbox.pending()) === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('demo casts the chat, act-as answers the kallelse as another member (audited), and their personal card is shown in the chat', async () => {
  const conv = groupChat('demo-1');
  bot.connector.members.set(conv.id, members([alex, ...cast]));
  const demo = await bot.say(alex, conv, 'demo');
  const body = (await bot.services.bodies.get(BodyRepo.idFor(conv.id)))!.value;
  expect(body.demo).toBe(true);
  expect(body.roster.map((r) => [r.name, r.role, r.aadObjectId])).toEqual([
    ['Megan Bowen', 'ordförande', megan.aadObjectId],
    ['Adele Vance', 'ledamot', adele.aadObjectId],
    ['Isaiah Langer', 'ledamot', cast[2].aadObjectId],
    ['Patti Fernandez', 'ersättare', cast[3].aadObjectId],
    ['Lynne Robbins', 'ersättare', cast[4].aadObjectId],
    ['Alex Wilber', 'tjänsteperson', alex.aadObjectId],
  ]);
  expect(body.roster.every((r) => r.linkConfirmedAt)).toBe(true);
  expect(findAction(demo.cards[0], 'Agera som Megan Bowen')).toBeDefined();
  expect(findAction(demo.cards[0], 'Agera som Alex Wilber')).toBeUndefined();

  const created = await bot.say(alex, conv, `nytt möte\nDatum: ${today} 09.00-12.00\nPlats: Teams\n1. Information om läget\nMuntligt informationsärende`);
  const meetingId = (await bot.services.meetings.listForBody(body.id))[0].id;
  await bot.press(alex, conv, findAction(created.cards[0], 'Skicka kallelse').verb, findAction(created.cards[0], 'Skicka kallelse').data);
  await pump();

  // Without act-as, Alex (a tjänsteperson) cannot answer; with it, the answer is Adele's.
  const asAlex = await bot.press(alex, conv, 'kallelse.svara', { meetingId, answer: 'förhinder' });
  expect(asAlex.message).toMatch(/bara ledamöterna, ersättarna eller ordföranden/);
  const set = await bot.press(alex, conv, 'demo.agera', findAction(demo.cards[0], 'Agera som Adele Vance').data);
  expect(set.message).toMatch(/Nästa sak du gör i den här chatten räknas som Adele Vance/);
  const mark = bot.connector.mark();
  const answered = await bot.press(alex, conv, 'kallelse.svara', { meetingId, answer: 'förhinder' });
  expect(answered.card).toBeDefined();
  const meeting = (await bot.services.meetings.get(body.id, meetingId))!.value;
  expect(JSON.stringify(meeting)).toContain('förhinder');
  const audit = await bot.paragraf.repos.meetings.docs.audit(`${body.id}|${meetingId}`);
  expect(audit.at(-1)).toMatchObject({ action: 'kallelse.svara', actorId: alex.aadObjectId, actorName: 'Alex Wilber agerade som Adele Vance' });

  // Adele's förhinder asks the next ersättare of her party, Patti, in "her personal chat": shown here.
  await pump();
  const shown = bot.connector.since(mark).filter((s) => s.conversationId === conv.id).flatMap((s) => s.activity.attachments ?? []);
  const request = shown.map((a: any) => a.content).find((c: any) => cardText(c).includes('Till Patti Fernandez (personlig chatt)'));
  expect(request).toBeDefined();

  // Act-as counts for one action only: the next press is Alex's own again.
  const again = await bot.press(alex, conv, 'kallelse.svara', { meetingId, answer: 'kommer' });
  expect(again.message).toMatch(/bara ledamöterna, ersättarna eller ordföranden/);
});

test('agera som refuses a name outside the cast, and works only in a demo body', async () => {
  const conv = groupChat('demo-2');
  bot.connector.members.set(conv.id, members([alex, ...cast]));
  await bot.say(alex, conv, 'demo');
  expect((await bot.say(alex, conv, 'agera som Kalle Anka')).texts.join()).toMatch(/"Kalle Anka" finns inte bland rollerna. Välj Megan Bowen/);
  expect((await bot.say(alex, conv, 'agera som megan bowen')).texts.join()).toMatch(/räknas som Megan Bowen/);
  // Only the demo's secretary plays the others.
  expect((await bot.say(megan, conv, 'agera som Adele Vance')).texts.join()).toMatch(/Det här får bara sekreteraren göra/);

  const real = groupChat('demo-real');
  await bot.say(alex, real, 'nytt organ Välfärdsrådet');
  expect((await bot.say(alex, real, 'agera som Megan Bowen')).texts.join()).toMatch(/bara i demoorganet/);
  expect((await bot.say(alex, real, 'demo')).texts.join()).toMatch(/redan knuten till Välfärdsrådet/);
});
