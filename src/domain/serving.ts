/**
 * Tjänstgöring per §: who serves on each item, as periods over item indexes. Ersättare step in
 * between items, never during one; a ledamot who leaves may not come back to serve (no
 * växeltjänstgöring) — jäv does not end a period, so serving again after a jäv is natural. Pure.
 */
import { ersattare, ledamoter, type Body, type RosterEntry } from './body';
import type { Meeting, ServicePeriod } from './meeting';
import { UserError } from './errors';

export const isLedamotRole = (r: RosterEntry): boolean => r.role === 'ordförande' || r.role === 'vice ordförande' || r.role === 'ledamot';

const covers = (p: ServicePeriod, index: number) => p.fromIndex <= index && (p.toIndex === undefined || index < p.toIndex);

/** Members whose period covers the index, jäv or not (a jävig member keeps the seat, but not the §). */
export function seatedAt(meeting: Meeting, index: number): string[] {
  return [...new Set(meeting.service.filter((p) => covers(p, index)).map((p) => p.memberId))];
}

/** Who serves (tjänstgör) on the item at this index: seated and not jävig on it. */
export function servingAt(meeting: Meeting, index: number): string[] {
  const jav = new Set(meeting.items[index]?.jav ?? []);
  return seatedAt(meeting, index).filter((id) => !jav.has(id));
}

/** "§§ 42–47", "§ 46", "§§ 42–44, 46–51"; '' when the member never served. */
export function servedParagraphs(meeting: Meeting, memberId: string): string {
  const nums = meeting.items.map((it, i) => (servingAt(meeting, i).includes(memberId) ? it.paragraph : undefined)).filter((n): n is number => n !== undefined);
  if (nums.length === 0) return '';
  const ranges: string[] = [];
  let lo = nums[0];
  let hi = nums[0];
  for (const n of nums.slice(1)) {
    if (n === hi + 1) hi = n;
    else {
      ranges.push(lo === hi ? `${lo}` : `${lo}–${hi}`);
      lo = hi = n;
    }
  }
  ranges.push(lo === hi ? `${lo}` : `${lo}–${hi}`);
  return nums.length === 1 ? `§ ${ranges[0]}` : `§§ ${ranges.join(', ')}`;
}

/** Whom a serving ersättare stands in for on that § (for "ersättare för …"). */
export function replacingAt(meeting: Meeting, memberId: string, index: number): string | undefined {
  return meeting.service.find((p) => p.memberId === memberId && covers(p, index))?.replacing;
}

/** Present now: marked present at upprop or arrived, and not left since. */
export function isHere(meeting: Meeting, memberId: string): boolean {
  const last = [...meeting.attendance.events].reverse().find((e) => e.memberId === memberId);
  if (last) return last.kind === 'ankom';
  return Boolean(meeting.attendance.present[memberId]);
}

export function hasLeft(meeting: Meeting, memberId: string): boolean {
  return meeting.attendance.events.some((e) => e.memberId === memberId && e.kind === 'lämnade');
}

/**
 * Where an arrival or a departure takes effect: the current item if nothing is recorded on it yet
 * (we are between items), otherwise the next one — no one steps in during an item.
 */
export function effectiveIndex(meeting: Meeting): number {
  const it = meeting.items[meeting.currentIndex];
  const begun = it && (it.outcome || it.note || it.votes.length || it.motions.length || it.reservations.length || it.jav.length);
  return begun ? meeting.currentIndex + 1 : meeting.currentIndex;
}

/** Present ersättare of the party, in roster order, not seated at the index (and not excluded). */
export function availableErsattare(body: Body, meeting: Meeting, party: string | undefined, index: number, exclude: Set<string> = new Set()): RosterEntry[] {
  if (!party) return [];
  const seated = new Set(seatedAt(meeting, index));
  return ersattare(body)
    .filter((e) => e.party?.toLowerCase() === party.toLowerCase() && isHere(meeting, e.id) && !seated.has(e.id) && !exclude.has(e.id))
    .sort((a, b) => a.order - b.order);
}

/**
 * Tjänstgöring as the upprop leaves it: present ledamöter serve; for an absent ledamot the
 * ersättare who said "Ja, jag tjänstgör" to the call serves, else the next present ersättare of
 * the same party in roster order.
 */
export function initialServing(body: Body, meeting: Meeting, present: Record<string, boolean>, fromIndex: number): ServicePeriod[] {
  const periods: ServicePeriod[] = [];
  const used = new Set<string>();
  const ordered = [...ledamoter(body)].sort((a, b) => a.order - b.order);
  for (const l of ordered) {
    if (present[l.id]) {
      periods.push({ memberId: l.id, fromIndex });
      used.add(l.id);
    }
  }
  const absent = ordered.filter((l) => !present[l.id]);
  const covered = new Set<string>();
  // First the ersättare who answered the call for that ledamot, so no one else takes them.
  for (const l of absent) {
    const called = meeting.substitutes.find((c) => c.forMemberId === l.id && c.answer === 'ja' && !c.cancelledAt && present[c.askedMemberId] && !used.has(c.askedMemberId));
    if (called) {
      periods.push({ memberId: called.askedMemberId, replacing: l.id, fromIndex });
      used.add(called.askedMemberId);
      covered.add(l.id);
    }
  }
  for (const l of absent) {
    if (covered.has(l.id)) continue;
    const sub = ersattare(body)
      .filter((e) => l.party && e.party?.toLowerCase() === l.party.toLowerCase() && present[e.id] && !used.has(e.id))
      .sort((a, b) => a.order - b.order)[0];
    if (sub) {
      periods.push({ memberId: sub.id, replacing: l.id, fromIndex });
      used.add(sub.id);
    }
  }
  return periods;
}

/** Ends a member's open period at `index`; a period that would cover nothing is dropped. */
function endPeriod(service: ServicePeriod[], pred: (p: ServicePeriod) => boolean, index: number): { service: ServicePeriod[]; ended?: ServicePeriod } {
  const ended = service.find((p) => p.toIndex === undefined && pred(p));
  if (!ended) return { service };
  const rest = service.filter((p) => p !== ended);
  return { service: ended.fromIndex >= index ? rest : [...rest, { ...ended, toIndex: index }], ended };
}

function nameOf(body: Body, id: string): string {
  return body.roster.find((r) => r.id === id)?.name ?? id;
}

/** A late arrival: a ledamot takes over from their ersättare; an ersättare steps in for a ledamot nobody serves for. */
export function arrive(body: Body, meeting: Meeting, member: RosterEntry, at: string): Meeting {
  if (!meeting.attendance.confirmedAt) throw new UserError('Uppropet är inte bekräftat ännu. Markera närvaron på uppropskortet.', 'state');
  if (isHere(meeting, member.id)) throw new UserError(`${member.name} är redan antecknad som närvarande.`, 'state');
  if (hasLeft(meeting, member.id) && meeting.service.some((p) => p.memberId === member.id)) {
    throw new UserError(`${member.name} har lämnat mötet och kan inte tjänstgöra igen (växeltjänstgöring är inte tillåten).`, 'vaxel');
  }
  const index = effectiveIndex(meeting);
  let service = meeting.service;
  if (isLedamotRole(member)) {
    service = endPeriod(service, (p) => p.replacing === member.id, index).service;
    if (index < meeting.items.length) service = [...service, { memberId: member.id, fromIndex: index }];
  } else if (member.role === 'ersättare' && index < meeting.items.length) {
    const seated = new Set(seatedAt(meeting, index));
    const replaced = new Set(meeting.service.filter((p) => p.toIndex === undefined && p.replacing).map((p) => p.replacing));
    const open = ledamoter(body)
      .filter((l) => member.party && l.party?.toLowerCase() === member.party.toLowerCase() && !seated.has(l.id) && !replaced.has(l.id) && !isHere(meeting, l.id))
      .sort((a, b) => a.order - b.order)[0];
    if (open) service = [...service, { memberId: member.id, replacing: open.id, fromIndex: index }];
  }
  return {
    ...meeting,
    service,
    attendance: { ...meeting.attendance, events: [...meeting.attendance.events, { memberId: member.id, kind: 'ankom', atIndex: index, at }] },
  };
}

/** A departure: the member's service ends before the next unhandled item; the next present ersättare of the party steps in. */
export function depart(body: Body, meeting: Meeting, member: RosterEntry, at: string): Meeting {
  if (!meeting.attendance.confirmedAt) throw new UserError('Uppropet är inte bekräftat ännu. Markera närvaron på uppropskortet.', 'state');
  if (!isHere(meeting, member.id)) throw new UserError(`${member.name} är inte antecknad som närvarande.`, 'state');
  const index = effectiveIndex(meeting);
  const { service: afterEnd, ended } = endPeriod(meeting.service, (p) => p.memberId === member.id, index);
  let service = afterEnd;
  const forId = ended?.replacing ?? (isLedamotRole(member) ? member.id : undefined);
  const forMember = forId ? body.roster.find((r) => r.id === forId) : undefined;
  const next: Meeting = {
    ...meeting,
    attendance: { ...meeting.attendance, events: [...meeting.attendance.events, { memberId: member.id, kind: 'lämnade', atIndex: index, at }] },
  };
  if (forMember && ended && index < meeting.items.length) {
    const sub = availableErsattare(body, { ...next, service }, forMember.party, index, new Set([member.id]))[0];
    if (sub) service = [...service, { memberId: sub.id, replacing: forMember.id, fromIndex: index }];
  }
  return { ...next, service };
}

/** Description for chat: "Kenneth Andersson tjänstgör för Anna-Lena Danielsson från § 46." */
export function servingChangeText(body: Body, before: Meeting, after: Meeting): string[] {
  const added = after.service.filter((p) => !before.service.some((q) => q.memberId === p.memberId && q.fromIndex === p.fromIndex));
  return added.map((p) => {
    const para = after.items[p.fromIndex]?.paragraph;
    const from = para !== undefined ? ` från § ${para}` : '';
    return p.replacing ? `${nameOf(body, p.memberId)} tjänstgör för ${nameOf(body, p.replacing)}${from}.` : `${nameOf(body, p.memberId)} tjänstgör${from}.`;
  });
}
