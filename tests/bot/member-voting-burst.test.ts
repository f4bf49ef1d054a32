import { performance } from 'node:perf_hooks';
import { swedishLocal } from '../../src/domain/meeting-time';
import { verifyAuditLog } from '../../src/storage/audit-verify';
import { TestBot, groupChat, person, cardText, findAction, type Person, startTwoInstances } from '../support/bot';
import { bodyFixture, meetingFixture, store } from '../support/fixtures';
import { letters } from '../support/meeting-fixture';
import { emptyItem, type Meeting } from '../../src/domain/meeting';
import type { Body } from '../../src/domain/body';

/**
 * A full kommunfullmäktige (101 ledamöter) pressing at the same second, through two instances
 * sharing one table store: every check-in and every vote is recorded exactly once, every invoke is
 * answered in time for Teams, the vote closes once when the last has voted, and Teams' resends to
 * the other instance change nothing.
 */
let a: TestBot;
let b: TestBot;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ a, b, stop } = await startTwoInstances());
});
afterAll(() => stop());

const pick = (i: number) => (i % 2 === 0 ? a : b);
const conv = groupChat('fullmaktige-101');
const maria = person('Maria Lind');
const members: Person[] = [person('Carin Nilsson'), ...Array.from({ length: 100 }, (_, i) => person(`Ledamot ${letters(i)}`))];
let body: Body;
let meeting: Meeting;
const choiceOf = (i: number) => (['ja', 'nej', 'avstår'] as const)[i % 3];

/** Every invoke at once, half to each instance; each answer's time, and the answers. */
async function burst(acts: Record<string, unknown>[], offset = 0) {
  const times: number[] = [];
  const answers = await Promise.all(
    acts.map(async (act, i) => {
      const t0 = performance.now();
      const r = await pick(i + offset).post(act);
      times.push(performance.now() - t0);
      return r;
    }),
  );
  times.sort((x, y) => x - y);
  return { answers, p99: times[Math.ceil(times.length * 0.99) - 1] };
}

const invoke = (p: Person, verb: string, data: Record<string, unknown>) => a.activity(p, conv, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });

beforeAll(async () => {
  const roster = [
    { name: members[0].name, party: 's', organisation: 'Fullmäktige', role: 'ordförande' as const },
    ...members.slice(1).map((p, i) => ({ name: p.name, party: i % 2 ? 'm' : 's', organisation: 'Fullmäktige', role: 'ledamot' as const })),
    { name: 'Maria Lind', role: 'tjänsteperson' as const, title: 'sekreterare', secretary: true },
  ];
  body = bodyFixture(conv, { name: 'Kommunfullmäktige', profile: 'kommunallagen', roster });
  // Held today, so the start needs no confirmation of another day.
  const today = swedishLocal(new Date()).slice(0, 10);
  meeting = meetingFixture(body, { items: [emptyItem({ id: 'i1', paragraph: 1, title: 'Val av revisorer', kind: 'Beslutsärende', proposal: 'välja revisorerna enligt valberedningens förslag' })], start: `${today}T00:00`, end: `${today}T23:59` });
  await store(a.services, body, meeting);
  await a.press(maria, conv, 'möte.starta', { meetingId: meeting.id });
}, 60000);

test('101 members check in at the same second through two instances: each recorded once, each answered in time', async () => {
  const acts = members.map((p) => invoke(p, 'upprop.checkin', { meetingId: meeting.id }));
  const { answers, p99 } = await burst(acts);
  expect(answers.map((r) => r.status)).toEqual(acts.map(() => 200));
  answers.forEach((r, i) => expect(cardText(r.body.value)).toContain(`${members[i].name} är här.`));
  // Teams resends each, to the other instance.
  await burst(acts, 1);
  const ids = await b.services.presses.checkIns(body.id, meeting.id);
  expect(ids.sort()).toEqual(body.roster.filter((r) => r.role !== 'tjänsteperson').map((r) => r.id).sort());
  expect(p99).toBeLessThan(5000);
  // The upprop brings every check-in into the meeting document.
  const present = Object.fromEntries(body.roster.map((r) => [`p_${r.id}`, 'true']));
  await a.press(maria, conv, 'upprop.bekräfta', { meetingId: meeting.id, ...present, justerare: body.roster[1].id });
  expect((await a.services.meetings.get(body.id, meeting.id))!.value.attendance.checkedIn).toHaveLength(101);
}, 120000);

test('101 votes at the same second through two instances: each recorded once, the vote closes once, resends change nothing', async () => {
  const mark = a.connector.mark();
  await a.press(maria, conv, 'votering.starta', { meetingId: meeting.id, itemId: 'i1' });
  const card = a.connector.since(mark).flatMap((s) => (s.activity.attachments ?? []).map((x: any) => x.content)).find((c: any) => findAction(c, 'Avstår'));
  const voteId = findAction(card, 'Ja').data.voteId;
  // Above 60 voters Teams cannot refresh per user: the card has no refresh, and each answer echoes the vote.
  expect(card.refresh).toBeUndefined();

  const acts = members.map((p, i) => invoke(p, 'votering.rösta', { meetingId: meeting.id, voteId, choice: choiceOf(i) }));
  const [ma, mb] = [a.paragraf.repos.store.counter.mark(), b.paragraf.repos.store.counter.mark()];
  const { answers, p99 } = await burst(acts);
  const trips = [a.paragraf.repos.store.counter.since(ma), b.paragraf.repos.store.counter.since(mb)];
  // A press is one write (its own row) and one query (the meeting and the vote's rows) on top of what the instance holds; the close adds a few.
  const writes = trips.reduce((n, t) => n + t.kinds.write + t.kinds.transaction, 0);
  expect(writes).toBeLessThan(101 + 10);
  expect(answers.map((r) => r.status)).toEqual(acts.map(() => 200));
  expect(p99).toBeLessThan(5000);
  // Each voter's answer is a card: their own vote while the vote ran, or the result once it closed.
  answers.forEach((r, i) => {
    if (typeof r.body.value === 'string') throw new Error(`press ${i}: ${r.body.value}`);
    const text = cardText(r.body.value);
    if (!text.includes('Din röst: ')) expect(text).toContain('beslutar Kommunfullmäktige');
    else expect(text).toContain(`Din röst: ${{ ja: 'Ja', nej: 'Nej', avstår: 'Avstår' }[choiceOf(i)]}`);
  });

  const m = (await b.services.meetings.get(body.id, meeting.id))!.value;
  expect(m.items[0].openVote).toBeUndefined();
  expect(m.items[0].votes).toHaveLength(1);
  const vote = m.items[0].votes[0];
  expect(Object.keys(vote.votes)).toHaveLength(101);
  expect({ ja: vote.ja, nej: vote.nej, avstar: vote.avstar }).toEqual({ ja: 34, nej: 34, avstar: 33 });
  // 34–34: the chair (Carin Nilsson, index 0) voted ja, and her vote decides.
  expect(vote).toMatchObject({ castingVote: true, result: 'ja' });
  members.forEach((p, i) => expect(vote.votes[body.roster.find((r) => r.aadObjectId === p.aadObjectId)!.id]).toBe(choiceOf(i)));
  const audit = await a.paragraf.repos.meetings.docs.audit(`${body.id}|${meeting.id}`);
  expect(audit.filter((e) => e.action === 'votering.stäng')).toHaveLength(1);

  // Teams resends every press to the other instance: answered with the result, nothing changes.
  const before = (await a.paragraf.repos.meetings.docs.read(`${body.id}|${meeting.id}`))!.version;
  const resent = await burst(acts, 1);
  expect(resent.answers.map((r) => r.status)).toEqual(acts.map(() => 200));
  expect((await a.paragraf.repos.meetings.docs.read(`${body.id}|${meeting.id}`))!.version).toBe(before);
  expect(Object.values(await a.services.presses.votes(body.id, meeting.id, voteId))).toHaveLength(101);
}, 120000);

test('a ballot pressed on an instance that has not yet seen the close is told it did not count, and is taken back', async () => {
  const mark = a.connector.mark();
  await a.press(maria, conv, 'votering.starta', { meetingId: meeting.id, itemId: 'i1', closed: true });
  const card = a.connector.since(mark).flatMap((s) => (s.activity.attachments ?? []).map((x: any) => x.content)).find((c: any) => findAction(c, 'Avstår'));
  const voteId = findAction(card, 'Ja').data.voteId;
  await a.press(members[1], conv, 'votering.rösta', { meetingId: meeting.id, voteId, choice: 'ja' });
  // Instance b reads the running vote (and keeps the meeting in its cache for a few seconds) …
  expect(cardText((await b.press(members[0], conv, 'votering.visa', { meetingId: meeting.id, voteId })).card)).toContain('1 av 101');
  // … the secretary closes it through a, and a member then presses on b, whose copy still shows it open.
  const closed = await a.press(maria, conv, 'votering.stäng', { meetingId: meeting.id, voteId });
  expect(closed.texts.join(' ')).toContain('1 valsedel lämnades');
  const late = await b.press(members[2], conv, 'votering.rösta', { meetingId: meeting.id, voteId, choice: 'nej' });
  expect(cardText(late.card)).toContain('Voteringen stängdes innan din röst kom fram; den räknades inte.');
  const m = (await a.paragraf.repos.meetings.docs.read(`${body.id}|${meeting.id}`))!.value;
  expect(m.items[0].votes.find((v) => v.id === voteId)).toMatchObject({ ja: 1, nej: 0, secret: { ballots: 1, voters: [body.roster[1].id] } });
  // Neither the late ballot nor its has-voted row is left in storage.
  const left = await a.services.presses.ballots(body.id, meeting.id, voteId);
  expect(left).toEqual({ choices: [], keys: [], voters: [body.roster[1].id] });
  // The press rows beside the meeting do not disturb its audit chain.
  expect((await verifyAuditLog(a.paragraf.repos.store)).problems).toEqual([]);
}, 60000);
