/**
 * § numbers run on through the year in the order of the meetings' dates, not the order they were
 * created: a June meeting created after December's takes §§ 1–5 and December's list moves on to
 * §§ 6–13 — if it is still only planerat. A meeting already kallad (or held) keeps its numbers: the
 * kallelse with them has gone out, so the secretary is told instead of having it changed silently. Pure.
 */
import type { Meeting } from './meeting';
import { renumber } from './agenda';

type Dated = Pick<Meeting, 'id' | 'start' | 'items' | 'status' | 'createdAt'> & Partial<Pick<Meeting, 'nextMeeting'>>;

const yearOf = (m: Pick<Meeting, 'start'>) => m.start.slice(0, 4);
const before = (a: Dated, b: Pick<Meeting, 'start'> & { createdAt?: string }) => a.start < b.start || (a.start === b.start && a.createdAt < (b.createdAt ?? '\uffff'));
// A recorded next meeting without its own item is printed as the § after the last, which is then taken.
const last = (m: Dated) => Math.max(0, ...m.items.map((i) => i.paragraph)) + (m.nextMeeting && !m.items.some((i) => i.standard === 'nästa möte') ? 1 : 0);
const first = (m: Dated) => Math.min(...m.items.map((i) => i.paragraph));

/** "§§ 6–13", "§ 6". */
export function paragraphSpan(from: number, to: number): string {
  return from === to ? `§ ${from}` : `§§ ${from}–${to}`;
}

/** The first free § for a meeting on `start`: after the last § of the year's meetings dated before it. */
export function firstParagraphOn(meetings: Dated[], start: string, excludeId?: string): number {
  const earlier = meetings.filter((m) => m.id !== excludeId && yearOf(m) === start.slice(0, 4) && before(m, { start }));
  return Math.max(0, ...earlier.map(last)) + 1;
}

export interface Renumbering {
  meetingId: string;
  date: string;
  /** The meeting's first § after renumbering. */
  from: number;
  to: number;
}

export interface KeptNumbers {
  meetingId: string;
  date: string;
  status: Meeting['status'];
  current: string;
  wouldBe: string;
}

/**
 * What the year's later meetings need once `added` is in: each planerat meeting whose §§ would
 * overlap those before it moves on (renumbered consecutively); a kallat or held one is kept and reported.
 */
export function laterRenumbering(meetings: Dated[], added: Dated): { renumber: Renumbering[]; kept: KeptNumbers[] } {
  const later = meetings
    .filter((m) => m.id !== added.id && yearOf(m) === yearOf(added) && m.items.length > 0 && before(added, m))
    .sort((a, b) => (before(a, b) ? -1 : 1));
  const out = { renumber: [] as Renumbering[], kept: [] as KeptNumbers[] };
  let prev = last(added);
  for (const m of later) {
    const n = m.items.length;
    if (first(m) > prev) {
      prev = last(m);
      continue;
    }
    const date = m.start.slice(0, 10);
    if (m.status === 'planerat') {
      out.renumber.push({ meetingId: m.id, date, from: prev + 1, to: prev + n });
      prev += n;
    } else {
      out.kept.push({ meetingId: m.id, date, status: m.status, current: paragraphSpan(first(m), last(m)), wouldBe: paragraphSpan(prev + 1, prev + n) });
      prev = Math.max(prev + n, last(m));
    }
  }
  return out;
}

/** Renumbers a planerat meeting's list from `from`; any other meeting is returned unchanged. */
export function renumberPlanned<M extends Meeting>(meeting: M, from: number): M {
  if (meeting.status !== 'planerat') return meeting;
  return { ...meeting, items: renumber(meeting.items, from) };
}

/** The secretary's notice: what moved, and what was kept and why. */
export function renumberingText(r: { renumber: Renumbering[]; kept: KeptNumbers[] }): string {
  const moved = r.renumber.map((x) => `Mötet ${x.date} kommer efter det nya mötet och har fått ${paragraphSpan(x.from, x.to)}.`);
  const kept = r.kept.map(
    (x) => `Mötet ${x.date} är redan ${x.status === 'kallat' ? 'kallat' : 'hållet'} med ${x.current} och numreras inte om; i datumordning skulle det ha ${x.wouldBe}. Ändra numren själv${x.status === 'kallat' ? ' och skicka kallelsen igen' : ''} om de ska följa datumordningen.`,
  );
  return [...moved, ...kept].join('\n');
}
