/**
 * Presence per member organisation (huvudman), as a råd keeping minnesanteckningar counts it:
 * which organisations were represented, which have named no representative yet ("Det saknas
 * fortfarande uppgifter från Borlänge och Hedemora", seed 000) and which named one who did not come. Pure.
 */
import type { Body } from './body';
import { organisationKey } from './body-setup';
import { joinSv } from './sv-text';

export interface OrganisationPresence {
  represented: string[];
  /** No representative on the roster. */
  notNamed: string[];
  /** Representatives on the roster, none present. */
  absent: string[];
}

export function organisationPresence(body: Body, isPresent: (memberId: string) => boolean): OrganisationPresence {
  const reps = body.roster.filter((r) => r.role !== 'tjänsteperson' && r.organisation);
  const of = (org: string) => reps.filter((r) => organisationKey(r.organisation!) === organisationKey(org));
  const out: OrganisationPresence = { represented: [], notNamed: [], absent: [] };
  for (const org of body.organisations) {
    const named = of(org);
    if (named.length === 0) out.notNamed.push(org);
    else if (named.some((r) => isPresent(r.id))) out.represented.push(org);
    else out.absent.push(org);
  }
  return out;
}

/** "Närvarande från 14 av 16 organisationer." and what is missing; empty without organisations. */
export function organisationPresenceLines(p: OrganisationPresence): string[] {
  const total = p.represented.length + p.notNamed.length + p.absent.length;
  if (total === 0) return [];
  const lines = [`Närvarande från ${p.represented.length} av ${total} organisationer.`];
  if (p.notNamed.length) lines.push(`Det saknas fortfarande uppgifter om representanter från ${joinSv(p.notNamed)}.`);
  if (p.absent.length) lines.push(`Ingen representant från ${joinSv(p.absent)} var närvarande.`);
  return lines;
}
