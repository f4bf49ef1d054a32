import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startParagraf } from '../../src/paragraf';
import { verifyAuditLog } from '../../src/storage/audit-verify';
import { FakeConnector } from '../support/connector';
import { ChildBot, CHILD_TEST_TIMEOUT } from '../support/child-bot';
import { TestBot, cardText, groupChat } from '../support/bot';
import { cast, prepareMeeting } from '../support/meeting-fixture';

/**
 * Issue 15: effects that cannot be lost. The bot runs in a child process that kills itself
 * (SIGKILL, PARAGRAF_CRASH_AT=effekter) the moment a change has committed and before its effects
 * are carried out: after a Förhinder (the ersättare's request) and after a bordläggning (the
 * item's case in the ärendelogg). Restarted, it carries out each effect exactly once: one card to
 * the ersättare, one case with one outcome in its history.
 */
const env = (dataDir: string) => ({ PORT: '0', PARAGRAF_AZURITE_PORT: '0', PARAGRAF_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
const CRASH = { PARAGRAF_CRASH_AT: 'effekter' };
// The meeting prepareMeeting books, on its own day (Swedish time 08:55).
const MEETING_DAY = () => new Date('2030-12-17T07:55:00Z');

let connector: FakeConnector;
let dataDir: string;
beforeAll(async () => {
  connector = await new FakeConnector().start();
});
afterAll(async () => {
  await ChildBot.killLeftovers();
  await connector.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** An in-process bot on the data directory, without the outbox or the minute jobs (they would carry out the effects). */
async function inProcess<T>(fn: (bot: TestBot) => Promise<T>, clock?: () => Date): Promise<T> {
  const bot = new TestBot(await startParagraf({ env: env(dataDir), clock, startOutbox: false, startScheduler: false }), connector);
  try {
    return await fn(bot);
  } finally {
    await bot.paragraf.close();
  }
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const got = await probe();
    if (got !== undefined) return got;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('killed between commit and effects: after a restart the ersättare gets one card and the case is in the ärendelogg once', async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paragraf-effects-'));
  const c = cast(4, 'Fx ');
  const conv = groupChat('effects-crash');
  const absent = c.ledamoter[0]; // (s): the first ersättare (s) is asked for them
  const ersattare = c.ersattare[0];
  const prepared = await inProcess((bot) => prepareMeeting(bot, conv, c));

  // 1. Förhinder, and the process dies right after the commit: no answer, no card.
  let child = await ChildBot.start(dataDir, CRASH);
  await expect(child.talk(connector).press(absent, conv, 'kallelse.svara', { ...prepared, answer: 'förhinder' })).rejects.toThrow();
  expect(await child.kill('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
  const pendingCall = await inProcess(async (bot) => {
    const meeting = (await bot.services.meetings.get(prepared.bodyId, prepared.meetingId))!.value;
    return { answer: meeting.rsvps[Object.keys(meeting.rsvps)[0]]?.answer, calls: meeting.substitutes.length, pending: (await bot.paragraf.repos.meetings.docs.pendingIn(`${prepared.bodyId}|${prepared.meetingId}`)).map((r) => r.kind) };
  });
  expect(pendingCall).toEqual({ answer: 'förhinder', calls: 1, pending: ['ersättare.förfrågan'] });
  expect(connector.sent.filter((s) => s.conversationId === `personal:${ersattare.aadObjectId}`)).toHaveLength(0);

  // The meeting is started and the upprop confirmed meanwhile (no effects), on the meeting's day.
  const budgetId = await inProcess(async (bot) => {
    const body = (await bot.services.bodies.get(prepared.bodyId))!.value;
    await bot.say(c.secretary, conv, 'starta mötet');
    const toggles = Object.fromEntries(body.roster.map((r) => [`p_${r.id}`, 'true']));
    const confirmed = await bot.press(c.secretary, conv, 'upprop.bekräfta', { meetingId: prepared.meetingId, ...toggles, justerare: body.roster.find((r) => r.name === c.ledamoter[1].name)!.id });
    expect(confirmed.message).toBeUndefined();
    const meeting = (await bot.services.meetings.get(prepared.bodyId, prepared.meetingId))!.value;
    expect(meeting.status).toBe('pågår');
    return meeting.items.find((i) => i.title === 'Budget 2031')!.id;
  }, MEETING_DAY);

  // 2. Restarted: the pending request goes out at start. Then a bordläggning, and it dies again.
  child = await ChildBot.start(dataDir, CRASH);
  await until('the ersättare card', async () => (connector.sent.some((s) => s.conversationId === `personal:${ersattare.aadObjectId}`) ? true : undefined));
  await expect(child.talk(connector).press(c.secretary, conv, 'ärende.utfall', { meetingId: prepared.meetingId, itemId: budgetId, outcome: 'bordläggs' })).rejects.toThrow();
  expect(await child.kill('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
  expect(await inProcess(async (bot) => (await bot.services.cases.listAll(prepared.bodyId)).length)).toBe(0);

  // 3. Restarted again: the case is made at start and the ärendelogg shows it.
  child = await ChildBot.start(dataDir, CRASH);
  const logText = await until('the case in the ärendelogg', async () => {
    const text = (await child.talk(connector).say(c.secretary, conv, 'ärendelogg')).cards.map(cardText).join('\n');
    return /Budget 2031[\s\S]*bordlagt/.test(text) ? text : undefined;
  });
  expect(logText).toContain('Visar 1–1 av 1 öppna ärenden');
  expect(await child.kill('SIGTERM')).toEqual({ code: 0, signal: null });

  // Exactly once each, and nothing left pending; every chain holds.
  const after = await inProcess(async (bot) => {
    const cases = await bot.services.cases.listAll(prepared.bodyId);
    const history = (await bot.services.cases.withHistory(prepared.bodyId, cases[0].id))!.history;
    return {
      cases: cases.map((x) => [x.title, x.status]),
      outcomes: history.filter((h) => h.kind === 'utfall').length,
      pending: await bot.paragraf.repos.meetings.docs.pendingIn(`${prepared.bodyId}|${prepared.meetingId}`),
      due: await bot.paragraf.repos.meetings.pending.due(Date.now() + 86_400_000),
      audit: (await verifyAuditLog(bot.paragraf.store)).problems,
    };
  });
  expect(after).toEqual({ cases: [['Budget 2031', 'bordlagt']], outcomes: 1, pending: [], due: [], audit: [] });
  const cards = connector.sent.filter((s) => s.conversationId === `personal:${ersattare.aadObjectId}`).flatMap((s) => s.activity.attachments ?? []);
  expect(cards).toHaveLength(1);
  expect(cardText(cards[0].content)).toContain(`Kan du tjänstgöra för ${absent.name}`);
}, CHILD_TEST_TIMEOUT);
