import { TestBot, groupChat, personalChat } from '../support/bot';
import { cast, prepareMeeting } from '../support/meeting-fixture';
import { TEAMS_PER_CONVERSATION } from '../../src/bot/send-rate';

/**
 * Fan-out at the pace Teams allows. The fake connector enforces Teams' documented limits (per
 * conversation 7/1 s, 8/2 s, 60/30 s, 1 800/h; 50 requests per second per app and tenant) and
 * answers 429 with Retry-After above them. Before the outbox paced itself it sent as fast as the
 * connector answered, and met those 429s.
 */
const PER_SECOND = 25;
let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.start({ env: { PARAGRAF_OUTBOX_PER_SECOND: String(PER_SECOND) } });
});
afterAll(async () => {
  await bot.stop();
});
beforeEach(() => {
  bot.connector.limits = { perConversation: [...TEAMS_PER_CONVERSATION], perSecond: 50 };
  bot.connector.throttled.length = 0;
  bot.connector.accepted.clear();
});

// The meeting is 2030-12-17 09.00; kallelse reminders go out two days before.
const reminderTime = new Date('2030-12-15T08:00:00.000Z');

async function delivered(timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while ((await bot.services.outbox.pending()) > 0) {
    if (Date.now() > until) throw new Error('the outbox did not deliver everything in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The most requests that fell inside any window of `ms` milliseconds. */
function busiest(times: number[], ms: number): number {
  const t = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i] - t[j] >= ms) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

test('a kallelse reminder to each of 101 members is delivered once each, at the tenant rate, with no 429', async () => {
  const c = cast(100, 'Fan ');
  const conv = groupChat('outbox-rate-101');
  await prepareMeeting(bot, conv, c, { name: 'Fullmäktige' });
  const members = [c.chair, ...c.ledamoter];
  expect(members).toHaveLength(101);
  await delivered(); // the kallelse itself
  bot.connector.accepted.clear();
  const mark = bot.connector.mark();
  const started = Date.now();
  await bot.services.scheduler.runDue(reminderTime);
  await delivered();
  const seconds = (Date.now() - started) / 1000;

  const reminders = bot.connector.since(mark).filter((s) => /Påminnelse/.test(String(s.activity.text)));
  // Exactly once each: one message in each member's own chat, and nobody else's.
  expect(reminders.map((s) => s.conversationId).sort()).toEqual(members.map((p) => personalChat(p).id).sort());
  // Teams' limits held: the connector never had to refuse, and no second held more than our rate.
  expect(bot.connector.throttled).toEqual([]);
  const all = bot.connector.accepted.get('*')!;
  // 101 chats opened and 101 cards sent.
  expect(all).toHaveLength(202);
  expect(busiest(all, 1000)).toBeLessThanOrEqual(PER_SECOND + 2);
  // Paced, not a burst: 202 requests at 25 a second take some 8 s.
  expect(seconds).toBeGreaterThan(202 / PER_SECOND - 1.5);
}, 150_000);

test('messages to one conversation keep to its windows (7 a second, 8 in two seconds) without a 429', async () => {
  const conv = groupChat('outbox-rate-one');
  await bot.say(cast().secretary, conv, 'hjälp');
  bot.connector.accepted.clear();
  const keys = Array.from({ length: 20 }, (_, i) => `rate|one|${i}`);
  for (const key of keys) await bot.services.outbox.enqueue({ key, to: { conversationId: conv.id }, text: `Meddelande ${key}` });
  await delivered();
  const texts = bot.connector.to(conv.id).map((s) => String(s.activity.text)).filter((t) => t.startsWith('Meddelande rate|one|'));
  expect([...texts].sort()).toEqual(keys.map((k) => `Meddelande ${k}`).sort());
  expect(bot.connector.throttled).toEqual([]);
  const times = bot.connector.accepted.get(conv.id)!;
  expect(busiest(times, 1000)).toBeLessThanOrEqual(7);
  expect(busiest(times, 2000)).toBeLessThanOrEqual(8);
}, 120_000);

/**
 * A guard rather than a new capability: the connector client (core-rest-pipeline's throttling
 * policy) already waits out a Retry-After and retries; the outbox then also holds the conversation.
 */
test('a connector stricter than the documented limits: 429s with Retry-After are waited out, every message delivered once', async () => {
  const conv = groupChat('outbox-rate-strict');
  await bot.say(cast().secretary, conv, 'hjälp');
  // Teams may lower its limits without notice: this connector allows 2 a second in the conversation.
  bot.connector.limits = { perConversation: [{ ms: 1000, max: 2 }], perSecond: 50 };
  bot.connector.accepted.clear();
  const before = bot.connector.requests;
  const keys = Array.from({ length: 8 }, (_, i) => `rate|strict|${i}`);
  for (const key of keys) await bot.services.outbox.enqueue({ key, to: { conversationId: conv.id }, text: `Meddelande ${key}` });
  await delivered();
  const texts = bot.connector.to(conv.id).map((s) => String(s.activity.text)).filter((t) => t.startsWith('Meddelande rate|strict|'));
  expect([...texts].sort()).toEqual(keys.map((k) => `Meddelande ${k}`).sort());
  for (const key of keys) expect((await bot.services.outbox.sentRow(key))?.status).toBe('sent');
  const refused = bot.connector.throttled.filter((t) => t.conversationId === conv.id);
  expect(refused.length).toBeGreaterThan(0);
  // After each 429 nothing more went to that conversation until its Retry-After had passed.
  const accepted = bot.connector.accepted.get(conv.id)!;
  const requests = [...accepted, ...refused.map((r) => r.at)];
  for (const r of refused) {
    const early = requests.filter((t) => t > r.at && t < r.at + r.retryAfterMs - 20);
    expect(early).toEqual([]);
  }
  // Few 429s, not one per message per pass: the whole conversation waits, not only the refused row.
  expect(refused.length).toBeLessThanOrEqual(keys.length);
  expect(bot.connector.requests - before).toBeLessThan(keys.length * 3);
}, 120_000);
