/**
 * Swedish time, the only time a person reads. Two kinds of value:
 * * meeting times, stored as Swedish wall-clock time without offset ("2021-12-17T09:00"), the way a
 *   kallelse states them; formatted as they are;
 * * instants (when something was done), stored as ISO UTC ("2021-12-17T08:05:00.000Z"); shown and
 *   compared by their Swedish calendar day and clock, through @date-fns/tz (summer time included).
 * "Today" is always the Swedish calendar day: 23:30 UTC on a winter day is already tomorrow.
 */
import { format, parseISO } from 'date-fns';
import { sv } from 'date-fns/locale';
import { TZDate, tz } from '@date-fns/tz';

export const SWEDISH_ZONE = 'Europe/Stockholm';
const SWEDEN = tz(SWEDISH_ZONE);

/** "fredag 17 december 2021" (a meeting time or a calendar day "2021-12-17"). */
export function swedishDate(local: string): string {
  return format(parseISO(local), 'EEEE d MMMM yyyy', { locale: sv });
}

/** "09.00" */
export function swedishClock(local: string): string {
  return format(parseISO(local), 'HH.mm');
}

/** "fredag 17 december 2021 kl. 09.00–12.00" */
export function swedishDateTime(start: string, end?: string): string {
  return `${swedishDate(start)} kl. ${swedishClock(start)}${end ? `–${swedishClock(end)}` : ''}`;
}

/** The instant a Swedish wall-clock time stands for. */
export function stockholmToDate(local: string): Date {
  const m = local.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/);
  if (!m) throw new Error(`not a local date-time: ${local}`);
  return new Date(new TZDate(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], SWEDISH_ZONE).getTime());
}

const instant = (at: Date | string) => (typeof at === 'string' ? new Date(at) : at);

/** The Swedish calendar day of an instant: "2021-12-17". */
export function swedishDay(at: Date | string): string {
  return format(instant(at), 'yyyy-MM-dd', { in: SWEDEN });
}

/** An instant's Swedish wall-clock time as a meeting time is stored: "2021-12-17T09:05". */
export function swedishLocal(at: Date | string): string {
  return format(instant(at), "yyyy-MM-dd'T'HH:mm", { in: SWEDEN });
}

/** An instant as protocols print it: "2021-12-17 kl. 10.05" (Swedish time). */
export function swedishMinute(at: Date | string): string {
  return format(instant(at), "yyyy-MM-dd 'kl.' HH.mm", { in: SWEDEN });
}

/** An instant for running text on cards and the tab: "17 dec. 2021 10:05" (Swedish time). */
export function swedishInstant(at: Date | string): string {
  const d = instant(at);
  if (Number.isNaN(d.getTime())) return String(at);
  return format(d, 'd MMM yyyy HH:mm', { locale: sv, in: SWEDEN });
}
