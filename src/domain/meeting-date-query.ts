/**
 * Which meeting a secretary means by a date ("protokoll 2026-12-18", "protokoll 18 december"), and
 * which meeting was closed last, so `protokoll` drafts the meeting just closed, not the latest-dated
 * one. Pure.
 */
import { format, isValid, parse } from 'date-fns';
import { sv } from 'date-fns/locale';
import { meetingDay, type Meeting } from './meeting';
import { UserError } from './errors';

export type DateQuery = { date: string } | { monthDay: string; text: string };

/** "2026-12-18" → that day; "18 december" → that day in any year; "18 december 2026" → that day. */
export function parseDateQuery(text: string): DateQuery {
  const t = text.trim().toLocaleLowerCase('sv').replace(/[.,]$/, '').replace(/^den\s+/, '');
  const full = /^\d{4}-\d{2}-\d{2}$/.test(t) ? parse(t, 'yyyy-MM-dd', new Date(2000, 0, 1)) : parse(t, 'd MMMM yyyy', new Date(2000, 0, 1), { locale: sv });
  if (isValid(full)) return { date: format(full, 'yyyy-MM-dd') };
  // A leap year as reference, so "29 februari" is a day.
  const dm = parse(t, 'd MMMM', new Date(2000, 0, 1), { locale: sv });
  if (isValid(dm)) return { monthDay: format(dm, 'MM-dd'), text: text.trim() };
  throw new UserError(`"${text.trim().slice(0, 40)}" är inget datum jag kan läsa. Skriv till exempel "protokoll 2026-12-18" eller "protokoll 18 december".`, 'invalid');
}

/** The meetings held that day; for a day without a year, the latest year with one. */
export function meetingsOn(meetings: Meeting[], q: DateQuery): Meeting[] {
  // The day it was held (a meeting started on another day than booked) or the day it was booked for.
  if ('date' in q) return meetings.filter((m) => meetingDay(m) === q.date || m.start.slice(0, 10) === q.date);
  const same = meetings.filter((m) => m.start.slice(5, 10) === q.monthDay);
  const latestYear = same.map((m) => m.start.slice(0, 4)).sort().pop();
  return same.filter((m) => m.start.slice(0, 4) === latestYear);
}

/**
 * The meeting closed last. Meetings closed before closedAt was recorded were closed before any that
 * has it, and among themselves count by their start.
 */
export function lastClosed(meetings: Meeting[]): Meeting | undefined {
  const key = (m: Meeting) => (m.closedAt ? `1|${m.closedAt}` : `0|${m.start}`);
  return [...meetings].sort((a, b) => key(a).localeCompare(key(b))).pop();
}
