/** Who gets a reminder about an unanswered kallelse, and when. Pure. */
import { ledamoter, type Body, type RosterEntry } from './body';
import type { Meeting } from './meeting';
import { DEFAULT_REMINDER_DAYS } from './body-setup';
import { subDays } from 'date-fns';
import { TZDate } from '@date-fns/tz';
import { SWEDISH_ZONE } from './meeting-time';

/** Due from N days before the start until the start; only kallade meetings. */
export function reminderDue(body: Body, meeting: Meeting, startsAt: Date, now: Date): boolean {
  if (meeting.status !== 'kallat') return false;
  const days = body.reminderDays ?? DEFAULT_REMINDER_DAYS;
  // Calendar days in Sweden: "two days before" 09.00 is 09.00, across a summer-time switch too.
  const from = subDays(new TZDate(startsAt.getTime(), SWEDISH_ZONE), days).getTime();
  return now.getTime() >= from && now.getTime() < startsAt.getTime();
}

/** Linked ledamöter who have not answered. */
export function toRemind(body: Body, meeting: Meeting): RosterEntry[] {
  return ledamoter(body).filter((r) => r.aadObjectId && !meeting.rsvps[r.id]);
}
