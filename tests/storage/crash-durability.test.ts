import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startParagraf } from '../../src/paragraf';
import { verifyAuditLog } from '../../src/storage/audit-verify';
import { LOCK_FILE } from '../../src/storage/data-dir-lock';
import { FakeConnector } from '../support/connector';
import { ChildBot, CHILD_TEST_TIMEOUT } from '../support/child-bot';
import { TestBot, groupChat, type Conversation } from '../support/bot';
import { cast, prepareMeeting, type Cast, type Prepared } from '../support/meeting-fixture';

/**
 * Local mode keeps its data in embedded Azurite under PARAGRAF_DATA_DIR. The README promises that
 * whatever the bot has answered is on disk: a stop (SIGTERM) loses nothing, and neither does a hard
 * crash (kill -9) — not even a write answered the moment before. The bot runs in a child process
 * here, as `npm run bot` runs it; what it kept is read back by a new bot on the same directory.
 */
const env = (dataDir: string) => ({ PORT: '0', PARAGRAF_AZURITE_PORT: '0', PARAGRAF_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });

let connector: FakeConnector;
let dataDir: string;
beforeAll(async () => {
  connector = await new FakeConnector().start();
});
afterAll(async () => {
  await connector.stop();
});
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paragraf-crash-'));
});
afterEach(async () => {
  await ChildBot.killLeftovers();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A body, its roster and a meeting with the kallelse sent, written by an in-process bot that then stops. */
async function prepare(c: Cast, conv: Conversation): Promise<Prepared> {
  const bot = new TestBot(await startParagraf({ env: env(dataDir), startOutbox: false, startScheduler: false }), connector);
  try {
    return await prepareMeeting(bot, conv, c);
  } finally {
    await bot.paragraf.close();
  }
}

/** What a bot started afterwards on the same directory finds. */
async function stored({ bodyId, meetingId }: Prepared) {
  const p = await startParagraf({ env: env(dataDir), startOutbox: false, startScheduler: false });
  try {
    const body = (await p.services.bodies.get(bodyId))?.value;
    const meeting = (await p.services.meetings.get(bodyId, meetingId))?.value;
    const nameOf = (memberId: string) => body?.roster.find((r) => r.id === memberId)?.name;
    return {
      body,
      meeting,
      answered: Object.values(meeting?.rsvps ?? {}).map((r) => nameOf(r.memberId)).sort(),
      cases: (await p.services.cases.listAll(bodyId)).map((x) => x.title).sort(),
      auditProblems: (await verifyAuditLog(p.store)).problems,
    };
  } finally {
    await p.close();
  }
}

const answer = (bot: TestBot, c: Cast, conv: Conversation, prepared: Prepared, who: Cast['chair']) =>
  bot.press(who, conv, 'kallelse.svara', { ...prepared, answer: 'kommer' }).then((ex) => {
    if (ex.status !== 200 || !JSON.stringify(ex.card).includes('Ditt svar: Jag kommer')) throw new Error(`RSVP not accepted: ${ex.status} ${ex.message ?? ''}`);
    return who.name;
  });

const newCase = (bot: TestBot, c: Cast, conv: Conversation, title: string) =>
  bot.say(c.secretary, conv, `nytt ärende ${title}`).then((ex) => {
    if (ex.status !== 200 || !ex.texts.some((t) => t.includes('Ärende'))) throw new Error(`case not created: ${ex.texts.join(' | ')}`);
    return title;
  });

test('SIGTERM: the bot finishes, saves and releases the directory; after a restart every answered write is there', async () => {
  const c = cast(4, 'Term ');
  const conv = groupChat('durability-sigterm');
  const prepared = await prepare(c, conv);
  const child = await ChildBot.start(dataDir);
  const bot = child.talk(connector);
  const voters = [c.chair, ...c.ledamoter];
  const answered: string[] = [];
  for (const v of voters) answered.push(await answer(bot, c, conv, prepared, v));
  const cases = [await newCase(bot, c, conv, 'Ärende före stopp ett'), await newCase(bot, c, conv, 'Ärende före stopp två')];
  expect(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8').trim()).toBe(String(child.pid));

  expect(await child.kill('SIGTERM')).toEqual({ code: 0, signal: null });
  expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);

  const after = await stored(prepared);
  expect(after.answered).toEqual([...answered].sort());
  expect(after.cases).toEqual([...cases].sort());
  expect(after.auditProblems).toEqual([]);
}, CHILD_TEST_TIMEOUT);

test('kill -9 in the middle of a stream of writes: every write the bot had answered is there after a restart, older documents too', async () => {
  const c = cast(10, 'Kill ');
  const conv = groupChat('durability-kill');
  const prepared = await prepare(c, conv);
  const child = await ChildBot.start(dataDir);
  const bot = child.talk(connector);

  // Two cases answered well before the crash, then all the RSVPs at once; the process is killed the
  // moment the fourth answer arrives, with the rest in flight.
  const cases = [await newCase(bot, c, conv, 'Ärende före kraschen ett'), await newCase(bot, c, conv, 'Ärende före kraschen två')];
  const answered: string[] = [];
  let killed: Promise<unknown> | undefined;
  const voters = [c.chair, ...c.ledamoter, ...c.ersattare];
  await Promise.allSettled(
    voters.map((v) =>
      answer(bot, c, conv, prepared, v).then((name) => {
        answered.push(name);
        if (answered.length === 4) killed = child.kill('SIGKILL');
      }),
    ),
  );
  // A last case answered just before the kill, when the kill came late (a slow machine answered everything first).
  if (!killed) {
    cases.push(await newCase(bot, c, conv, 'Ärende just före kraschen'));
    killed = child.kill('SIGKILL');
  }
  expect(await killed).toEqual({ code: null, signal: 'SIGKILL' });
  expect(answered.length).toBeGreaterThanOrEqual(4);
  // The dead process's lock is still there; the next start takes it over.
  expect(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8').trim()).toBe(String(child.pid));

  const after = await stored(prepared);
  expect(after.body?.name).toBe('Testnämnden');
  expect(after.meeting?.id).toBe(prepared.meetingId);
  // Answered ⊆ stored: a write in flight at the kill may or may not have been saved, an answered one must be.
  expect(after.answered).toEqual(expect.arrayContaining(answered));
  expect(after.cases).toEqual(expect.arrayContaining(cases));
  // Each change is one transaction (document, audit entry, marker): all or nothing, so the chains hold.
  expect(after.auditProblems).toEqual([]);
}, CHILD_TEST_TIMEOUT);
