import { TestBot, groupChat } from '../support/bot';
import { cast, setUpCastBody } from '../support/meeting-fixture';
import { BodyRepo } from '../../src/storage/bodies';

/** § numbers follow the meetings' dates within the year, through `nytt möte` on /api/messages. */

let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => new Date('2030-01-10T09:00:00Z') });
});
afterAll(async () => {
  await bot.stop();
});

test('a meeting for an earlier date renumbers later planerade meetings; a kallat one is kept and the secretary told', async () => {
  const conv = groupChat('paragraph-order');
  const c = cast(4, 'po');
  await setUpCastBody(bot, conv, c, 'Ordningsnämnden', (texts, what) => {
    if (texts.some((t) => /Kunde inte|får bara|Jag förstod inte/.test(t))) throw new Error(`${what}: ${texts.join(' | ')}`);
  });
  const bodyId = BodyRepo.idFor(conv.id);
  const paragraphs = async () => {
    const all = await bot.services.meetings.listForBody(bodyId);
    return Object.fromEntries(all.map((m) => [m.start.slice(0, 10), m.items.map((i) => i.paragraph)]));
  };

  await bot.say(c.secretary, conv, 'nytt möte\nDatum: 2030-12-10 09.00-12.00\n§ Budget 2031\n§ Taxor\n§ Övriga frågor');
  expect(await paragraphs()).toEqual({ '2030-12-10': [1, 2, 3] });

  // June, created after December: June takes §§ 1–2 and December moves on.
  const june = await bot.say(c.secretary, conv, 'nytt möte\nDatum: 2030-06-10 09.00-12.00\n§ Delårsrapport\n§ Övriga frågor');
  expect(june.texts.join('\n')).toContain('Mötet 2030-12-10 kommer efter det nya mötet och har fått §§ 3–5.');
  expect(await paragraphs()).toEqual({ '2030-06-10': [1, 2], '2030-12-10': [3, 4, 5] });
  const december = (await bot.services.meetings.listForBody(bodyId)).find((m) => m.start.startsWith('2030-12-10'))!;
  const audit = await bot.paragraf.repos.meetings.docs.audit(`${bodyId}|${december.id}`);
  expect(audit.some((a) => a.action === 'möte.numrera')).toBe(true);

  // December is kallat now: a March meeting moves June on, but December keeps its numbers and the secretary reads why.
  const sent = await bot.press(c.secretary, conv, 'kallelse.skicka', { meetingId: december.id });
  expect(sent.status).toBe(200);
  const march = await bot.say(c.secretary, conv, 'nytt möte\nDatum: 2030-03-01 09.00-12.00\n§ Verksamhetsplan');
  const notice = march.texts.join('\n');
  expect(notice).toContain('Mötet 2030-06-10 kommer efter det nya mötet och har fått §§ 2–3.');
  expect(notice).toContain('Mötet 2030-12-10 är redan kallat med §§ 3–5 och numreras inte om; i datumordning skulle det ha §§ 4–6.');
  expect(await paragraphs()).toEqual({ '2030-03-01': [1], '2030-06-10': [2, 3], '2030-12-10': [3, 4, 5] });

  // Another year is numbered on its own.
  await bot.say(c.secretary, conv, 'nytt möte\nDatum: 2031-02-01 09.00-12.00\n§ Årets första ärende');
  expect((await paragraphs())['2031-02-01']).toEqual([1]);
});
