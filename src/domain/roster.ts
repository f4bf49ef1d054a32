/**
 * Replacing a body's roster and linking roster entries to Teams identities. Pure.
 * Ids stay stable for the same name across re-pastes, and so does an existing link.
 */
import type { Body, FormerRosterEntry, RosterEntry, UndoneLink } from './body';
import type { ParsedRosterEntry } from './roster-parser';
import { NotAllowedError, NotFoundError, UserError } from './errors';

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
    if (prev?.teamsName) entry.teamsName = prev.teamsName;
    if (prev?.linkConfirmedAt) entry.linkConfirmedAt = prev.linkConfirmedAt;
    return entry;
  });
}

/** Whether the secretary undid a link of this identity to an entry of this name. */
export function wasUndone(undone: UndoneLink[] | undefined, name: string, aadObjectId: string): boolean {
  return Boolean(undone?.some((u) => u.aadObjectId === aadObjectId && key(u.name) === key(name)));
}

function linked(r: RosterEntry, m: TeamsMember): RosterEntry {
  const { linkConfirmedAt: _confirmed, ...rest } = r;
  return { ...rest, aadObjectId: m.aadObjectId, teamsName: m.name.trim(), ...(m.id ? { teamsUserId: m.id } : {}) };
}

/** The body's former entries after its roster became `next`: those dropped now join, those back leave. */
export function retireRemoved(body: Body, next: RosterEntry[], at: string): FormerRosterEntry[] {
  const kept = new Set(next.map((r) => r.id));
  const gone = body.roster.filter((r) => !kept.has(r.id)).map((r) => ({ ...r, removedAt: at }));
  const goneIds = new Set(gone.map((r) => r.id));
  return [...(body.formerRoster ?? []).filter((f) => !kept.has(f.id) && !goneIds.has(f.id)), ...gone];
}

/**
 * Links unlinked entries to members of the body's conversation with exactly the same display
 * name. `members` must be the conversation's member list as Teams gives it: a name alone never
 * links anyone. A name shared by two members, an identity already linked to another entry, or a
 * link the secretary undid, is left alone: rights must never follow a guess.
 */
export function linkByDisplayName(roster: RosterEntry[], members: TeamsMember[], undone?: UndoneLink[]): RosterEntry[] {
  const counts = new Map<string, number>();
  for (const m of members) counts.set(m.name.trim(), (counts.get(m.name.trim()) ?? 0) + 1);
  const taken = new Set(roster.map((r) => r.aadObjectId).filter(Boolean));
  return roster.map((r) => {
    if (r.aadObjectId) return r;
    const m = members.find((x) => x.name.trim() === r.name && counts.get(x.name.trim()) === 1);
    if (!m || taken.has(m.aadObjectId) || wasUndone(undone, r.name, m.aadObjectId)) return r;
    if (roster.filter((x) => x.name === r.name).length > 1) return r;
    taken.add(m.aadObjectId);
    return linked(r, m);
  });
}

/**
 * The unlinked entry that has exactly this member's display name, if the member is not linked
 * yet and the secretary has not undone that link. `member` must come from the conversation's
 * member list, not from what an activity says its sender is called.
 */
export function linkCandidate(body: Body, member: TeamsMember): RosterEntry | undefined {
  if (body.roster.some((r) => r.aadObjectId === member.aadObjectId)) return undefined;
  const matches = body.roster.filter((r) => !r.aadObjectId && r.name === member.name.trim());
  if (matches.length !== 1 || wasUndone(body.undoneLinks, matches[0].name, member.aadObjectId)) return undefined;
  return matches[0];
}

export function linkEntry(body: Body, entryId: string, member: TeamsMember): Body {
  if (body.roster.some((r) => r.aadObjectId === member.aadObjectId)) return body;
  return { ...body, roster: body.roster.map((r) => (r.id === entryId && !r.aadObjectId ? linked(r, member) : r)) };
}

const SHOW_AGAIN = 'Visa listan igen med "ledamöter".';

/** The linked entry a roster card's button refers to; refuses when the link changed since the card was shown. */
function linkedEntry(body: Body, entryId: string, aadObjectId: string): RosterEntry {
  const entry = body.roster.find((r) => r.id === entryId);
  if (!entry) throw new NotFoundError(`Personen finns inte längre på ledamotslistan. ${SHOW_AGAIN}`);
  if (!entry.aadObjectId) throw new UserError(`${entry.name} är inte kopplad till Teams längre. ${SHOW_AGAIN}`, 'state');
  if (entry.aadObjectId !== aadObjectId) throw new UserError(`Kopplingen för ${entry.name} har ändrats sedan kortet visades. ${SHOW_AGAIN}`, 'state');
  return entry;
}

/**
 * The secretary confirms an automatic link. A secretary does not vouch for their own link, except
 * a founder (whose identity came from setting the body up, not from a name).
 */
export function confirmLink(body: Body, entryId: string, aadObjectId: string, by: string, at: string): Body {
  const entry = linkedEntry(body, entryId, aadObjectId);
  if (entry.linkConfirmedAt) throw new UserError(`Kopplingen för ${entry.name} är redan bekräftad.`, 'state');
  if (aadObjectId === by && !body.founders.includes(by)) throw new NotAllowedError('Du kan inte bekräfta din egen koppling. Den som skapade organet eller en annan sekreterare gör det.');
  return { ...body, roster: body.roster.map((r) => (r.id === entryId ? { ...r, linkConfirmedAt: at } : r)) };
}

/** The secretary undoes a link; that identity is not linked to this entry automatically again. */
export function undoLink(body: Body, entryId: string, aadObjectId: string, by: string, at: string): Body {
  const entry = linkedEntry(body, entryId, aadObjectId);
  if (aadObjectId === by) throw new NotAllowedError('Du kan inte ångra din egen koppling. Be en annan sekreterare eller den som skapade organet.');
  const { aadObjectId: _aad, teamsUserId: _id, teamsName: _name, linkConfirmedAt: _at, ...rest } = entry;
  const undone = (body.undoneLinks ?? []).filter((u) => !(u.aadObjectId === aadObjectId && key(u.name) === key(entry.name)));
  return {
    ...body,
    roster: body.roster.map((r) => (r.id === entryId ? rest : r)),
    undoneLinks: [...undone, { name: entry.name, aadObjectId, at }],
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
