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

/**
 * The complete protocol and its public version are fixed together at locking, and each names the
 * other's kontrollsumma: "Den offentliga versionens kontrollsumma (SHA-256): …". Empty when neither is set.
 */
export function pairedHashText(seal: Pick<Seal, 'publicHash' | 'completeHash'>): string {
  if (seal.completeHash) return `Det fullständiga protokollets kontrollsumma (SHA-256): ${seal.completeHash}`;
  if (seal.publicHash) return `Den offentliga versionens kontrollsumma (SHA-256): ${seal.publicHash}`;
  return '';
}

/** "Justeringen skedde efter fristen: protokollet skulle ha justerats senast fredag 31 december 2021." */
export function lateLine(seal: Pick<Seal, 'lateJustering'>): string | undefined {
  return seal.lateJustering ? `Justeringen skedde efter fristen: protokollet skulle ha justerats senast ${swedishDate(seal.lateJustering.deadline)}.` : undefined;
}
