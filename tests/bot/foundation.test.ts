import { TestBot, groupChat, person, personalChat, cardText } from '../support/bot';

let bot: TestBot;
beforeAll(async () => { bot = await TestBot.start(); });
afterAll(async () => { await bot.stop(); });

const maria = person('Maria Lind');

test('hjälp answers with the help card listing what Paragraf does', async () => {
  const ex = await bot.say(maria, groupChat(), 'hjälp');
  expect(ex.status).toBe(200);
  expect(ex.cards).toHaveLength(1);
  const text = cardText(ex.cards[0]);
  for (const word of ['Paragraf', 'nytt organ', 'ledamöter', 'nytt möte', 'starta mötet', 'protokoll', 'ärendelogg', 'mina uppdrag']) expect(text).toContain(word);
  expect(ex.cards[0].version).toBe('1.5');
});

test('an unknown message gets a Swedish pointer to hjälp where it is addressed to Paragraf', async () => {
  const personal = await bot.say(maria, personalChat(maria), 'vad är klockan');
  expect(personal.texts.join()).toMatch(/Jag förstod inte .*hjälp/);
  const mentioned = await bot.say(maria, groupChat(), 'vad är klockan');
  expect(mentioned.texts.join()).toMatch(/Jag förstod inte "vad är klockan".*hjälp/);
});

test('ordinary conversation in the body\'s chat, read through ChatMessage.Read.Chat, gets no answer', async () => {
  for (const text of ['vad är klockan', 'Beslut om det tar vi på nästa möte', 'fråga: ska vi ta lunch?']) {
    const ex = await bot.say(maria, groupChat(), text, { mention: false });
    expect(ex.status).toBe(200);
    expect(ex.sent).toEqual([]);
  }
  // A whole command needs no @mention.
  const help = await bot.say(maria, groupChat(), 'hjälp', { mention: false });
  expect(help.cards).toHaveLength(1);
});

test.each([
  ['not JSON', 'this is not json'],
  ['an array', '[]'],
  ['no type', JSON.stringify({ conversation: { id: 'x' } })],
  ['no serviceUrl', JSON.stringify({ type: 'message', from: { id: 'a' }, conversation: { id: 'x' } })],
])('a malformed activity (%s) gets a 4xx and the bot keeps serving', async (_name, body) => {
  const res = await fetch(`${bot.paragraf.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  const ok = await bot.say(maria, groupChat(), 'hjälp');
  expect(ok.cards).toHaveLength(1);
});

test('an unknown card verb gets a Swedish message, not an error', async () => {
  const ex = await bot.press(maria, groupChat(), 'finns.inte', { x: 1 });
  expect(ex.status).toBe(200);
  expect(ex.message).toMatch(/Okänd åtgärd/);
});

test('GET /healthz reports storage reachability', async () => {
  const res = await fetch(`${bot.paragraf.url}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ storage: true, mode: 'local' });
});

test('the conversation is remembered in Azure Tables for proactive messages', async () => {
  const conv = groupChat('remember-me');
  await bot.say(maria, conv, 'hjälp');
  const ref = await bot.services.conversations.get(conv.id);
  expect(ref?.serviceUrl).toBe(bot.connector.url);
});
