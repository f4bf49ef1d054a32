import { DocumentStore } from '../../src/storage/document-store';
import { verifyAuditLog } from '../../src/storage/audit-verify';
import { TestBot, groupChat, personalChat, startTwoInstances } from '../support/bot';
import { cast, prepareMeeting } from '../support/meeting-fixture';

/**
 * Two bot instances behind one Azure Bot registration, sharing one table store: whichever gets an
 * activity, nothing is lost, and work that must happen once (outbox delivery, scheduled jobs) does.
 */
// The meeting is 2030-12-17 09.00; reminders go out two days before.
const reminderTime = new Date('2030-12-15T08:00:00.000Z');
let a: TestBot;
let b: TestBot;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ a, b, stop } = await startTwoInstances());
});
afterAll(() => stop());

const pick = (i: number) => (i % 2 === 0 ? a : b);

/**
 * Both outboxes pump at the same time until nothing is pending. (Each enqueue also starts a pump
 * in the background, so a message may still be in flight when an explicit pump returns.)
 */
async function drainBoth(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await Promise.all([a.services.outbox.pump(), b.services.outbox.pump(), a.services.outbox.pump(), b.services.outbox.pump()]);
    if ((await a.services.outbox.pending()) === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the outbox did not drain');
}

test('RSVPs reaching either instance at the same moment are all kept, and a resend to the other records once', async () => {
  const c = cast(20, 'RSVP ');
  const conv = groupChat('two-instances-rsvp');
  const { bodyId, meetingId } = await prepareMeeting(a, conv, c);
  const voters = [c.chair, ...c.ledamoter, ...c.ersattare];
  const activities = voters.map((p, i) =>
    a.activity(p, conv, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'kallelse.svara', data: { meetingId, answer: i % 3 ? 'kommer' : 'förhinder' } } } }),
  );
  const results = await Promise.all(activities.map((act, i) => pick(i).post(act)));
  expect(results.map((r) => r.status)).toEqual(activities.map(() => 200));
  // Teams resends each of them, to the other instance this time.
  await Promise.all(activities.map((act, i) => pick(i + 1).post(act)));
  const meeting = (await b.services.meetings.get(bodyId, meetingId))!.value;
  expect(Object.keys(meeting.rsvps)).toHaveLength(voters.length);
  const roster = (await a.services.bodies.get(bodyId))!.value.roster;
  voters.forEach((p, i) => {
    const entry = roster.find((r) => r.aadObjectId === p.aadObjectId)!;
    expect(meeting.rsvps[entry.id]?.answer).toBe(i % 3 ? 'kommer' : 'förhinder');
  });
  const audit = await a.paragraf.repos.meetings.docs.audit(`${bodyId}|${meetingId}`);
  expect(audit.filter((e) => e.action === 'kallelse.svara')).toHaveLength(voters.length);
}, 120000);

test('concurrent changes through both instances lose nothing and leave a verifiable chain', async () => {
  const docsA = new DocumentStore<{ n: string[] }>(a.paragraf.store, 'meetings');
  const docsB = new DocumentStore<{ n: string[] }>(b.paragraf.store, 'meetings');
  const names = Array.from({ length: 40 }, (_, i) => `w${i}`);
  // audit:verify reports meetings whose body is gone: this partition's body exists.
  await new DocumentStore<{ n: string[] }>(a.paragraf.store, 'bodies').change('two-instances', { actor: { id: 'aad-x', name: 'X' }, action: 'test', apply: () => ({ n: [] }) });
  await Promise.all(
    names.map((n, i) =>
      (i % 2 ? docsA : docsB).change('two-instances|shared', {
        actor: { id: 'aad-x', name: 'X' },
        action: 'test',
        idempotencyKey: `two|${n}`,
        apply: (cur) => ({ n: [...(cur?.n ?? []), n] }),
      }),
    ),
  );
  const doc = (await docsA.get('two-instances|shared'))!;
  expect([...doc.value.n].sort()).toEqual([...names].sort());
  expect(doc.version).toBe(40);
  expect((await verifyAuditLog(a.paragraf.store)).problems).toEqual([]);
}, 120000);

test('each queued message is delivered exactly once when both outboxes pump at the same time', async () => {
  const conv = groupChat('two-instances-outbox');
  await a.say(cast().secretary, conv, 'hjälp');
  const keys = Array.from({ length: 30 }, (_, i) => `two|msg|${i}`);
  // Both instances queue every message (as a resent action would); each is queued once.
  await Promise.all(keys.flatMap((key) => [a, b].map((bot) => bot.services.outbox.enqueue({ key, to: { conversationId: conv.id }, text: `Meddelande ${key}` }))));
  await drainBoth();
  const texts = a.connector.to(conv.id).map((s) => s.activity.text).filter((t) => /^Meddelande two\|msg/.test(t));
  expect([...texts].sort()).toEqual(keys.map((k) => `Meddelande ${k}`).sort());
  expect(await a.services.outbox.pending()).toBe(0);
  for (const key of keys) expect((await b.services.outbox.sentRow(key))?.status).toBe('sent');
}, 120000);

test('a scheduled job runs once across both instances, and its reminders are delivered once each', async () => {
  const c = cast(6, 'Sched ');
  const conv = groupChat('two-instances-scheduler');
  const { meetingId } = await prepareMeeting(a, conv, c);
  await a.press(c.ledamoter[0], conv, 'kallelse.svara', { meetingId, answer: 'kommer' });
  await drainBoth();
  const mark = a.connector.mark();
  const [ranA, ranB] = await Promise.all([a.services.scheduler.runDue(reminderTime), b.services.scheduler.runDue(reminderTime)]);
  const ran = [...ranA, ...ranB];
  for (const job of ['kallelse.påminnelser', 'ärendelogg.påminnelser']) expect(ran.filter((j) => j === job)).toHaveLength(1);
  // A minute later the other instance may run it; the reminders it would send are already queued, so none twice.
  const later = new Date(reminderTime.getTime() + 60_000);
  await Promise.all([a.services.scheduler.runDue(later), b.services.scheduler.runDue(later)]);
  await drainBoth();
  const reminded = a.connector.since(mark).filter((s) => /Påminnelse/.test(JSON.stringify(s.activity)));
  const notAnswered = [c.chair, ...c.ledamoter.slice(1)];
  expect(reminded.map((s) => s.conversationId).sort()).toEqual(notAnswered.map((p) => personalChat(p).id).sort());
}, 120000);
