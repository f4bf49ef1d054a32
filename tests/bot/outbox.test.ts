import { TestBot, groupChat, person } from '../support/bot';

let bot: TestBot;
beforeAll(async () => { bot = await TestBot.start(); });
afterAll(async () => { await bot.stop(); });

const maria = person('Maria Lind');

test('a queued message is delivered once, after a 429 with Retry-After', async () => {
  const conv = groupChat('outbox');
  await bot.say(maria, conv, 'hjälp');
  bot.connector.throttle.set(conv.id, 1);
  bot.connector.retryAfterSeconds = 0;
  await bot.services.outbox.enqueue({ key: 'test|1', to: { conversationId: conv.id }, text: 'Kallelse skickad' });
  await bot.services.outbox.enqueue({ key: 'test|1', to: { conversationId: conv.id }, text: 'Kallelse skickad' });
  for (let i = 0; i < 50 && (await bot.services.outbox.pending()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
  const delivered = bot.connector.to(conv.id).filter((s) => s.activity.text === 'Kallelse skickad');
  expect(delivered).toHaveLength(1);
  expect((await bot.services.outbox.sentRow('test|1'))?.status).toBe('sent');
});

test('a personal message opens a 1:1 chat through a shared conversation', async () => {
  const conv = groupChat('outbox-personal');
  const kenneth = person('Kenneth Andersson');
  await bot.say(maria, conv, 'hjälp');
  await bot.services.outbox.enqueue({ key: 'test|2', to: { aadObjectId: kenneth.aadObjectId, name: kenneth.name, viaConversationId: conv.id }, text: 'Kan du tjänstgöra?' });
  for (let i = 0; i < 50 && (await bot.services.outbox.pending()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
  expect(bot.connector.to(`personal:${kenneth.aadObjectId}`).map((s) => s.activity.text)).toEqual(['Kan du tjänstgöra?']);
});
