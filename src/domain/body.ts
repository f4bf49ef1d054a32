/** A body (organ): a nämnd, a samverkansorgan or a råd, bound to one Teams conversation. */

export type Profile = 'kommunallagen' | 'samverkan' | 'minnesanteckningar';
export const PROFILES: Profile[] = ['kommunallagen', 'samverkan', 'minnesanteckningar'];

export type Role = 'ordförande' | 'vice ordförande' | 'ledamot' | 'ersättare' | 'tjänsteperson';

/** One line of the roster, as protocols print it: "Carin Nilsson (s) Umeå kommun, ordförande". */
export interface RosterEntry {
  /** Stable within the body (survives re-pasting the roster when the name is the same). */
  id: string;
  name: string;
  party?: string;
  organisation?: string;
  role: Role;
  /** Also sekreterare (a role line may say "ledamot, sekreterare" or a tjänsteperson "Maria Lind, sekreterare"). */
  secretary?: boolean;
  /** A tjänsteperson's title, e.g. "regional samverkanskoordinator". */
  title?: string;
  /** Position on the pasted roster; ersättare are called in this order within their party. */
  order: number;
  /** Linked Teams identity; rights follow this, never the typed name. */
  aadObjectId?: string;
  /** The linked person's Teams user id ("29:…"), which Adaptive Card refresh.userIds needs. */
  teamsUserId?: string;
  /** The linked person's display name as the conversation's member list gave it when linked. */
  teamsName?: string;
  /** Set when the secretary confirmed the link; a link without it was made automatically (by name). */
  linkConfirmedAt?: string;
}

/** A link the secretary undid: this Teams identity is never linked to an entry of this name automatically again. */
export interface UndoneLink {
  name: string;
  aadObjectId: string;
  at: string;
}

/** Someone taken off the roster: meetings and protocols still refer to them by this entry's id. */
export interface FormerRosterEntry extends RosterEntry {
  removedAt: string;
}

export interface Body {
  id: string;
  name: string;
  profile: Profile;
  diariePrefix?: string;
  /** Days after the meeting within which the protocol must be justerat (Kommunallagen: 14). */
  justeringDays: number;
  /** Member organisations (huvudmän), to show which have named no ledamot. */
  organisations: string[];
  conversationId: string;
  roster: RosterEntry[];
  /** Entries removed from the roster, kept so that past meetings still name them (and a registerutdrag finds them). */
  formerRoster?: FormerRosterEntry[];
  /** aadObjectIds of whoever set the body up; secretaries until the roster names one. */
  founders: string[];
  createdAt: string;
  /** Days before the meeting that those who have not answered the kallelse are reminded (default 2). */
  reminderDays?: number;
  undoneLinks?: UndoneLink[];
  /** Where the original protocols are kept (the anslagsbevis names it), e.g. "Kommunkansliet, Norrby kommun". */
  forvaringsplats?: string;
  /** Whose anslagstavla announces the justering: "kommunens" or "regionens" (default kommun). */
  huvudman?: Huvudman;
  /** Made by `demo` in local mode: others' personal cards are shown in the body's chat, and "agera som" works. */
  demo?: boolean;
}

export type Huvudman = 'kommun' | 'region';
export const HUVUDMAN: Huvudman[] = ['kommun', 'region'];

/**
 * Who is secretary: roster entries marked so (linked), and the founders until the secretary has
 * confirmed a named secretary's link. A link made automatically (by name) must not take the role
 * from the founders, who could then no longer undo it.
 */
export function secretaryIds(body: Body): string[] {
  const named = body.roster.filter((r) => r.secretary && r.aadObjectId);
  const linked = named.map((r) => r.aadObjectId as string);
  if (named.some((r) => r.linkConfirmedAt)) return linked;
  return [...new Set([...linked, ...body.founders])];
}

export function isSecretary(body: Body, aadObjectId: string): boolean {
  return secretaryIds(body).includes(aadObjectId);
}

/** Whether this Teams identity belongs to the body: linked on its roster, or its secretary (which includes the founders until a secretary is named). */
export function isLinkedIn(body: Body, aadObjectId: string): boolean {
  return Boolean(memberByAad(body, aadObjectId)) || isSecretary(body, aadObjectId);
}

export function memberByAad(body: Body, aadObjectId: string): RosterEntry | undefined {
  return body.roster.find((r) => r.aadObjectId === aadObjectId);
}

export function ledamoter(body: Body): RosterEntry[] {
  return body.roster.filter((r) => r.role === 'ordförande' || r.role === 'vice ordförande' || r.role === 'ledamot');
}

export function ersattare(body: Body): RosterEntry[] {
  return body.roster.filter((r) => r.role === 'ersättare');
}

export function tjanstepersoner(body: Body): RosterEntry[] {
  return body.roster.filter((r) => r.role === 'tjänsteperson');
}

export function chair(body: Body): RosterEntry | undefined {
  return body.roster.find((r) => r.role === 'ordförande');
}
