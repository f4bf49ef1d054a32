import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../src/storage/azurite';
import { STORAGE_DOWN } from '../../src/bot/app';
import { BodyRepo } from '../../src/storage/bodies';
import { verifyAuditLog } from '../../src/storage/audit-verify';
import { TestBot, groupChat } from '../support/bot';
import { StorageProxy } from '../support/storage-proxy';
import { signUrl } from '../../src/http/signed-links';
import { cast, prepareMeeting } from '../support/meeting-fixture';
import { storageSnapshot, snapshotDiff } from '../support/snapshot';

/**
 * Storage that accepts connections and then says nothing (overloaded, or a black-holed network
 * path) — unlike a stopped one, which refuses at once (storage-outage.test.ts). Before deadlines
 * an invoke hung 40 s and /healthz 62 s; Teams gives an invoke about five.
 */
const conv = groupChat('frozen');
const c = cast(3, 'Frusen ');
let azurite: EmbeddedAzurite;
let proxy: StorageProxy;
let bot: TestBot;
let meetingId: string;
const bodyId = BodyRepo.idFor(conv.id);

beforeAll(async () => {
  azurite = await startEmbeddedAzurite({ inMemory: true, port: 0 });
  proxy = await new StorageProxy(azurite.port).start();
  // The default deadline (PARAGRAF_STORAGE_TIMEOUT_MS unset): what production gets.
  bot = await TestBot.start({ env: { AZURE_TABLES_CONNECTION_STRING: proxy.connectionString } });
  ({ meetingId } = await prepareMeeting(bot, conv, c, { name: 'Frusna nämnden' }));
}, 60000);
afterAll(async () => {
  proxy.thaw();
  await bot.stop();
  await proxy.stop();
  await azurite.close();
});

/** What the user read: the invoke answer's message, or the chat text. */
const said = (ex: { texts: string[]; message?: string }) => [ex.message ?? '', ...ex.texts].join('\n');

const rsvp = (who = c.ledamoter[0], answer = 'kommer') =>
  bot.activity(who, conv, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'kallelse.svara', data: { bodyId, meetingId, answer } }, trigger: 'manual' } });

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = Date.now();
  const result = await run();
  return { ms: Date.now() - started, result };
}

test('storage frozen: a button is answered in Swedish within 6 s, /healthz says 503 within 2.5 s, nothing is written', async () => {
  const before = await storageSnapshot(bot.paragraf.store);
  proxy.freeze();
  try {
    const press = await timed(() => bot.post(rsvp()));
    expect(press.result.status).toBe(200);
    expect(press.result.body?.value).toBe(STORAGE_DOWN);
    expect(press.ms).toBeLessThan(6000);

    // A typed command in the same conversation, and one in a conversation the bot has not seen (one more call first).
    const typed = await timed(() => bot.say(c.secretary, conv, 'nytt ärende Under frysningen'));
    expect(said(typed.result)).toContain(STORAGE_DOWN);
    expect(typed.ms).toBeLessThan(6000);
    const unseen = await timed(() => bot.say(c.secretary, groupChat('frozen-new'), 'nytt organ Ny nämnd'));
    expect(said(unseen.result)).toContain(STORAGE_DOWN);
    expect(unseen.ms).toBeLessThan(6000);

    // The ärendelogg tab (a web page): an answer in time too, without internals.
    const tabUrl = `${bot.paragraf.url}${signUrl('/tab/arendelogg', { body: bodyId }, bot.paragraf.config.linkSecret, 600)}`;
    const tab = await timed(async () => {
      const res = await fetch(tabUrl);
      return { status: res.status, text: await res.text() };
    });
    expect(tab.result.status).toBe(503);
    expect(tab.result.text).toMatch(/Försök igen om en stund/);
    expect(tab.result.text).not.toMatch(/127\.0\.0\.1|Abort|Error|at .*\.[jt]s:\d+/);
    expect(tab.ms).toBeLessThan(6000);

    const health = await timed(() => fetch(`${bot.paragraf.url}/healthz`));
    expect(health.result.status).toBe(503);
    expect(await health.result.json()).toMatchObject({ storage: false });
    expect(health.ms).toBeLessThan(2500);
  } finally {
    proxy.thaw();
  }
  // Requests held while frozen belonged to calls given up on: they never reach storage.
  await new Promise((r) => setTimeout(r, 200));
  expect(snapshotDiff(before, await storageSnapshot(bot.paragraf.store))).toEqual([]);
  expect((await fetch(`${bot.paragraf.url}/healthz`)).status).toBe(200);
  const after = await bot.post(rsvp());
  expect(after.body?.value).not.toBe(STORAGE_DOWN);
}, 60000);

test('a write that lands although its answer never came is recorded once when Teams resends it', async () => {
  const activity = rsvp(c.ledamoter[1], 'förhinder');
  const before = await storageSnapshot(bot.paragraf.store, ['outbox', 'conversations']);
  proxy.mute();
  let first;
  try {
    first = await timed(() => bot.post(activity));
  } finally {
    proxy.thaw();
  }
  expect(first.result.body?.value).toBe(STORAGE_DOWN);
  expect(first.ms).toBeLessThan(6000);
  // The transaction was carried out although the bot gave up on it.
  const landed = snapshotDiff(before, await storageSnapshot(bot.paragraf.store, ['outbox', 'conversations']));
  expect(landed.filter((k) => k.includes('/audit|'))).toHaveLength(1);

  for (let i = 0; i < 2; i++) {
    const resent = await bot.post(activity);
    expect(resent.status).toBe(200);
    expect(resent.body?.value).not.toBe(STORAGE_DOWN);
  }
  const rows = snapshotDiff(before, await storageSnapshot(bot.paragraf.store, ['outbox', 'conversations']));
  expect(rows.filter((k) => k.includes('/audit|'))).toHaveLength(1);
  expect(rows.filter((k) => k.includes('/idem|'))).toHaveLength(1);
  expect((await bot.services.meetings.get(bodyId, meetingId))!.value).toBeDefined();
  expect((await verifyAuditLog(bot.paragraf.store)).problems).toEqual([]);
}, 60000);
