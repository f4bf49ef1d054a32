import type { MeetingStatus } from './meeting';
import { UserError } from './errors';

/** The meeting lifecycle as an explicit graph: a status may only move to one of its neighbours. */
const NEXT: Record<MeetingStatus, MeetingStatus[]> = {
  planerat: ['kallat', 'pågår'],
  kallat: ['pågår'],
  pågår: ['avslutat'],
  avslutat: ['protokollutkast', 'pågår'],
  protokollutkast: ['under justering', 'protokollutkast'],
  'under justering': ['justerat', 'protokollutkast'],
  justerat: ['anslaget', 'protokollutkast'],
  anslaget: ['laga kraft'],
  'laga kraft': [],
};

export function canMove(from: MeetingStatus, to: MeetingStatus): boolean {
  return NEXT[from].includes(to);
}

export function assertMove(from: MeetingStatus, to: MeetingStatus): void {
  if (!canMove(from, to)) throw new UserError(`Mötet är ${from} och kan inte bli ${to}.`, 'state');
}

/** Before the meeting starts, the list can still be changed; after justering nothing can. */
export function agendaEditable(status: MeetingStatus): boolean {
  return status === 'planerat' || status === 'kallat';
}

export function recordingOpen(status: MeetingStatus): boolean {
  return status === 'pågår';
}

export function isLocked(status: MeetingStatus): boolean {
  return status === 'justerat' || status === 'anslaget' || status === 'laga kraft';
}
