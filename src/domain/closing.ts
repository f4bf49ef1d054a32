/** Avsluta mötet and the next meeting's date ("Nästa möte fredag 18 mars"). Pure. */
import { addYears, format, isValid, parse, parseISO } from 'date-fns';
import { sv } from 'date-fns/locale';
import { meetingDay, type Meeting } from './meeting';
import { assertMove } from './lifecycle';
import { assertNoRunningVote } from './outcome';
import { UserError } from './errors';
import { joinSv } from './sv-text';
import { swedishDate } from './meeting-time';

const WEEKDAY = /^(måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(en)?\s+(den\s+)?/iu;

/**
 * Reads "fredag 18 mars", "18 mars 2022", "2022-03-18" (optionally "… kl. 09.00") as a date after
 * the meeting; undefined when it cannot (the text is kept as given either way). `sameDay`: a date
 * without a year may fall on the reference day itself (a due date "senast 28 februari" given that day).
 */
export function parseNextMeetingDate(text: string, meetingStart: string, opts: { sameDay?: boolean } = {}): string | undefined {
  const after = parseISO(meetingStart.slice(0, 10));
  const t = text.toLocaleLowerCase('sv').replace(/\s+kl\.?.*$/u, '').replace(/[.,]$/, '').trim();
  const iso = t.match(/^\d{4}-\d{2}-\d{2}$/) ? parseISO(t) : undefined;
  if (iso && isValid(iso)) return format(iso, 'yyyy-MM-dd');
  const weekday = t.match(WEEKDAY)?.[1];
  const dayMonth = t.replace(WEEKDAY, '');
  let date = parse(dayMonth, 'd MMMM yyyy', after, { locale: sv });
  if (!isValid(date)) {
    date = parse(dayMonth, 'd MMMM', after, { locale: sv });
    if (!isValid(date)) return undefined;
    if (opts.sameDay ? date < after : date <= after) date = addYears(date, 1);
  }
  // A weekday that does not fit the date means we misread it: keep only the text.
  if (weekday && format(date, 'EEEE', { locale: sv }) !== weekday) return undefined;
  return format(date, 'yyyy-MM-dd');
}

export function setNextMeeting(meeting: Meeting, text: string): Meeting {
  if (meeting.status !== 'pågår' && meeting.status !== 'avslutat') throw new UserError(`Nästa möte anges under eller efter mötet; mötet är ${meeting.status}.`, 'state');
  const clean = text.trim().slice(0, 200);
  if (!clean) throw new UserError('Ange när nästa möte är, t.ex. "nästa möte fredag 18 mars".', 'invalid');
  const date = parseNextMeetingDate(clean, meetingDay(meeting));
  const { nextMeetingDate: _old, ...rest } = meeting;
  return { ...rest, nextMeeting: clean, ...(date ? { nextMeetingDate: date } : {}) };
}

/** Avsluta mötet: pågår → avslutat; open tjänstgöring ends with the last item. */
export function closeMeeting(meeting: Meeting, nextMeeting?: string, closedAt?: string): Meeting {
  assertMove(meeting.status, 'avslutat');
  assertNoRunningVote(meeting, 'mötet avslutas');
  let next: Meeting = { ...meeting, status: 'avslutat', ...(closedAt ? { closedAt } : {}), service: meeting.service.map((p) => (p.toIndex === undefined ? { ...p, toIndex: meeting.items.length } : p)) };
  if (nextMeeting?.trim()) next = setNextMeeting(next, nextMeeting);
  return next;
}

/**
 * The next meeting as the protocol prints it: the text as typed, with the year added when it was
 * left out ("Fredag 18 mars" → "Fredag 18 mars 2022"), so a filed protocol names a day that can be found.
 */
export function nextMeetingText(meeting: Pick<Meeting, 'nextMeeting' | 'nextMeetingDate'>): string | undefined {
  const text = meeting.nextMeeting?.trim();
  const date = meeting.nextMeetingDate;
  if (!date) return text;
  const year = date.slice(0, 4);
  const long = swedishDate(date);
  const capital = long.charAt(0).toLocaleUpperCase('sv') + long.slice(1);
  if (!text) return capital;
  if (/\b\d{4}\b/.test(text)) return text;
  const month = format(parseISO(date), 'MMMM', { locale: sv });
  const withYear = text.replace(new RegExp(`(\\d{1,2}\\s+${month})(?![\\p{L}])`, 'iu'), `$1 ${year}`);
  return withYear !== text ? withYear : `${text} (${long})`;
}

/**
 * The §§ with neither an outcome nor a note ("Övriga frågor: Inga" is handled), as ranges: "§ 47",
 * "§§ 51–52", "§§ 47 och 51–52"; '' when every § has one.
 */
export function paragraphsWithoutOutcome(meeting: Meeting): string {
  const nums = meeting.items.filter((i) => !i.outcome && !i.note).map((i) => i.paragraph).sort((a, b) => a - b);
  if (nums.length === 0) return '';
  const ranges: string[] = [];
  for (let i = 0; i < nums.length; ) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j] + 1) j++;
    ranges.push(j > i ? `${nums[i]}–${nums[j]}` : `${nums[i]}`);
    i = j + 1;
  }
  return `${nums.length === 1 ? '§' : '§§'} ${joinSv(ranges)}`;
}
