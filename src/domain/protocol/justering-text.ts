/**
 * The justering block's lines, the same in Markdown and DOCX: when each approval was given (Swedish
 * time) and, for a justering after the deadline, that it was late. Pure.
 */
import { swedishDate } from '../meeting-time';
import { swedishMinute } from '../meeting-time';
import type { Seal } from './model';

/** "Justerat 2021-12-20 kl. 10.05 av Carin Nilsson (version 1)" (the name given already escaped, or none); ", efter fristen" when late. */
export function approvalLine(a: Seal['approvals'][number], version: number, name?: string): string {
  return `Justerat ${swedishMinute(a.at)}${name ? ` av ${name}` : ''} (version ${version})${a.late ? ', efter fristen' : ''}`;
}

/** "Protokollet (version 1) låstes 2021-12-20 kl. 10.05." */
export function lockedLine(seal: Seal): string {
  return `Protokollet (version ${seal.version}) låstes ${swedishMinute(seal.lockedAt!)}.`;
}

/** "Justeringen skedde efter fristen: protokollet skulle ha justerats senast fredag 31 december 2021." */
export function lateLine(seal: Pick<Seal, 'lateJustering'>): string | undefined {
  return seal.lateJustering ? `Justeringen skedde efter fristen: protokollet skulle ha justerats senast ${swedishDate(seal.lateJustering.deadline)}.` : undefined;
}
