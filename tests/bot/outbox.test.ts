import { TestBot, groupChat, person } from '../support/bot';
import { RETENTION_MS } from '../../src/bot/outbox';
import { sha256 } from '../../src/domain/audit-chain';

let bot: TestBot;
beforeAll(async () => { bot = await TestBot.start(); });
afterAll(async () => { await bot.stop(); });

const maria = person('Maria Lind');

/** Until nothing is pending (a background pass may hold a row meanwhile). */
async function drain(): Promise<void> {
  for (let i = 0; i < 100 && (await bot.services.outbox.pending()) > 0; i++) {
    await bot.services.outbox.pump();
    await new Promise((r) => setTimeout(r, 50));
  }
}

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

test('a delivered message keeps only a slim row for de-duplication, which goes after the retention', async () => {
  const conv = groupChat('outbox-retention');
  await bot.say(maria, conv, 'hjälp');
  const outbox = bot.services.outbox;
  await outbox.enqueue({ key: 'retention|1', to: { conversationId: conv.id }, text: 'Behålls en tid' });
  await drain();
  const slim = String((await outbox.sentRow('retention|1'))?.rowKey).slice('key|'.length);
  const rows: Record<string, unknown>[] = [];
  for await (const e of bot.paragraf.store.table('outbox').listEntities()) if (String(e.rowKey).endsWith(slim)) rows.push(e);
  expect(rows.map((r) => String(r.rowKey).split('|')[0]).sort()).toEqual(['key', 'purge']);
  // No queued row and no payload left once it is delivered.
  expect(rows.some((r) => String(r.rowKey).startsWith('next|'))).toBe(false);
  expect(rows.every((r) => r.payload === undefined)).toBe(true);
  const sent = await outbox.sentRow('retention|1');
  expect(sent?.status).toBe('sent');

  // Queued again within the retention: recognised, not sent twice.
  await outbox.enqueue({ key: 'retention|1', to: { conversationId: conv.id }, text: 'Behålls en tid' });
  await drain();
  expect(bot.connector.to(conv.id).filter((s) => s.activity.text === 'Behålls en tid')).toHaveLength(1);

  const doneAt = Number(sent!.doneAt);
  await outbox.purge(doneAt + RETENTION_MS - 60_000);
  expect((await outbox.sentRow('retention|1'))?.status).toBe('sent');
  expect(await outbox.purge(doneAt + RETENTION_MS + 1)).toBeGreaterThanOrEqual(1);
  expect(await outbox.sentRow('retention|1')).toBeUndefined();
});

test('rows of the old layout (keyed by the message key alone) are moved and still delivered', async () => {
  const conv = groupChat('outbox-old');
  await bot.say(maria, conv, 'hjälp');
  const table = bot.paragraf.store.table('outbox');
  const oldKey = (k: string) => sha256(k).slice(0, 40);
  await table.createEntity({ partitionKey: 'msg', rowKey: oldKey('old|pending'), key: 'old|pending', to: JSON.stringify({ conversationId: conv.id }), payload: JSON.stringify({ text: 'Från förr' }), status: 'pending', attempts: 0, nextAttemptAt: 0 });
  await table.createEntity({ partitionKey: 'msg', rowKey: oldKey('old|sent'), key: 'old|sent', to: JSON.stringify({ conversationId: conv.id }), payload: JSON.stringify({ text: 'Redan skickad' }), status: 'sent', attempts: 1, nextAttemptAt: 0, sentActivityId: 'a1' });
  expect(await bot.services.outbox.migrateOldRows()).toBe(2);
  await drain();
  expect(bot.connector.to(conv.id).filter((s) => s.activity.text === 'Från förr')).toHaveLength(1);
  expect((await bot.services.outbox.sentRow('old|pending'))?.status).toBe('sent');
  // The sent one is recognised: queuing it again sends nothing.
  await bot.services.outbox.enqueue({ key: 'old|sent', to: { conversationId: conv.id }, text: 'Redan skickad' });
  await drain();
  expect(bot.connector.to(conv.id).filter((s) => s.activity.text === 'Redan skickad')).toHaveLength(0);
  let old = 0;
  for await (const _ of table.listEntities({ queryOptions: { filter: `RowKey lt 'g'` } })) old++;
  expect(old).toBe(0);
});
