/**
 * Starta mötet: kallat (or planerat) → pågår, on the day the meeting was booked for. Starting it on
 * another day needs the secretary's confirmation for that very day; the start then records the
 * real day, which becomes the meeting's date in the protocol (meetingDay). Pure.
 */
import { meetingDay, type Meeting } from './meeting';
import { assertMove } from './lifecycle';
import { UserError } from './errors';
import { swedishDate, swedishDay } from './meeting-time';

/** Starting on another day than booked, unconfirmed: the question to ask, with both days. */
export class StartDayQuestion extends UserError {
  constructor(readonly booked: string, readonly today: string) {
    super(`Mötet är bokat till ${swedishDate(booked)}. Vill du starta det i dag, ${swedishDate(today)}?`, 'confirm');
  }
}

/** The question to ask before starting `meeting` at `now`, or undefined when it is the booked day (or already on). */
export function startDayQuestion(meeting: Meeting, now: string): StartDayQuestion | undefined {
  // Only a first start asks: a meeting reopened after Avsluta keeps the day it was held.
  if (meeting.status !== 'planerat' && meeting.status !== 'kallat') return undefined;
  const booked = meeting.start.slice(0, 10);
  const today = swedishDay(now);
  return booked === today ? undefined : new StartDayQuestion(booked, today);
}

/**
 * Starts the meeting at `now`. `confirmedDay` is the Swedish day the secretary confirmed starting
 * on; a confirmation given for another day (an old card pressed later) asks again. Already started: unchanged.
 */
export function startMeeting(meeting: Meeting, now: string, confirmedDay?: string): Meeting {
  if (meeting.status === 'pågår') return meeting;
  const question = startDayQuestion(meeting, now);
  if (question && confirmedDay !== question.today) throw question;
  assertMove(meeting.status, 'pågår');
  return { ...meeting, status: 'pågår', startedAt: meeting.startedAt ?? now };
}

/** The audit log's line for a start: says when the meeting was held on another day than booked. */
export function startSummary(m: Meeting): string {
  const held = meetingDay(m);
  const booked = m.start.slice(0, 10);
  return held === booked ? 'Mötet startade' : `Mötet startade ${swedishDate(held)}, fast det var bokat till ${swedishDate(booked)}; protokollet anger ${held} som mötesdag`;
}
