import { MeetingRepo } from '../../src/storage/meetings';
import { listPartition } from '../../src/storage/table-store';
import { TestBot, groupChat, findAction, startTwoInstances } from '../support/bot';
import { cast, setUpCastBody } from '../support/meeting-fixture';

/**
 * A full kommunfullmäktige (chair + 100 ledamöter) presses "Jag är här" within the same second,
 * spread over two bot instances that share one table store, and Teams then resends every press
 * to the other instance: each member is recorded exactly once, and every press is answered with
 * the upprop card well inside Teams' 15 s invoke timeout.
 */
/** Teams gives up on an invoke after 15 s; the bound leaves room for a loaded test machine. */
const ANSWER_BOUND_MS = 10_000;
let a: TestBot;
let b: TestBot;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ a, b, stop } = await startTwoInstances());
}, 60_000);
afterAll(() => stop());

const REFUSED = /Kunde inte|Något gick fel|får bara|finns inte|kan inte|Okänd åtgärd|kunde inte läsas|Det här får/;

test('101 simultaneous check-ins on two instances, then resent to the other one: each recorded once, each answered in time', async () => {
  const c = cast(100, 'Full ');
  const conv = groupChat('burst-checkin');
  const must = (texts: string[], what: string) => {
    if (texts.some((t) => REFUSED.test(t))) throw new Error(`${what}: ${texts.join(' | ')}`);
  };
  const bodyId = await setUpCastBody(a, conv, c, 'Kommunfullmäktige', must);
  const agenda = ['nytt möte', 'Datum: 2030-12-17 09.00-16.00', 'Plats: Fullmäktigesalen', '1. Motion om kollektivtrafiken', 'Beslutsärende', 'Förslag till beslut: Motionen bifalls.'].join('\n');
  must((await a.say(c.secretary, conv, agenda)).texts, 'nytt möte');
  const meetingId = (await a.services.meetings.current(bodyId))!.id;
  await a.press(c.secretary, conv, 'kallelse.skicka', { meetingId });
  let started = await a.press(c.secretary, conv, 'möte.starta', { meetingId });
  // Booked for another day: the secretary confirms "Starta ändå".
  const anyway = findAction(started.card, 'Starta ändå');
  if (anyway) started = await a.press(c.secretary, conv, 'möte.starta', anyway.data);
  expect((await a.services.meetings.get(bodyId, meetingId))!.value.status).toBe('pågår');

  const members = [c.chair, ...c.ledamoter];
  expect(members).toHaveLength(101);
  const presses = members.map((p) => a.activity(p, conv, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'upprop.checkin', data: { meetingId } }, trigger: 'manual' } }));
  const timed = async (bot: TestBot, act: Record<string, unknown>) => {
    const t = Date.now();
    const r = await bot.post(act);
    return { ...r, ms: Date.now() - t };
  };
  // All at once, every other press to the other instance.
  const first = await Promise.all(presses.map((act, i) => timed(i % 2 ? b : a, act)));
  // Teams resends each (its answer was late, say), to the other instance this time.
  const resent = await Promise.all(presses.map((act, i) => timed(i % 2 ? a : b, act)));

  for (const r of [...first, ...resent]) {
    expect(r.status).toBe(200);
    expect(r.body?.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(r.body.value)).not.toMatch(REFUSED);
    expect(r.ms).toBeLessThan(ANSWER_BOUND_MS);
  }

  // What storage holds: the check-ins on the meeting document, or as the members' own rows beside it.
  const roster = (await a.services.bodies.get(bodyId))!.value.roster;
  const expected = members.map((p) => roster.find((r) => r.aadObjectId === p.aadObjectId)!.id).sort();
  const pk = MeetingRepo.pk(bodyId, meetingId);
  const doc = (await a.paragraf.repos.meetings.docs.read(pk))!.value;
  const rows = (await listPartition(a.paragraf.repos.store.table('meetings'), pk, 'p|checkin|')).map((r) => r.rowKey.slice('p|checkin|'.length));
  const recorded = [...doc.attendance.checkedIn, ...rows];
  expect([...recorded].sort()).toEqual(expected);
  // Once each in the log too: a check-in that changes the meeting document is one audited change per member.
  const audited = (await a.paragraf.repos.meetings.docs.audit(pk)).filter((e) => e.action === 'upprop.checkin');
  if (doc.attendance.checkedIn.length) expect(audited).toHaveLength(101);
}, 180_000);
