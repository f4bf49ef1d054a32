/**
 * Meeting times are stored as Swedish wall-clock time without offset ("2021-12-17T09:00"), the
 * way a kallelse states them. Formatting uses the wall clock as is; comparisons with "now" convert
 * through Europe/Stockholm (Intl, no I/O) so summer time is right.
 */
import { format, parseISO } from 'date-fns';
import { sv } from 'date-fns/locale';

const ZONE = 'Europe/Stockholm';

/** "fredag 17 december 2021" */
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

// Made once: building an Intl formatter costs far more than using it.
const STOCKHOLM = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function offsetMs(utcMs: number): number {
  const parts = STOCKHOLM.formatToParts(new Date(utcMs));
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - utcMs;
}

/** The instant a Swedish wall-clock time stands for. */
export function stockholmToDate(local: string): Date {
  const m = local.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/);
  if (!m) throw new Error(`not a local date-time: ${local}`);
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  let utc = wall - offsetMs(wall);
  utc = wall - offsetMs(utc);
  return new Date(utc);
}
