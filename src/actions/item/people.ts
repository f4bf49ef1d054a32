import type { Body, RosterEntry } from '../../domain/body';
import { findMember } from '../../domain/names';

/** A typed name looked up among the roster's ledamöter and ersättare (tjänstepersoner do not vote, reserve or declare jäv). */
export const rosterMember = (body: Body, name: string): RosterEntry => findMember(body, name, body.roster.filter((r) => r.role !== 'tjänsteperson'));
