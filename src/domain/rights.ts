import type { Body } from './body';
import { isSecretary, memberByAad } from './body';
import type { Meeting } from './meeting';
import { NotAllowedError } from './errors';

/** The parts a person can have in a body and a meeting; rights are granted to these, never to names. */
export type Party =
  | 'sekreterare'
  | 'ordförande'
  | 'justerare'
  | 'ledamot'
  | 'ersättare'
  | 'tjänsteperson'
  /** anyone on the roster (linked to their Teams identity) */
  | 'medlem'
  /** anyone in the conversation */
  | 'alla';

export function partiesOf(body: Body | undefined, meeting: Meeting | undefined, aadObjectId: string): Set<Party> {
  const parties = new Set<Party>(['alla']);
  if (!body) return parties;
  if (isSecretary(body, aadObjectId)) parties.add('sekreterare');
  const entry = memberByAad(body, aadObjectId);
  if (entry) {
    parties.add('medlem');
    if (entry.role === 'ordförande') parties.add('ordförande');
    if (entry.role === 'ordförande' || entry.role === 'vice ordförande' || entry.role === 'ledamot') parties.add('ledamot');
    if (entry.role === 'ersättare') parties.add('ersättare');
    if (entry.role === 'tjänsteperson') parties.add('tjänsteperson');
    if (meeting?.justerare.includes(entry.id)) parties.add('justerare');
  }
  return parties;
}

/**
 * Whether one of the caller's parts may do an action, given who the action lets in (its declaration,
 * src/actions). An action that declares no one is refused for everyone, so nothing slips through unguarded.
 */
export function allowed(who: readonly Party[] | undefined, parties: Set<Party>): boolean {
  return Boolean(who && who.some((p) => parties.has(p)));
}

const WHO: Record<Party, string> = {
  sekreterare: 'sekreteraren',
  ordförande: 'ordföranden',
  justerare: 'justerarna',
  ledamot: 'ledamöterna',
  ersättare: 'ersättarna',
  tjänsteperson: 'tjänstepersonerna',
  medlem: 'organets ledamöter, ersättare och tjänstepersoner',
  alla: 'alla',
};

/** "ledamöterna, ersättarna eller ordföranden": one "eller", before the last. */
const orSv = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} eller ${items[items.length - 1]}`);

/** Throws a Swedish refusal naming who may do it. */
export function authorize(who: readonly Party[] | undefined, parties: Set<Party>): void {
  if (allowed(who, parties)) return;
  const names = (who ?? []).map((p) => WHO[p]);
  throw new NotAllowedError(names.length ? `Det här får bara ${orSv(names)} göra.` : 'Den här åtgärden är inte tillåten.');
}
