/**
 * Answers to the kallelse (Jag kommer / Förhinder), ersättare called in for a ledamot with
 * förhinder (same party, roster order, a "nej" passes to the next), and the summary the secretary
 * reads (who comes, who has förhinder, who has not answered, beslutför). Pure.
 */
import { ersattare, ledamoter, type Body, type RosterEntry } from './body';
import type { Meeting, Rsvp, SubstituteCall } from './meeting';
import { UserError, NotAllowedError } from './errors';

export const RSVP_LABEL: Record<Rsvp, string> = { kommer: 'Jag kommer', förhinder: 'Förhinder' };

const isLedamot = (r: RosterEntry) => r.role === 'ordförande' || r.role === 'vice ordförande' || r.role === 'ledamot';
const active = (c: SubstituteCall) => !c.cancelledAt && c.answer !== 'nej';

export function assertAnswerable(meeting: Meeting): void {
  if (meeting.status === 'planerat') throw new UserError('Kallelsen är inte skickad ännu, så det går inte att svara på den.', 'state');
  if (meeting.status !== 'kallat') throw new UserError('Mötet har redan börjat, så svaret kan inte ändras längre. Kontakta sekreteraren.', 'state');
}

/** The next ersättare to ask for `forMember`: same party, roster order, linked, free, not already asked for this ledamot. */
export function nextSubstitute(body: Body, meeting: Meeting, forMember: RosterEntry): RosterEntry | undefined {
  const party = forMember.party?.toLowerCase();
  if (!party) return undefined;
  const askedFor = new Set(meeting.substitutes.filter((c) => c.forMemberId === forMember.id && !c.cancelledAt).map((c) => c.askedMemberId));
  const busy = new Set(meeting.substitutes.filter(active).map((c) => c.askedMemberId));
  return ersattare(body)
    .filter((e) => e.party?.toLowerCase() === party && e.aadObjectId)
    .sort((a, b) => a.order - b.order)
    .find((e) => !askedFor.has(e.id) && !busy.has(e.id) && meeting.rsvps[e.id]?.answer !== 'förhinder');
}

function callNext(body: Body, meeting: Meeting, forMember: RosterEntry, at: string): { meeting: Meeting; call?: SubstituteCall } {
  const next = nextSubstitute(body, meeting, forMember);
  if (!next) return { meeting };
  const call: SubstituteCall = { forMemberId: forMember.id, askedMemberId: next.id, at };
  return { meeting: { ...meeting, substitutes: [...meeting.substitutes, call] }, call };
}

export interface RsvpResult {
  meeting: Meeting;
  /** Ersättare to ask now (a personal message each). */
  calls: SubstituteCall[];
}

export function answerKallelse(body: Body, meeting: Meeting, member: RosterEntry, answer: Rsvp, at: string): RsvpResult {
  assertAnswerable(meeting);
  if (member.role === 'tjänsteperson') throw new NotAllowedError('Kallelsen besvaras av ledamöter och ersättare.');
  let next: Meeting = { ...meeting, rsvps: { ...meeting.rsvps, [member.id]: { memberId: member.id, answer, at } } };
  const calls: SubstituteCall[] = [];
  if (isLedamot(member)) {
    const hasActive = next.substitutes.some((c) => c.forMemberId === member.id && active(c));
    if (answer === 'förhinder' && !hasActive) {
      const r = callNext(body, next, member, at);
      next = r.meeting;
      if (r.call) calls.push(r.call);
    }
    if (answer === 'kommer' && hasActive) {
      // The ledamot can come after all: the ersättare is no longer needed.
      next = { ...next, substitutes: next.substitutes.map((c) => (c.forMemberId === member.id && active(c) ? { ...c, cancelledAt: at } : c)) };
    }
  }
  return { meeting: next, calls };
}

/** The ersättare's own answer to "Kan du tjänstgöra för …?"; a no passes the question on. */
export function answerSubstitute(body: Body, meeting: Meeting, asked: RosterEntry, forMemberId: string, answer: 'ja' | 'nej', at: string): RsvpResult {
  assertAnswerable(meeting);
  const index = meeting.substitutes.findIndex((c) => c.askedMemberId === asked.id && c.forMemberId === forMemberId && !c.cancelledAt && !c.answer);
  if (index < 0) {
    const done = meeting.substitutes.find((c) => c.askedMemberId === asked.id && c.forMemberId === forMemberId && !c.cancelledAt);
    if (done?.answer === answer) return { meeting, calls: [] };
    throw new UserError('Frågan gäller inte längre: ledamoten kommer själv, eller frågan är redan besvarad.', 'state');
  }
  const substitutes = meeting.substitutes.map((c, i) => (i === index ? { ...c, answer, at } : c));
  let next: Meeting = { ...meeting, substitutes };
  const calls: SubstituteCall[] = [];
  if (answer === 'nej') {
    const forMember = body.roster.find((r) => r.id === forMemberId);
    if (forMember) {
      const r = callNext(body, next, forMember, at);
      next = r.meeting;
      if (r.call) calls.push(r.call);
    }
  }
  return { meeting: next, calls };
}

export interface RsvpSummary {
  ledamoter: number;
  coming: RosterEntry[];
  absent: RosterEntry[];
  unanswered: RosterEntry[];
  /** Who serves for whom (ersättare who said ja). */
  serving: { substitute: RosterEntry; forMember: RosterEntry }[];
  /** Ersättare asked who have not answered yet. */
  asked: { substitute: RosterEntry; forMember: RosterEntry }[];
  /** Ledamöter with förhinder for whom no ersättare is serving or asked. */
  uncovered: RosterEntry[];
  /** Only for kommunallagen bodies: more than half of the ledamöter will serve (6 kap. 27 §). */
  beslutfor?: boolean;
}

export function summarize(body: Body, meeting: Meeting): RsvpSummary {
  const led = ledamoter(body);
  const byId = new Map(body.roster.map((r) => [r.id, r]));
  const coming = led.filter((r) => meeting.rsvps[r.id]?.answer === 'kommer');
  const absent = led.filter((r) => meeting.rsvps[r.id]?.answer === 'förhinder');
  const unanswered = led.filter((r) => !meeting.rsvps[r.id]);
  const pairs = (pred: (c: SubstituteCall) => boolean) =>
    meeting.substitutes
      .filter((c) => !c.cancelledAt && pred(c))
      .map((c) => ({ substitute: byId.get(c.askedMemberId)!, forMember: byId.get(c.forMemberId)! }))
      .filter((p) => p.substitute && p.forMember);
  const serving = pairs((c) => c.answer === 'ja');
  const asked = pairs((c) => !c.answer);
  const covered = new Set([...serving, ...asked].map((p) => p.forMember.id));
  const uncovered = absent.filter((r) => !covered.has(r.id));
  const summary: RsvpSummary = { ledamoter: led.length, coming, absent, unanswered, serving, asked, uncovered };
  if (body.profile === 'kommunallagen') summary.beslutfor = coming.length + serving.length > led.length / 2;
  return summary;
}
