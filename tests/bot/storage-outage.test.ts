import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../src/storage/azurite';
import { STORAGE_DOWN } from '../../src/bot/app';
import { BodyRepo } from '../../src/storage/bodies';
import { newBody } from '../../src/domain/body-setup';
import { verifyAuditLog } from '../../src/storage/audit-verify';
import { buildRegistry } from '../../src/bot/routes';
import { TestBot, groupChat, person } from '../support/bot';
import { storageSnapshot, snapshotDiff } from '../support/snapshot';

const maria = person('Maria Lind');
const conv = groupChat('outage');
const fresh = groupChat('outage-new');

let dir: string;
let port: number;
let azurite: EmbeddedAzurite | undefined;
let bot: TestBot;
const hasNewBodyCommand = Boolean(buildRegistry().findCommand('nytt organ Testnämnden'));

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const p = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return p;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paragraf-outage-'));
  port = await freePort();
  azurite = await startEmbeddedAzurite({ location: dir, port, inMemory: false });
  bot = await TestBot.start({ env: { AZURE_TABLES_CONNECTION_STRING: azurite.connectionString } });
});
afterAll(async () => {
  await bot.stop();
  await azurite?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Sets the body up by the chat command when it exists, otherwise through the repository. */
async function setUpBody(): Promise<void> {
  if (hasNewBodyCommand) {
    const ex = await bot.say(maria, conv, 'nytt organ Testnämnden');
    expect(ex.texts.join()).not.toContain(STORAGE_DOWN);
  } else {
    const id = BodyRepo.idFor(conv.id);
    await bot.services.bodies.change(id, {
      actor: { id: maria.aadObjectId, name: maria.name },
      action: 'organ.skapa',
      apply: () => newBody({ id, name: 'Testnämnden', conversationId: conv.id, founder: maria.aadObjectId, at: new Date().toISOString(), settings: {} }),
    });
  }
  expect((await bot.services.bodies.forConversation(conv.id))?.value.name).toBe('Testnämnden');
}

async function caseTitles(): Promise<string[]> {
  return (await bot.services.cases.listOpen(BodyRepo.idFor(conv.id))).map((c) => c.title);
}

/** What the user read: the chat text, or the invoke answer's message. */
const answer = (ex: { texts: string[]; body: any }) => [...ex.texts, typeof ex.body?.value === 'string' ? ex.body.value : ''].join('\n');

test('storage stopped mid-flow: a clear Swedish answer, no 5xx, nothing half-written, and it works again after', async () => {
  await setUpBody();
  const first = await bot.say(maria, conv, 'nytt ärende Före avbrottet');
  expect(first.status).toBe(200);
  expect(await caseTitles()).toEqual(['Före avbrottet']);
  const before = await storageSnapshot(bot.paragraf.store);

  await azurite!.close();
  azurite = undefined;

  // A write in a known conversation, the body set-up in a new one, and a card action: each told to try again.
  const during = bot.activity(maria, conv, { type: 'message', text: 'nytt ärende Under avbrottet' });
  for (const send of [
    () => bot.post(during),
    () => bot.say(maria, fresh, hasNewBodyCommand ? 'nytt organ Annan nämnd' : 'ärendelogg'),
    () => bot.press(maria, conv, buildRegistry().verbNames()[0] ?? 'okänd', {}),
  ]) {
    const started = Date.now();
    const ex = await send();
    // Teams gives a bot about 15 s and users expect an answer at once: the SDK's retries must not drag on.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(ex.status).toBeLessThan(500);
    const said = answer(ex);
    if (!/Okänd åtgärd|kunde inte läsas/.test(said)) expect(said).toContain(STORAGE_DOWN);
    expect(said).not.toMatch(/\bat .*\.(ts|js):\d+/);
  }
  // A message that needs no storage is still answered.
  const help = await bot.say(maria, conv, 'hjälp');
  expect(help.status).toBe(200);
  expect(help.cards).toHaveLength(1);

  azurite = await startEmbeddedAzurite({ location: dir, port, inMemory: false });
  expect(await bot.paragraf.store.ping()).toBe(true);

  // Nothing was written while storage was away (not a document, an audit row or a marker).
  expect(snapshotDiff(before, await storageSnapshot(bot.paragraf.store))).toEqual([]);
  expect(await caseTitles()).toEqual(['Före avbrottet']);

  // Teams resends the failed activity: now it is recorded, once, even if resent again.
  const retried = await bot.post(during);
  expect(answer(retried)).not.toContain(STORAGE_DOWN);
  await bot.post(during);
  expect((await caseTitles()).sort()).toEqual(['Före avbrottet', 'Under avbrottet']);
  if (hasNewBodyCommand) {
    const newBodyEx = await bot.say(maria, fresh, 'nytt organ Annan nämnd');
    expect(answer(newBodyEx)).not.toContain(STORAGE_DOWN);
    expect((await bot.services.bodies.forConversation(fresh.id))?.value.name).toBe('Annan nämnd');
  }
  const report = await verifyAuditLog(bot.paragraf.store);
  expect(report.problems).toEqual([]);
}, 60000);
