import MarkdownIt from 'markdown-it';
import { TestBot, groupChat, personalChat, person, cardText } from '../support/bot';
import { seed002, maria, carin, kenneth } from '../support/protocol-fixtures';
import { BodyRepo } from '../../src/storage/bodies';

/**
 * User text through POST /api/messages: a body name with a Markdown link reaches a justerare's
 * personal chat as text, not as a link; a roster line with a bidi override is refused in Swedish
 * and nothing is saved; invisible characters in free text (agenda, card inputs) are removed.
 */

let bot: TestBot;
let now = new Date('2021-12-17T13:00:00Z');
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => now });
});
afterAll(async () => {
  await bot.stop();
});

const md = new MarkdownIt();
const LINK = '[Klicka här](https://evil.example/x)';

/** markdown-it's HTML for every TextBlock and fact on a card, as Teams' web renderer would draw it. */
function renderedHtml(card: any): string {
  const out: string[] = [];
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (n.type === 'TextBlock') out.push(md.render(n.text));
    if (n.type === 'FactSet') for (const f of n.facts) out.push(md.render(f.title), md.render(f.value));
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out.join('\n');
}

test('a body name with a Markdown link arrives escaped on the justering card in the justerare’s personal chat', async () => {
  const conv = groupChat('hostile-justering');
  const { body, meeting } = await seed002(bot.services, conv);
  const renamed = await bot.say(maria, conv, `organ\nNamn: Samråd ${LINK} **viktigt**`);
  expect(renamed.cards).toHaveLength(1);
  expect((await bot.services.bodies.get(body.id))!.value.name).toBe(`Samråd ${LINK} **viktigt**`);

  await bot.say(maria, conv, 'protokoll');
  const sent = await bot.press(maria, conv, 'protokoll.skicka', { bodyId: body.id, meetingId: meeting.id });
  expect(sent.texts.join()).toContain('skickad till justering');
  await bot.drain();

  const [card] = bot.personalCards(kenneth);
  expect(card).toBeDefined();
  const title = card.body[0].text as string;
  expect(title).toContain('Justering: Protokoll Samråd \\[Klicka här\\](https://evil.example/x) \\*\\*viktigt\\*\\*');
  const html = renderedHtml(card);
  expect(html).not.toContain('evil.example/x"');
  expect(html).not.toMatch(/<(a|strong|em)\b/);
  // The justerare still reads the name exactly as the secretary wrote it.
  expect(html).toContain(`Justering: Protokoll Samråd ${LINK} **viktigt**`);

  // When all have justerat, the announcement in the body's chat carries the name as plain text, not Markdown.
  const mark = bot.connector.to(conv.id).length;
  for (const p of [carin, kenneth]) await bot.press(p, personalChat(p), 'protokoll.justera', { bodyId: body.id, meetingId: meeting.id, version: 1 });
  await bot.drain();
  const announced = bot.connector.to(conv.id).slice(mark).map((s) => s.activity).filter((a) => a.text);
  expect(announced.map((a) => a.text).join()).toContain(`Protokollet från Samråd ${LINK} **viktigt** 2021-12-17 är justerat`);
  for (const a of announced) expect([a.text, a.textFormat]).toEqual([a.text, 'plain']);
  expect(announced.flatMap((a) => (a.attachments ?? []).map((x: any) => x.content.body[0].text))).toEqual([`Protokoll Samråd \\[Klicka här\\](https://evil.example/x) \\*\\*viktigt\\*\\*`]);
});

test('a roster line with U+202E is refused in Swedish, with the character shown; nothing is saved', async () => {
  const conv = groupChat('hostile-roster');
  expect((await bot.say(maria, conv, 'nytt organ Välfärdsrådet')).cards).toHaveLength(1);
  const bodyId = BodyRepo.idFor(conv.id);
  const before = (await bot.services.bodies.get(bodyId))!;
  const ex = await bot.say(maria, conv, 'ledamöter\nCarin Nilsson (s) Umeå kommun, ordförande\nEva \u202EegutS (m) Lycksele kommun\nMaria Lind, sekreterare');
  const reply = ex.texts.join('\n');
  expect(reply).toContain('Ledamotslistan sparades inte: 1 rad kunde inte läsas.');
  expect(reply).toContain('"Eva ⟨U+202E⟩egutS (m) Lycksele kommun": raden innehåller osynliga styrtecken (U+202E) som kan vända eller dölja text');
  expect(reply).not.toMatch(/\u202E/);
  const after = (await bot.services.bodies.get(bodyId))!;
  expect(after.version).toBe(before.version);
  expect(after.value.roster).toEqual([]);

  // A zero-width space between first and last name is refused the same way (two "Eva Stuge" could look alike).
  const zw = await bot.say(maria, conv, 'ledamöter\nEva\u200B Stuge (m) Lycksele kommun');
  expect(zw.texts.join()).toContain('osynliga styrtecken (U+200B)');
  expect((await bot.services.bodies.get(bodyId))!.value.roster).toEqual([]);

  // The body's own name is refused too.
  const named = await bot.say(maria, conv, 'organ\nNamn: Välfärds\u202Erådet');
  expect(named.texts.join()).toMatch(/^Organets namn "Välfärds⟨U\+202E⟩rådet" innehåller osynliga styrtecken \(U\+202E\)/);
  expect((await bot.services.bodies.get(bodyId))!.value.name).toBe('Välfärdsrådet');
});

test('invisible characters in free text are removed: an agenda title, and a card’s text input', async () => {
  const conv = groupChat('hostile-agenda');
  await bot.say(maria, conv, 'nytt organ Välfärdsrådet');
  await bot.say(maria, conv, 'ledamöter\nCarin Nilsson (s) Umeå kommun, ordförande\nMaria Lind, sekreterare');
  const bodyId = BodyRepo.idFor(conv.id);
  const ex = await bot.say(maria, conv, 'nytt möte\nDatum: 2022-01-20 09.00-12.00\nPlats: Teams\n1. Budget\u202E 2022\u200B\nFöredragande: Anna\u2066 Berg');
  expect(ex.cards).toHaveLength(1);
  expect(cardText(ex.cards[0])).toContain('Budget 2022');
  const [meeting] = await bot.services.meetings.listForBody(bodyId);
  expect(meeting.items[0].title).toBe('Budget 2022');
  expect(meeting.items[0].presenters).toBe('Anna Berg');

  // The edit card's text inputs go through the same rule.
  const edited = await bot.press(maria, conv, 'möte.punkt.ändra', { meetingId: meeting.id, itemId: meeting.items[0].id, title: 'Budget\u200F 2022 \uFEFFreviderad' });
  expect(edited.card).toBeDefined();
  const [after] = await bot.services.meetings.listForBody(bodyId);
  expect(after.items[0].title).toBe('Budget 2022 reviderad');
});
