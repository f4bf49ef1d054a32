import { TestBot, groupChat, person } from '../support/bot';
import { INTERNAL_ERROR } from '../../src/bot/app';

let bot: TestBot;
beforeAll(async () => { bot = await TestBot.start(); });
afterAll(async () => { await bot.stop(); });

test('a failed proactive delivery is retried by the outbox, and its recipient gets no error message', async () => {
  const conv = groupChat('outbox-proactive-failure');
  const kenneth = person('Kenneth Andersson');
  const personal = `personal:${kenneth.aadObjectId}`;
  await bot.say(person('Maria Lind'), conv, 'hjälp');
  bot.connector.retryAfterSeconds = 0;
  bot.connector.throttle.set(personal, 4); // more than the connector client retries by itself
  await bot.services.outbox.enqueue({ key: 'proactive-failure|1', to: { aadObjectId: kenneth.aadObjectId, name: kenneth.name, viaConversationId: conv.id, teamsUserId: `29:${kenneth.aadObjectId}` }, text: 'Justera protokollet' });
  for (let i = 0; i < 100 && (await bot.services.outbox.pending()) > 0; i++) {
    await bot.services.outbox.pump();
    await new Promise((r) => setTimeout(r, 100));
  }
  const texts = bot.connector.to(personal).map((s) => s.activity.text);
  expect(texts).toEqual(['Justera protokollet']);
  expect(texts).not.toContain(INTERNAL_ERROR);
  expect((await bot.services.outbox.sentRow('proactive-failure|1'))?.status).toBe('sent');
});
