import { TestBot, groupChat, personalChat, cardText, type Person } from '../support/bot';
import { cast, setUpCastBody, type Cast } from '../support/meeting-fixture';

/**
 * A § marked for sekretess after the meeting decided it: the cases already written from it (the
 * item's own case, its uppdrag) had its text in their titles, and titles reach personal chats
 * (mina uppdrag, reminders). The marking covers them too, through the effect path.
 */

const SECRET = 'HEMLIGFALL';
let bot: TestBot;
let now = new Date('2030-12-01T09:00:00Z');
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => now });
});
afterAll(async () => {
  await bot.stop();
});

const conv = groupChat('sekretess-cases');
const c: Cast = cast(3, '');

function ok(texts: string[], what: string): void {
  if (texts.some((t) => /Kunde inte|kunde inte läsas|får bara|Jag förstod inte|Skriv till exempel|Inget har ändrats|finns inte/.test(t))) throw new Error(`${what}: ${texts.join(' | ')}`);
}
async function say(who: Person, text: string) {
  const r = await bot.say(who, conv, text);
  ok(r.texts, text);
  return r;
}

test('marking a decided § afterwards covers the titles of the cases already made from it, and mina uppdrag shows no secret', async () => {
  const bodyId = await setUpCastBody(bot, conv, c, 'Socialnämnden', ok);
  await say(c.secretary, ['nytt möte', 'Datum: 2030-12-17 09.00-12.00', 'Plats: Kommunhuset', `1. Placering av ${SECRET}`, 'Beslutsärende', `Förslag till beslut: Placering av ${SECRET} beviljas.`].join('\n'));
  const meetingId = (await bot.services.meetings.current(bodyId))!.id;
  now = new Date('2030-12-17T08:05:00Z');
  await say(c.secretary, 'starta mötet');
  const body = (await bot.services.bodies.get(bodyId))!.value;
  const present = Object.fromEntries(body.roster.map((r) => [`p_${r.id}`, 'true']));
  ok([(await bot.press(c.secretary, conv, 'upprop.bekräfta', { meetingId, ...present, justerare: body.roster.find((r) => r.name === c.ledamoter[0].name)!.id })).message ?? ''], 'upprop');
  await say(c.secretary, `beslut §1: Placering av ${SECRET} beviljas.`);
  await say(c.secretary, `uppdrag ${c.tjansteperson.name} §1: Följ upp ${SECRET} senast 2031-01-31`);
  await say(c.secretary, 'avsluta mötet');

  // Before the marking the cases carry the text (so this test bites).
  const titles = async () => (await bot.services.cases.listAll(bodyId)).map((k) => `${k.title} ${k.closingNote ?? ''}`);
  expect((await titles()).filter((t) => t.includes(SECRET))).toHaveLength(2);

  const marked = await say(c.secretary, 'sekretess §1 26 kap. 1 § OSL');
  expect(marked.texts.join()).toContain('§ 1 omfattas av sekretess enligt 26 kap. 1 § OSL');
  const after = await titles();
  expect(after).toHaveLength(2);
  for (const t of after) expect(t).not.toContain(SECRET);
  expect(after.join()).toContain('Sekretess enligt 26 kap. 1 § OSL');

  // The uppdrag's owner asks in personal chat: nothing of the covered § is shown there.
  const mine = await bot.say(c.tjansteperson, personalChat(c.tjansteperson), 'mina uppdrag');
  const shown = [...mine.texts, ...mine.cards.map(cardText)].join('\n');
  expect(shown).toContain('Sekretess enligt 26 kap. 1 § OSL');
  expect(shown).not.toContain(SECRET);
  // Each case says once, in its history, why its title changed; marking the same again changes nothing.
  const history = async () => (await Promise.all((await bot.services.cases.listAll(bodyId)).map(async (k) => (await bot.services.cases.withHistory(bodyId, k.id))!.history))).flat();
  const notes = (await history()).filter((h) => h.text.includes('omfattas av sekretess'));
  expect(notes).toHaveLength(2);
  const n = (await history()).length;
  expect((await bot.say(c.secretary, conv, 'sekretess §1 26 kap. 1 § OSL')).texts.join()).toContain('redan markerad');
  expect((await history()).length).toBe(n);
}, 60000);
