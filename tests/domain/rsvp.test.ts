import { answerKallelse, answerSubstitute, nextSubstitute, summarize } from '../../src/domain/rsvp';
import { reminderDue, toRemind } from '../../src/domain/reminders';
import { parseRoster } from '../../src/domain/roster-parser';
import { replaceRoster } from '../../src/domain/roster';
import type { Body } from '../../src/domain/body';
import { newMeeting, type Meeting } from '../../src/domain/meeting';

const ROSTER = `Carin Nilsson (s) Umeå kommun, ordförande
Anna-Lena Danielsson (s) Region Västerbotten
Eva Stuge (m) Lycksele kommun
Kenneth Andersson (s) Region Västerbotten, ersättare
Olle Ek (m) Umeå kommun, ersättare
Sara Holm (s) Vännäs kommun, ersättare
Tjänstepersoner:
Maria Lind, sekreterare`;

function setup(profile: Body['profile'] = 'kommunallagen'): { body: Body; meeting: Meeting; id: (name: string) => string } {
  const roster = replaceRoster([], parseRoster(ROSTER).entries).map((r) => ({ ...r, aadObjectId: `aad-${r.id}` }));
  const body: Body = { id: 'b1', name: 'Nämnden', profile, justeringDays: 14, organisations: [], conversationId: 'c', roster, founders: [], createdAt: '' };
  const meeting: Meeting = newMeeting({ id: 'm1', bodyId: 'b1', start: '2021-12-17T09:00', status: 'kallat', items: [], createdBy: '', createdAt: '' });
  return { body, meeting, id: (name) => roster.find((r) => r.name === name)!.id };
}

test('an answer is recorded and a second one replaces it', () => {
  const { body, meeting, id } = setup();
  const carin = body.roster.find((r) => r.id === id('Carin Nilsson'))!;
  const m1 = answerKallelse(body, meeting, carin, 'kommer', 't1').meeting;
  const m2 = answerKallelse(body, m1, carin, 'förhinder', 't2').meeting;
  expect(m2.rsvps[carin.id]).toEqual({ memberId: carin.id, answer: 'förhinder', at: 't2' });
  expect(Object.keys(m2.rsvps)).toHaveLength(1);
});

test('answers are refused before the kallelse is sent and once the meeting has started', () => {
  const { body, meeting } = setup();
  expect(() => answerKallelse(body, { ...meeting, status: 'planerat' }, body.roster[0], 'kommer', 't')).toThrow(/inte skickad/);
  expect(() => answerKallelse(body, { ...meeting, status: 'pågår' }, body.roster[0], 'kommer', 't')).toThrow(/redan börjat/);
});

test('förhinder calls the next ersättare of the same party in roster order; a no passes it on; kommer withdraws it', () => {
  const { body, meeting, id } = setup();
  const anna = body.roster.find((r) => r.id === id('Anna-Lena Danielsson'))!;
  const r1 = answerKallelse(body, meeting, anna, 'förhinder', 't1');
  expect(r1.calls).toEqual([{ forMemberId: anna.id, askedMemberId: id('Kenneth Andersson'), at: 't1' }]);
  const kenneth = body.roster.find((r) => r.id === id('Kenneth Andersson'))!;
  const r2 = answerSubstitute(body, r1.meeting, kenneth, anna.id, 'nej', 't2');
  expect(r2.calls.map((c) => c.askedMemberId)).toEqual([id('Sara Holm')]);
  const sara = body.roster.find((r) => r.id === id('Sara Holm'))!;
  const r3 = answerSubstitute(body, r2.meeting, sara, anna.id, 'ja', 't3');
  expect(r3.calls).toEqual([]);
  const s = summarize(body, r3.meeting);
  expect(s.serving.map((p) => `${p.substitute.name} för ${p.forMember.name}`)).toEqual(['Sara Holm för Anna-Lena Danielsson']);
  // For another (s) ledamot, Kenneth (who declined only for Anna-Lena) is next; Sara is busy serving.
  const carin = body.roster.find((r) => r.id === id('Carin Nilsson'))!;
  expect(nextSubstitute(body, r3.meeting, carin)?.name).toBe('Kenneth Andersson');
  expect(nextSubstitute(body, r3.meeting, body.roster.find((r) => r.id === id('Eva Stuge'))!)?.name).toBe('Olle Ek');
  const back = answerKallelse(body, r3.meeting, anna, 'kommer', 't4').meeting;
  expect(summarize(body, back).serving).toEqual([]);
  expect(() => answerSubstitute(body, back, sara, anna.id, 'nej', 't5')).toThrow(/gäller inte längre/);
});

test('summary: who comes, förhinder, not answered, and beslutför only for kommunallagen', () => {
  const { body, meeting, id } = setup();
  const byName = (n: string) => body.roster.find((r) => r.id === id(n))!;
  let m = answerKallelse(body, meeting, byName('Carin Nilsson'), 'kommer', 't').meeting;
  m = answerKallelse(body, m, byName('Eva Stuge'), 'förhinder', 't').meeting;
  let s = summarize(body, m);
  expect(s).toMatchObject({ ledamoter: 3, beslutfor: false });
  expect(s.coming.map((r) => r.name)).toEqual(['Carin Nilsson']);
  expect(s.absent.map((r) => r.name)).toEqual(['Eva Stuge']);
  expect(s.unanswered.map((r) => r.name)).toEqual(['Anna-Lena Danielsson']);
  expect(s.asked.map((p) => p.substitute.name)).toEqual(['Olle Ek']);
  m = answerSubstitute(body, m, byName('Olle Ek'), id('Eva Stuge'), 'ja', 't').meeting;
  s = summarize(body, m);
  expect(s.beslutfor).toBe(true); // Carin + Olle for Eva: 2 of 3
  expect(summarize({ ...body, profile: 'samverkan' }, m).beslutfor).toBeUndefined();
});

test('reminders are due from N days before until the start, for linked ledamöter who have not answered', () => {
  const { body, meeting, id } = setup();
  const start = new Date('2021-12-17T08:00:00Z');
  expect(reminderDue(body, meeting, start, new Date('2021-12-14T08:00:00Z'))).toBe(false);
  expect(reminderDue(body, meeting, start, new Date('2021-12-15T08:00:00Z'))).toBe(true);
  expect(reminderDue({ ...body, reminderDays: 5 }, meeting, start, new Date('2021-12-12T09:00:00Z'))).toBe(true);
  expect(reminderDue(body, meeting, start, new Date('2021-12-17T08:00:00Z'))).toBe(false);
  expect(reminderDue(body, { ...meeting, status: 'planerat' }, start, new Date('2021-12-16T08:00:00Z'))).toBe(false);
  const m = answerKallelse(body, meeting, body.roster.find((r) => r.id === id('Carin Nilsson'))!, 'kommer', 't').meeting;
  expect(toRemind(body, m).map((r) => r.name)).toEqual(['Anna-Lena Danielsson', 'Eva Stuge']);
});
