/**
 * What else is recorded on a §: yrkanden and the chair's propositionsordning, reservationer and
 * protokollsanteckningar (by members who took part), uppdrag, övriga frågor and omedelbar
 * justering. Pure.
 */
import type { Body, Profile, RosterEntry } from './body';
import type { Assignment, Item, Meeting, Question, Reservation } from './meeting';
import { assertNotBeforeMeeting } from './justering-dates';
import { assertQuorate } from './quorum';
import { assertBifallFollows, assertOutcomeFollows } from './proposals';
import { parseDecision } from './decision-formula';
import { UserError, NotAllowedError } from './errors';
import { assertOngoing } from './attendance';
import { servingAt } from './serving';
import { updateItem } from './outcome';

export function addMotion(meeting: Meeting, index: number, member: RosterEntry, text: string): Meeting {
  assertOngoing(meeting);
  const item = meeting.items[index];
  if (!servingAt(meeting, index).includes(member.id)) throw new UserError(`${member.name} tjänstgör inte på § ${item.paragraph} och kan inte yrka.`, 'not_serving');
  if (!text.trim()) throw new UserError('Skriv vad yrkandet gäller, t.ex. "yrkande Eva Stuge §48: bifall till förslaget".', 'invalid');
  return updateItem(meeting, index, (it) => ({ ...it, motions: [...it.motions, { id: `y${it.motions.length + 1}`, byMemberId: member.id, text: text.trim() }] }));
}

/** The chair's propositionsordning, as yrkande numbers (1 = the first recorded). */
export function setPropositionOrder(meeting: Meeting, index: number, order: number[]): Meeting {
  assertOngoing(meeting);
  const item = meeting.items[index];
  const bad = order.filter((n) => !item.motions[n - 1]);
  if (bad.length || order.length === 0) throw new UserError(`§ ${item.paragraph} har ${item.motions.length} yrkanden; ange deras nummer i den ordning ordföranden ställde dem, t.ex. "propositionsordning §${item.paragraph}: 1, 2".`, 'invalid');
  return updateItem(meeting, index, (it) => ({ ...it, propositionOrder: order.map((n) => it.motions[n - 1].id) }));
}

/** Bifall: the chair finds yrkande n adopted. It must agree with a votering on the § and with a decision already recorded. */
export function adoptMotion(body: Body, meeting: Meeting, index: number, n: number): Meeting {
  assertOngoing(meeting);
  const item = meeting.items[index];
  const motion = item.motions[n - 1];
  if (!motion) throw new UserError(`§ ${item.paragraph} har inget yrkande ${n}.`, 'invalid');
  if (motion.withdrawn) throw new UserError(`Yrkande ${n} i § ${item.paragraph} är återtaget och kan inte bifallas.`, 'invalid');
  assertQuorate(body, meeting, index, `Bifall i § ${item.paragraph}`);
  assertBifallFollows(body, item, motion.id);
  const next: Item = { ...item, adoptedMotionId: motion.id };
  if (item.outcome && !item.votes.some((v) => v.sides)) {
    const typed = item.outcome.kind === 'beslut' || item.outcome.kind === 'noterat';
    try {
      assertOutcomeFollows(body, next, item.outcome.kind, typed ? parseDecision(item.outcome.formula, body.name) : undefined);
    } catch (e) {
      if (e instanceof UserError) throw new UserError(`Yrkande ${n} kan inte bifallas: det antecknade beslutet (${item.outcome.formula}) följer inte det. Anteckna bifallet först och beslutet sedan.`, 'contradicts');
      throw e;
    }
  }
  return updateItem(meeting, index, () => next);
}

/** Reservations may be filed, and their written text added, until the protocol goes to justering. */
const RESERVATION_OPEN = new Set(['pågår', 'avslutat', 'protokollutkast']);

/**
 * Kommunallagen 4 kap. 27 § (for nämnder through 6 kap. 36 §): a member who took part in the decision
 * may reserve themselves; the reservation must be announced before the meeting ends, and a written
 * motivation, which it need not have, is given before the justering. So a reservation without text is
 * valid, a new one after Avsluta mötet is refused under kommunallagen, and its text may follow later.
 */
export function addReservation(meeting: Meeting, index: number, member: RosterEntry, kind: Reservation['kind'], text: string | undefined, at: string, profile?: Profile): Meeting {
  const item = meeting.items[index];
  const label = kind === 'reservation' ? 'Reservation' : 'Protokollsanteckning';
  if (!RESERVATION_OPEN.has(meeting.status)) throw new UserError(`${label} kan inte lämnas när mötet är ${meeting.status}.`, 'state');
  const announced = item.reservations.some((r) => r.memberId === member.id && r.kind === kind);
  if (kind === 'reservation' && profile === 'kommunallagen' && meeting.status !== 'pågår' && !announced) {
    throw new UserError(
      `En reservation ska anmälas innan sammanträdet avslutas (kommunallagen 4 kap. 27 §), och mötet är avslutat. ${member.name} har ingen reservation i § ${item.paragraph}; en skriftlig motivering kan bara läggas till en reservation som anmäldes under mötet.`,
      'state',
    );
  }
  if (!servingAt(meeting, index).includes(member.id)) {
    throw new NotAllowedError(`${member.name} deltog inte i beslutet i § ${item.paragraph} och kan inte lämna ${kind === 'reservation' ? 'reservation' : 'protokollsanteckning'}.`);
  }
  const existing = item.reservations.find((r) => r.memberId === member.id && r.kind === kind);
  if (existing) {
    if (!text?.trim()) throw new UserError(`${member.name} har redan en ${kind} i § ${item.paragraph}.`, 'state');
    // The written text may come later (before justering).
    return updateItem(meeting, index, (it) => ({ ...it, reservations: it.reservations.map((r) => (r === existing ? { ...r, text: text.trim(), at } : r)) }));
  }
  const r: Reservation = { memberId: member.id, kind, at, ...(text?.trim() ? { text: text.trim() } : {}) };
  return updateItem(meeting, index, (it) => ({ ...it, reservations: [...it.reservations, r] }));
}

export function addAssignment(meeting: Meeting, index: number, a: Assignment): Meeting {
  assertOngoing(meeting);
  if (!a.text.trim()) throw new UserError('Skriv vad uppdraget gäller.', 'invalid');
  return updateItem(meeting, index, (it) => ({ ...it, assignments: [...it.assignments, a] }));
}

export function addQuestion(meeting: Meeting, index: number, q: Question): Meeting {
  assertOngoing(meeting);
  if (!q.text.trim()) throw new UserError('Skriv frågan.', 'invalid');
  return updateItem(meeting, index, (it) => ({ ...it, questions: [...it.questions, q] }));
}

/** The secretary marks a § for omedelbar justering. */
export function markImmediate(meeting: Meeting, index: number): Meeting {
  assertOngoing(meeting);
  const item = meeting.items[index];
  if (item.immediateJustering) return meeting;
  return updateItem(meeting, index, (it) => ({ ...it, immediateJustering: { approvals: [] } }));
}

/** Those who must approve an omedelbar justering: the ordförande and every justerare. */
export function immediateApprovers(body: Body, meeting: Meeting): string[] {
  const chair = body.roster.find((r) => r.role === 'ordförande');
  return [...new Set([...(chair ? [chair.id] : []), ...meeting.justerare])];
}

export function approveImmediate(body: Body, meeting: Meeting, index: number, member: RosterEntry, at: string): Meeting {
  const item = meeting.items[index];
  const ij = item.immediateJustering;
  if (!ij) throw new UserError(`§ ${item.paragraph} är inte markerad för omedelbar justering.`, 'state');
  if (!item.outcome) throw new UserError(`§ ${item.paragraph} har inget beslut ännu att justera.`, 'state');
  const approvers = immediateApprovers(body, meeting);
  if (!approvers.includes(member.id)) throw new NotAllowedError('Omedelbar justering görs av ordföranden och justerarna.');
  if (ij.locked || ij.approvals.some((a) => a.memberId === member.id)) return meeting;
  assertNotBeforeMeeting(meeting, at, `§ ${item.paragraph}`);
  const approvals = [...ij.approvals, { memberId: member.id, at }];
  const locked = approvers.every((id) => approvals.some((a) => a.memberId === id));
  return { ...meeting, items: meeting.items.map((it, i) => (i === index ? { ...it, immediateJustering: { approvals, ...(locked ? { locked: true } : {}) } } : it)) };
}
