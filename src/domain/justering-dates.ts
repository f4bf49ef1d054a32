/**
 * When a protocol (or one § at once) may be justerat: not before the day the meeting was held, and
 * within the body's justering days; a later justering still counts but is marked late. Swedish
 * calendar days throughout. Pure.
 */
import type { Body } from './body';
import { meetingDay, type Meeting } from './meeting';
import { justeringDeadline } from './deadlines';
import { swedishDate, swedishDay } from './meeting-time';
import { UserError } from './errors';

/** A protocol cannot be justerat before the day the meeting was held (Swedish calendar days). */
export function assertNotBeforeMeeting(meeting: Meeting, now: string, what = 'Protokollet'): void {
  const held = meetingDay(meeting);
  if (swedishDay(now) < held) throw new UserError(`${what} kan inte justeras före mötesdagen (${swedishDate(held)}). Inget har ändrats.`, 'too_early');
}

/**
 * The justering deadline when a justering at `now` comes after it (Swedish calendar days), else
 * undefined. Late justering still counts (the protocol must be justerat), but it is recorded and shown.
 */
export function lateJusteringDeadline(body: Body, meeting: Meeting, now: string): string | undefined {
  const deadline = justeringDeadline(meetingDay(meeting), body.justeringDays).date;
  return swedishDay(now) > deadline ? deadline : undefined;
}
