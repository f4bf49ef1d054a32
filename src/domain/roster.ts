/**
 * Replacing a body's roster and linking roster entries to Teams identities. Pure.
 * Ids stay stable for the same name across re-pastes, and so does an existing link.
 */
import type { Body, FormerRosterEntry, RosterEntry } from './body';
import type { ParsedRosterEntry } from './roster-parser';

export interface TeamsMember {
  aadObjectId: string;
  /** "29:…", for Adaptive Card refresh.userIds. */
  id?: string;
  name: string;
}

const key = (name: string) => name.trim().toLowerCase();

/**
 * `former` are entries removed earlier: someone who comes back gets their old id (and link), and
 * a new person never gets the id of someone removed, which past meetings still refer to.
 */
export function replaceRoster(old: RosterEntry[], parsed: ParsedRosterEntry[], former: RosterEntry[] = []): RosterEntry[] {
  const byName = new Map([...former, ...old].map((r) => [key(r.name), r]));
  let next = Math.max(0, ...[...old, ...former].map((r) => Number(r.id.replace(/^r/, '')) || 0));
  return parsed.map((p, order) => {
    const prev = byName.get(key(p.name));
    const entry: RosterEntry = { id: prev?.id ?? `r${++next}`, name: p.name, role: p.role, order };
    if (p.party) entry.party = p.party;
    if (p.organisation) entry.organisation = p.organisation;
    if (p.secretary) entry.secretary = true;
    if (p.title) entry.title = p.title;
    if (prev?.aadObjectId) entry.aadObjectId = prev.aadObjectId;
    if (prev?.teamsUserId) entry.teamsUserId = prev.teamsUserId;
    return entry;
  });
}

/** The body's former entries after its roster became `next`: those dropped now join, those back leave. */
export function retireRemoved(body: Body, next: RosterEntry[], at: string): FormerRosterEntry[] {
  const kept = new Set(next.map((r) => r.id));
  const gone = body.roster.filter((r) => !kept.has(r.id)).map((r) => ({ ...r, removedAt: at }));
  const goneIds = new Set(gone.map((r) => r.id));
  return [...(body.formerRoster ?? []).filter((f) => !kept.has(f.id) && !goneIds.has(f.id)), ...gone];
}

/**
 * Links unlinked entries to Teams members with exactly the same display name. A name shared by
 * two members, or an identity already linked to another entry, is left alone: rights must never
 * follow a guess.
 */
export function linkByDisplayName(roster: RosterEntry[], members: TeamsMember[]): RosterEntry[] {
  const counts = new Map<string, number>();
  for (const m of members) counts.set(m.name.trim(), (counts.get(m.name.trim()) ?? 0) + 1);
  const taken = new Set(roster.map((r) => r.aadObjectId).filter(Boolean));
  return roster.map((r) => {
    if (r.aadObjectId) return r;
    const m = members.find((x) => x.name.trim() === r.name && counts.get(x.name.trim()) === 1);
    if (!m || taken.has(m.aadObjectId)) return r;
    if (roster.filter((x) => x.name === r.name).length > 1) return r;
    taken.add(m.aadObjectId);
    return { ...r, aadObjectId: m.aadObjectId, ...(m.id ? { teamsUserId: m.id } : {}) };
  });
}

/** The unlinked entry that has exactly this display name, if the caller is not linked yet. */
export function linkCandidate(body: Body, caller: TeamsMember): RosterEntry | undefined {
  if (body.roster.some((r) => r.aadObjectId === caller.aadObjectId)) return undefined;
  const matches = body.roster.filter((r) => !r.aadObjectId && r.name === caller.name.trim());
  return matches.length === 1 ? matches[0] : undefined;
}

export function linkEntry(body: Body, entryId: string, caller: TeamsMember): Body {
  if (body.roster.some((r) => r.aadObjectId === caller.aadObjectId)) return body;
  return {
    ...body,
    roster: body.roster.map((r) => (r.id === entryId && !r.aadObjectId ? { ...r, aadObjectId: caller.aadObjectId, ...(caller.id ? { teamsUserId: caller.id } : {}) } : r)),
  };
}

export function unlinked(roster: RosterEntry[]): RosterEntry[] {
  return roster.filter((r) => !r.aadObjectId);
}

/** Erasure: a former entry keeps its name (past protocols name it) but loses its Teams identity and user id. */
export function unlinkFormer(body: Body, aadObjectId: string): { body: Body; unlinked: number } {
  let unlinked = 0;
  const formerRoster = (body.formerRoster ?? []).map((f) => {
    if (f.aadObjectId !== aadObjectId) return f;
    unlinked++;
    const { aadObjectId: _a, teamsUserId: _t, ...rest } = f;
    return rest;
  });
  return { body: unlinked ? { ...body, formerRoster } : body, unlinked };
}
