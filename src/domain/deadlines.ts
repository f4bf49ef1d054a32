/**
 * The dates that follow a meeting: when the protocol must be justerat, when the justerare are
 * reminded, and for kommunallagen bodies the anslag and the last day to appeal. Pure; all dates are
 * calendar dates "yyyy-MM-dd" in Swedish time.
 *
 * Rule for days that are not working days (one rule, used for every deadline here): lagen
 * (1930:173) om beräkning av lagstadgad tid says that when the last day of a period set by law
 * falls on a Saturday, a Sunday, another allmän helgdag, midsommarafton, julafton or nyårsafton,
 * the step may still be taken on the next vardag. So such a deadline moves to the next working
 * day, and the card says that the plain count fell on a non-working day. The eves are counted as
 * non-working because that law names them (date-holidays types them "bank", not "public").
 */
import { addDays, format, getDay, parseISO } from 'date-fns';
import { sv } from 'date-fns/locale';
import Holidays from 'date-holidays';
import { TZDate } from '@date-fns/tz';
import { SWEDISH_ZONE, swedishDate } from './meeting-time';

const holidays = new Holidays('SE');
/** The eves lagen (1930:173) puts on a par with helgdagar. */
const EVES = new Set(['midsommarafton', 'julafton', 'nyårsafton']);

const iso = (d: Date) => format(d, 'yyyy-MM-dd');
const day = (s: string) => parseISO(s.slice(0, 10));

// date-holidays works out the whole year's rules on every call (a third of justera's time); the
// answer for a date never changes, so each is worked out once.
const reasons = new Map<string, string | undefined>();

/** Why a date is not a working day ("lördag", "juldagen"), or undefined when it is one. */
export function nonWorkingReason(date: string): string | undefined {
  const key = date.slice(0, 10);
  if (reasons.has(key)) return reasons.get(key);
  if (reasons.size > 10_000) reasons.clear();
  const reason = workOutReason(key);
  reasons.set(key, reason);
  return reason;
}

function workOutReason(date: string): string | undefined {
  const d = day(date);
  // Noon of that day in Stockholm, whatever the server's own time zone.
  const found = (holidays.isHoliday(new TZDate(d.getFullYear(), d.getMonth(), d.getDate(), 12, SWEDISH_ZONE)) || []).find((h) => h.type === 'public' || EVES.has(h.name));
  if (found) return found.name;
  const wd = getDay(d);
  if (wd === 0 || wd === 6) return format(d, 'EEEE', { locale: sv });
  return undefined;
}

export const isWorkingDay = (date: string): boolean => nonWorkingReason(date) === undefined;

export interface Deadline {
  /** The day the deadline falls on, after moving off non-working days. */
  date: string;
  /** The plain count, before moving. */
  counted: string;
  /** Set when the plain count fell on a non-working day: its name ("lördag", "juldagen"). */
  movedFrom?: string;
}

/** `days` calendar days after `from`; moved to the next working day when it lands on a non-working one. */
export function deadlineAfter(from: string, days: number): Deadline {
  const counted = iso(addDays(day(from), days));
  const reason = nonWorkingReason(counted);
  if (!reason) return { date: counted, counted };
  let d = counted;
  while (!isWorkingDay(d)) d = iso(addDays(day(d), 1));
  return { date: d, counted, movedFrom: reason };
}

/** Justering no later than `justeringDays` after the meeting (kommunallagen: 14). */
export function justeringDeadline(meetingDate: string, justeringDays: number): Deadline {
  return deadlineAfter(meetingDate, justeringDays);
}

/** Reminders to justerare who have not acted: two days before the deadline and on the day. */
export function justeringReminderDays(deadline: Deadline): { kind: 'två dagar före' | 'sista dagen'; date: string }[] {
  return [
    { kind: 'två dagar före', date: iso(addDays(day(deadline.date), -2)) },
    { kind: 'sista dagen', date: deadline.date },
  ];
}

/** Anslag "senast andra dagen efter justeringen" (KL 8 kap. 12 §), moved off non-working days by the same rule. */
export function anslagDeadline(justeradDate: string): Deadline {
  return deadlineAfter(justeradDate, 2);
}

/** Three weeks from the day of anslag (KL 13 kap. 5 §); the last day moves to the next working day. */
export function appealDeadline(anslagDate: string): Deadline {
  return deadlineAfter(anslagDate, 21);
}

/** The anslag may come down once the appeal period is over: the day after its last day. */
export function anslagTakenDown(anslagDate: string): string {
  return iso(addDays(day(appealDeadline(anslagDate).date), 1));
}

/** A line for a card: "fredag 31 december 2021" or "måndag 27 december 2021 (25 december är juldagen, inte en arbetsdag)". */
export function describeDeadline(d: Deadline): string {
  if (!d.movedFrom) return swedishDate(d.date);
  return `${swedishDate(d.date)} (${format(day(d.counted), 'd MMMM', { locale: sv })} är ${d.movedFrom}, inte en arbetsdag, så fristen flyttas till nästa arbetsdag)`;
}
