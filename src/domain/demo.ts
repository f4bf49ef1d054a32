/**
 * The demo body (local mode only): a samverkan body whose roster is the people of the conversation
 * it is made in, so one newcomer in the Agents Playground can try what each of them would do. Pure.
 */
import type { Body, RosterEntry } from './body';
import { newBody } from './body-setup';
import { parseRoster } from './roster-parser';
import { replaceRoster, type TeamsMember } from './roster';

export const DEMO_BODY_NAME = 'Samråd vård och omsorg (demo)';

/** The Agents Playground's own mock users (its default config): the cast when the member list cannot be read. */
export const PLAYGROUND_USERS: TeamsMember[] = [
  ['user-id-0', 'Alex Wilber'],
  ['user-id-1', 'Megan Bowen'],
  ['user-id-2', 'Adele Vance'],
  ['user-id-3', 'Isaiah Langer'],
  ['user-id-4', 'Patti Fernandez'],
  ['user-id-5', 'Lynne Robbins'],
].map(([id, name], i) => ({ id, name, aadObjectId: `00000000-0000-0000-0000-00000000002${i}` }));

/** The parts, in the order the other members are given them. */
const PARTS = ['(s) Umeå kommun, ordförande', '(m) Region Västerbotten', '(s) Skellefteå kommun', '(m) Region Västerbotten, ersättare', '(s) Lycksele kommun, ersättare', '(m) Lycksele kommun, ersättare'];

/**
 * The secretary (whoever asked for the demo) and up to six others as ordförande, ledamöter and
 * ersättare; every line linked to that person's Teams identity and confirmed, as a secretary would.
 */
export function demoBody(input: { id: string; conversationId: string; secretary: TeamsMember; members: TeamsMember[]; at: string }): Body {
  const others = input.members.filter((m) => m.aadObjectId !== input.secretary.aadObjectId).slice(0, PARTS.length);
  const lines = [...others.map((m, i) => `${m.name} ${PARTS[i]}`), 'Tjänstepersoner:', `${input.secretary.name}, sekreterare`];
  const byName = new Map([...others, input.secretary].map((m) => [m.name, m]));
  const roster = replaceRoster([], parseRoster(lines.join('\n')).entries).map((r): RosterEntry => {
    const m = byName.get(r.name)!;
    return { ...r, aadObjectId: m.aadObjectId, teamsName: m.name, ...(m.id ? { teamsUserId: m.id } : {}), linkConfirmedAt: input.at };
  });
  const body = newBody({
    id: input.id,
    name: DEMO_BODY_NAME,
    conversationId: input.conversationId,
    founder: input.secretary.aadObjectId,
    at: input.at,
    settings: { profile: 'samverkan', diariePrefix: 'HSN', organisations: ['Umeå kommun', 'Region Västerbotten', 'Skellefteå kommun'] },
  });
  return { ...body, roster, demo: true };
}
