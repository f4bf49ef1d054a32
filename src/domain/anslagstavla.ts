/**
 * The digital anslagstavla (KL 8 kap. 9–12 §§): one notice per justerat protocol whose anslag is up.
 * An entry is the anslagsbevis's facts and nothing else (the §§ by number only, never a title, which
 * may be covered by sekretess), fixed when the secretary records the anslag. Pure.
 */
import type { Body } from './body';
import type { Meeting } from './meeting';
import { anslagsbevisOf, type Anslagsbevis } from './protocol/anslagsbevis';

/**
 * The anslagsbevis's facts (calendar days in Swedish time; `version` is the locked version whose
 * public version the entry links; `recordedAt` the feed's "updated"), without the kontrollsumma,
 * and where the meeting is.
 */
export type AnslagEntry = Omit<Anslagsbevis, 'contentHash'> & { bodyId: string; meetingId: string };

/** The entry of a meeting whose anslag is recorded; undefined for bodies without anslag (samverkan, minnesanteckningar). */
export function anslagEntryOf(body: Body, meeting: Meeting): AnslagEntry | undefined {
  const b = anslagsbevisOf(body, meeting);
  if (!b) return undefined;
  // Every fact but the kontrollsumma: the public side links the public version, not the complete one.
  const { contentHash: _complete, ...facts } = b;
  return { ...facts, bodyId: body.id, meetingId: meeting.id };
}

/**
 * Whether the anslag is up on `today` (a Swedish calendar day): from the day it was put up through
 * the day it comes down. Keeping it on the take-down day itself errs on the side of the public: the
 * appeal period has ended the day before, and nobody loses a day.
 */
export function isUp(e: AnslagEntry, today: string): boolean {
  return e.anslagDate <= today && today <= e.takenDownDate;
}

/** The entries up today, newest anslag first, optionally one organ's only. */
export function currentEntries(all: AnslagEntry[], today: string, bodyId?: string): AnslagEntry[] {
  return all
    .filter((e) => isUp(e, today) && (!bodyId || e.bodyId === bodyId))
    .sort((a, b) => b.anslagDate.localeCompare(a.anslagDate) || a.bodyName.localeCompare(b.bodyName, 'sv') || b.meetingDate.localeCompare(a.meetingDate));
}
