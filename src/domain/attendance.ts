/**
 * Upprop: who is on the list (ledamöter, ersättare called in, tjänstepersoner), what is
 * pre-filled from the kallelse answers, the secretary's confirmation with justerare, members'
 * own check-ins. The secretary's upprop decides (beslutförhet: quorum.ts). Pure.
 */
import { ersattare, ledamoter, tjanstepersoner, type Body, type RosterEntry } from './body';
import type { Meeting } from './meeting';
import { UserError } from './errors';
import { initialServing } from './serving';
import { joinSv } from './sv-text';

export interface UppropRow {
  entry: RosterEntry;
  present: boolean;
}

const calledIn = (meeting: Meeting, id: string) => meeting.substitutes.some((c) => c.askedMemberId === id && !c.cancelledAt && c.answer !== 'nej');

/**
 * Ledamöter, then every ersättare (so the secretary can tick one who came uncalled; an ersättare
 * serves only when called in for a ledamot), then tjänstepersoner.
 */
export function uppropRows(body: Body, meeting: Meeting): UppropRow[] {
  const byOrder = (a: RosterEntry, b: RosterEntry) => a.order - b.order;
  const confirmed = Boolean(meeting.attendance.confirmedAt);
  const prefill = (e: RosterEntry): boolean => {
    if (confirmed) return Boolean(meeting.attendance.present[e.id]);
    if (meeting.attendance.checkedIn.includes(e.id)) return true;
    if (e.role === 'tjänsteperson') return true; // they run the meeting and answer no kallelse
    if (e.role === 'ersättare') return meeting.rsvps[e.id]?.answer === 'kommer' || meeting.substitutes.some((c) => c.askedMemberId === e.id && c.answer === 'ja' && !c.cancelledAt);
    return meeting.rsvps[e.id]?.answer === 'kommer';
  };
  const subs = ersattare(body);
  return [...ledamoter(body).sort(byOrder), ...subs.sort(byOrder), ...tjanstepersoner(body).sort(byOrder)].map((entry) => ({ entry, present: prefill(entry) }));
}

/** Whom the Justerare list offers: serving members (ledamöter without förhinder, ersättare called in), never the ordförande, who signs anyway. */
export function justerareCandidates(body: Body, meeting: Meeting): RosterEntry[] {
  return uppropRows(body, meeting)
    .map((r) => r.entry)
    .filter((e) => {
      if (e.role === 'ordförande' || e.role === 'tjänsteperson') return false;
      if (e.role === 'ersättare') return calledIn(meeting, e.id) || Boolean(meeting.attendance.present[e.id]);
      return meeting.rsvps[e.id]?.answer !== 'förhinder' || Boolean(meeting.attendance.present[e.id]) || meeting.attendance.checkedIn.includes(e.id);
    });
}

export { calledIn as isCalledIn };

export function assertOngoing(meeting: Meeting): void {
  if (meeting.status === 'planerat' || meeting.status === 'kallat') throw new UserError('Mötet har inte startat. Skriv "starta mötet" först.', 'state');
  if (meeting.status !== 'pågår') throw new UserError(`Mötet är ${meeting.status} och inget mer kan antecknas som under mötet; det som ska ändras rättas i protokollutkastet.`, 'state');
}

/** A member's own check-in before the upprop is confirmed. */
export function checkIn(meeting: Meeting, member: RosterEntry): Meeting {
  assertOngoing(meeting);
  if (meeting.attendance.confirmedAt) throw new UserError('Uppropet är redan bekräftat. Säg till sekreteraren att du har kommit, så antecknas du från nästa ärende.', 'state');
  if (meeting.attendance.checkedIn.includes(member.id)) return meeting;
  return { ...meeting, attendance: { ...meeting.attendance, checkedIn: [...meeting.attendance.checkedIn, member.id] } };
}

/**
 * The check-ins stored as rows of their own (one per press, storage/member-presses.ts) merged into
 * the meeting as the upprop card and the confirmation read it.
 */
export function withCheckIns(meeting: Meeting, memberIds: string[]): Meeting {
  const add = memberIds.filter((id) => !meeting.attendance.checkedIn.includes(id));
  return add.length ? { ...meeting, attendance: { ...meeting.attendance, checkedIn: [...meeting.attendance.checkedIn, ...add] } } : meeting;
}

/** Bekräfta upprop: attendance, justerare (present members) and the initial tjänstgöring. */
export function confirmUpprop(body: Body, meeting: Meeting, present: Record<string, boolean>, justerare: string[], at: string): Meeting {
  assertOngoing(meeting);
  if (meeting.items.some((i) => i.outcome)) throw new UserError('Uppropet är redan bekräftat och ärenden är avgjorda. Anteckna ändringar med "ankom <namn>" och "lämnar <namn>".', 'state');
  const unknown = Object.keys(present).filter((id) => !body.roster.some((r) => r.id === id));
  if (unknown.length) throw new UserError('Kortet nämner personer som inte finns på ledamotslistan. Öppna uppropet på nytt med "starta mötet".', 'stale');
  const missing = justerare.filter((id) => !body.roster.some((r) => r.id === id));
  if (missing.length) throw new UserError('Justerare måste väljas bland organets ledamöter och ersättare.', 'invalid');
  const notPresent = justerare.map((id) => body.roster.find((r) => r.id === id)!).filter((r) => !present[r.id] || r.role === 'tjänsteperson');
  if (notPresent.length) throw new UserError(`Justerare väljs bland de närvarande ledamöterna: ${joinSv(notPresent.map((r) => r.name))} är inte markerad som närvarande.`, 'invalid');
  if (justerare.length === 0 && body.profile !== 'minnesanteckningar') throw new UserError('Välj minst en justerare i fältet Justerare.', 'invalid');
  const full: Record<string, boolean> = {};
  for (const row of uppropRows(body, meeting)) full[row.entry.id] = false;
  Object.assign(full, present);
  return {
    ...meeting,
    attendance: { ...meeting.attendance, present: full, confirmedAt: at, events: [] },
    justerare: [...new Set(justerare)],
    service: initialServing(body, meeting, full, meeting.currentIndex),
  };
}
