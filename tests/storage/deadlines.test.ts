import pino from 'pino';
import { TestBot, groupChat } from '../support/bot';
import { bodyFixture, meetingFixture, store } from '../support/fixtures';
import { repairDeadlines } from '../../src/storage/deadline-repair';
import { Scheduler } from '../../src/bot/scheduler';
import { Leases } from '../../src/storage/leases';

let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.start({ env: { PARAGRAF_DOC_CACHE_MS: '0' } });
  await bot.services.outbox.stop(); // reminders stay queued, so the test can read them
}, 60_000);
afterAll(async () => {
  await bot.stop();
});

const actor = { id: 'fixture', name: 'Fixture' };
const rows = async (kind: string) => {
  const out: string[] = [];
  for await (const e of bot.paragraf.store.table('deadlines').listEntities({ queryOptions: { filter: `PartitionKey eq '${kind}'` } })) out.push(String(e.rowKey));
  return out;
};

test('a kallad meeting enters the deadline index on its day; a later status leaves a row the repair removes', async () => {
  const body = bodyFixture(groupChat('deadlines-1'), { name: 'Indexnämnden' });
  const meeting = { ...meetingFixture(body, { start: '2031-03-04T09:00', end: '2031-03-04T12:00' }), rsvps: {} };
  await store(bot.services, body, meeting);
  expect(await rows('kallelse')).toContain(`2031-03-04|${body.id}|${meeting.id}`);

  await bot.services.meetings.change(body.id, meeting.id, { actor, action: 'möte.starta', apply: (m) => ({ ...m!, status: 'pågår' }) });
  await bot.services.meetings.change(body.id, meeting.id, { actor, action: 'möte.justering', apply: (m) => ({ ...m!, status: 'under justering' }) });
  expect(await rows('justering')).toContain(`2031-03-04|${body.id}|${meeting.id}`);
  const { removed } = await repairDeadlines(bot.paragraf.store, bot.paragraf.repos.meetings.deadlines, bot.paragraf.repos.cases);
  expect(removed).toBeGreaterThanOrEqual(1);
  expect(await rows('kallelse')).not.toContain(`2031-03-04|${body.id}|${meeting.id}`);
  expect(await rows('justering')).toContain(`2031-03-04|${body.id}|${meeting.id}`);
});

test('a kallad meeting missing from the index (stored before it) is entered by the hourly repair and then reminded', async () => {
  const body = bodyFixture(groupChat('deadlines-2'), { name: 'Repareradenämnden' });
  const meeting = { ...meetingFixture(body, { start: '2031-05-20T09:00', end: '2031-05-20T12:00' }), rsvps: {} };
  await store(bot.services, body, meeting);
  await bot.paragraf.store.table('deadlines').deleteEntity('kallelse', `2031-05-20|${body.id}|${meeting.id}`);

  const scheduler = new Scheduler(new Leases(bot.paragraf.store), pino({ level: 'silent' }));
  const { runDueReminders } = await import('../../src/bot/reminders');
  scheduler.register('kallelse.påminnelser', (now) => runDueReminders(bot.services, now).then(() => undefined));
  scheduler.register('index.reparation', () => repairDeadlines(bot.paragraf.store, bot.paragraf.repos.meetings.deadlines, bot.paragraf.repos.cases).then(() => undefined), { everyMs: 3_600_000 });
  const first = body.roster.find((r) => r.role === 'ledamot' && r.aadObjectId)!;
  const key = `remind|${meeting.id}|${first.id}`;

  const t = new Date('2031-05-19T08:00:00.000Z');
  await scheduler.runDue(t); // the reminder job finds nothing yet; the repair enters the meeting
  expect(await bot.services.outbox.sentRow(key)).toBeUndefined();
  expect(await rows('kallelse')).toContain(`2031-05-20|${body.id}|${meeting.id}`);
  await scheduler.runDue(new Date(t.getTime() + 60_000));
  expect((await bot.services.outbox.sentRow(key))?.status).toBe('pending');
});

test('a job run hourly runs once per hour across two instances', async () => {
  const runs: string[] = [];
  const make = (name: string) => {
    const s = new Scheduler(new Leases(bot.paragraf.store), pino({ level: 'silent' }));
    s.register('test.timvis', async () => void runs.push(name), { everyMs: 3_600_000 });
    return s;
  };
  const [a, b] = [make('a'), make('b')];
  const t = new Date('2031-06-01T08:00:00.000Z').getTime();
  const at = (minutes: number) => new Date(t + minutes * 60_000);
  await Promise.all([a.runDue(at(0)), b.runDue(at(0))]);
  expect(runs).toHaveLength(1);
  for (let m = 1; m < 60; m += 7) await Promise.all([a.runDue(at(m)), b.runDue(at(m))]);
  expect(runs).toHaveLength(1);
  await Promise.all([a.runDue(at(61)), b.runDue(at(61))]);
  expect(runs).toHaveLength(2);
});
