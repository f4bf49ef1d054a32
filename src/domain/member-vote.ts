/**
 * A votering the members cast themselves on a vote card: started by the secretary on the current §,
 * open to the members serving on it (tjänstgöring, jäv and ersättare as for quorum and protocol),
 * closed when all have voted or the secretary closes it. A tie in an open vote is decided by the
 * chair's casting vote (KL 5 kap. 56 §); in a val med slutna sedlar by lot (5 kap. 57 §). Pure.
 */
import type { Body, RosterEntry } from './body';
import type { Meeting, OpenVote, Vote, VoteChoice } from './meeting';
import { UserError } from './errors';
import { assertOngoing } from './attendance';
import { servingAt, hasLeft, replacingAt } from './serving';
import { assertQuorate } from './quorum';
import { assertItemOpen, updateItem } from './outcome';
import { propositionText, voteSides } from './proposals';
import { appendVote, chairAt } from './voting';
import { joinSv } from './sv-text';

export const CHOICE_LABEL: Record<VoteChoice, string> = { ja: 'Ja', nej: 'Nej', avstår: 'Avstår' };

const nameOf = (body: Body, id: string) => body.roster.find((r) => r.id === id)?.name ?? id;

/** The § a vote runs on, and the vote; a closed vote is found among the §'s counted votes. */
export function findVote(meeting: Meeting, voteId: string): { index: number; open?: OpenVote; closed?: Vote } | undefined {
  for (let index = 0; index < meeting.items.length; index++) {
    const it = meeting.items[index];
    if (it.openVote?.id === voteId) return { index, open: it.openVote };
    const closed = it.votes.find((v) => v.id === voteId);
    if (closed) return { index, closed };
  }
  return undefined;
}

/** The one vote running in the meeting, if any (one at a time, as in the room). */
export function runningVote(meeting: Meeting): { index: number; vote: OpenVote } | undefined {
  const index = meeting.items.findIndex((it) => it.openVote);
  return index < 0 ? undefined : { index, vote: meeting.items[index].openVote! };
}

/** Starts a votering on the current §: the voteringsproposition follows from its yrkanden and the propositionsordning. */
export function startMemberVote(body: Body, meeting: Meeting, index: number, opts: { id: string; secret: boolean; at: string }): Meeting {
  assertOngoing(meeting);
  if (!meeting.attendance.confirmedAt) throw new UserError('Uppropet är inte bekräftat än; en votering kräver att tjänstgöringen är känd.', 'state');
  const item = meeting.items[index];
  if (index !== meeting.currentIndex) throw new UserError(`Votering startas på aktuell paragraf (§ ${meeting.items[meeting.currentIndex].paragraph}), inte § ${item.paragraph}.`, 'state');
  assertItemOpen(item);
  const running = runningVote(meeting);
  if (running) throw new UserError(`En votering pågår redan i § ${meeting.items[running.index].paragraph}. Stäng den först.`, 'state');
  assertQuorate(body, meeting, index, `Voteringen i § ${item.paragraph}`);
  const sides = voteSides(body, item);
  return updateItem(meeting, index, (it) => ({ ...it, openVote: { id: opts.id, question: propositionText(sides), sides, ...(opts.secret ? { secret: true } : {}), startedAt: opts.at } }));
}

/** Why this person may not vote on the § (Swedish), or undefined when they serve on it. */
export function voterRefusal(body: Body, meeting: Meeting, index: number, member: RosterEntry | undefined): string | undefined {
  const p = meeting.items[index].paragraph;
  if (!member) return `Du står inte på ledamotslistan för ${body.name} med din Teams-identitet och kan inte rösta. Kontakta sekreteraren om det är fel.`;
  if (servingAt(meeting, index).includes(member.id)) return undefined;
  if (member.role === 'tjänsteperson') return 'Tjänstepersoner har ingen rösträtt.';
  if (meeting.items[index].jav.includes(member.id)) return `Du har anmält jäv i § ${p} och deltar inte i beslutet.`;
  if (hasLeft(meeting, member.id)) return `Du har lämnat mötet och tjänstgör inte på § ${p}.`;
  const substitute = meeting.service.find((s) => s.replacing === member.id && replacingAt(meeting, s.memberId, index) === member.id);
  if (substitute) return `Du tjänstgör inte på § ${p}: ${nameOf(body, substitute.memberId)} tjänstgör för dig.`;
  if (member.role === 'ersättare') return `Du tjänstgör inte på § ${p}. En ersättare röstar bara när hon eller han tjänstgör för en ledamot.`;
  return `Du är inte antecknad som tjänstgörande på § ${p}. Säg till sekreteraren om du är här.`;
}

/** Who has voted and who has not, among those serving on the §, in roster order. */
export function turnout(body: Body, meeting: Meeting, index: number, voted: Iterable<string>): { serving: string[]; voted: string[]; missing: string[] } {
  const order = new Map(body.roster.map((r, i) => [r.id, r.order ?? i]));
  const serving = servingAt(meeting, index).sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9));
  const have = new Set(voted);
  return { serving, voted: serving.filter((id) => have.has(id)), missing: serving.filter((id) => !have.has(id)) };
}

/** First step of closing: no more presses are taken; they are counted next (closeOpenVote, closeSecretVote). */
export function beginClosing(meeting: Meeting, index: number, voteId: string, at: string): Meeting {
  const open = assertRunning(meeting, index, voteId);
  if (open.closingAt) throw new UserError('Voteringen håller redan på att stängas.', 'closing');
  return updateItem(meeting, index, (it) => ({ ...it, openVote: { ...open, closingAt: at } }));
}

/** Whether presses are still taken: not once closing has begun, nor while a tie waits for the chair. */
export function takesPresses(vote: OpenVote): boolean {
  return !vote.closingAt && !vote.awaitingCastingVote;
}

/** What the count of a vote came to: a counted vote, or a tie the chair must decide. */
export type CloseResult =
  | { kind: 'closed'; meeting: Meeting; vote: Vote; removedOutcome?: string; notVoted: string[] }
  | { kind: 'tie'; meeting: Meeting; ja: number; nej: number; avstar: number };

/**
 * Closes an open vote on the member's presses (memberId → choice, the rows as stored). Only serving
 * members count (a press by one who became jävig since is dropped); a serving member who did not
 * vote is recorded as avstår. A tie is decided by the chair's own ja or nej; else by `castingChoice`
 * when the chair has given it; else the vote waits for the chair (kind 'tie').
 */
export function closeOpenVote(body: Body, meeting: Meeting, index: number, voteId: string, presses: Record<string, VoteChoice>, opts: { at: string; castingChoice?: 'ja' | 'nej' }): CloseResult {
  const open = assertRunning(meeting, index, voteId);
  if (open.secret) throw new Error('closeOpenVote on a secret vote');
  // The chair decides on the count that tied, not on whatever was pressed since.
  if (open.awaitingCastingVote?.votes) presses = open.awaitingCastingVote.votes;
  const t = turnout(body, meeting, index, Object.keys(presses));
  const votes: Record<string, VoteChoice> = {};
  for (const id of t.serving) votes[id] = presses[id] ?? 'avstår';
  const all = Object.values(votes);
  const ja = all.filter((v) => v === 'ja').length;
  const nej = all.filter((v) => v === 'nej').length;
  const avstar = all.length - ja - nej;
  let result: 'ja' | 'nej';
  let castingVote = false;
  if (ja !== nej) result = ja > nej ? 'ja' : 'nej';
  else {
    const chair = chairAt(body, meeting, index);
    const own = chair ? votes[chair.id] : undefined;
    if (own === 'ja' || own === 'nej') result = own;
    else if (opts.castingChoice) result = opts.castingChoice;
    else {
      if (!chair) throw new UserError(`Lika röstetal (${ja}–${nej}), men ingen ordförande tjänstgör på § ${meeting.items[index].paragraph} som kan avgöra med utslagsröst.`, 'tie');
      const waiting = updateItem(meeting, index, (it) => ({ ...it, openVote: { ...open, awaitingCastingVote: { ja, nej, avstar, at: opts.at, votes } } }));
      return { kind: 'tie', meeting: waiting, ja, nej, avstar };
    }
    castingVote = true;
  }
  const vote: Vote = { id: open.id, question: open.question, sides: open.sides, votes, ja, nej, avstar, ...(castingVote ? { castingVote } : {}), byCard: true, result };
  const { meeting: next, removedOutcome } = appendVote(body, clearOpen(meeting, index), index, vote);
  return { kind: 'closed', meeting: next, vote, notVoted: t.missing, ...(removedOutcome ? { removedOutcome } : {}) };
}

/**
 * Closes a val med slutna sedlar on the ballots (choices only, in no particular order) and who
 * voted. A tie is decided by lot: `lot` is the side the lot fell on, drawn by the caller.
 */
export function closeSecretVote(body: Body, meeting: Meeting, index: number, voteId: string, ballots: VoteChoice[], voters: string[], opts: { lot: 'ja' | 'nej' }): Extract<CloseResult, { kind: 'closed' }> {
  const open = assertRunning(meeting, index, voteId);
  if (!open.secret) throw new Error('closeSecretVote on an open vote');
  const ja = ballots.filter((v) => v === 'ja').length;
  const nej = ballots.filter((v) => v === 'nej').length;
  const avstar = ballots.length - ja - nej;
  const tie = ja === nej;
  const t = turnout(body, meeting, index, voters);
  const vote: Vote = {
    id: open.id, question: open.question, sides: open.sides, votes: {}, ja, nej, avstar, ...(tie ? { lot: true } : {}), byCard: true,
    secret: { ballots: ballots.length, voters: byRoster(body, voters) },
    result: tie ? opts.lot : ja > nej ? 'ja' : 'nej',
  };
  const { meeting: next, removedOutcome } = appendVote(body, clearOpen(meeting, index), index, vote);
  return { kind: 'closed', meeting: next, vote, notVoted: t.missing, ...(removedOutcome ? { removedOutcome } : {}) };
}

/** Ids in roster order: the order a list of who voted is kept in, never the order of voting. */
function byRoster(body: Body, ids: string[]): string[] {
  const order = new Map(body.roster.map((r, i) => [r.id, r.order ?? i]));
  return [...ids].sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || a.localeCompare(b));
}

function assertRunning(meeting: Meeting, index: number, voteId: string): OpenVote {
  assertOngoing(meeting);
  const open = meeting.items[index]?.openVote;
  if (!open || open.id !== voteId) throw new UserError('Voteringen är redan avslutad.', 'closed');
  return open;
}

function clearOpen(meeting: Meeting, index: number): Meeting {
  return updateItem(meeting, index, (it) => {
    const { openVote: _closed, ...rest } = it;
    return rest;
  });
}

/** "Ulla Berg och Per Ek röstade inte och antecknas som avstående." */
export function notVotedText(body: Body, ids: string[], secret: boolean): string {
  if (ids.length === 0) return '';
  const names = joinSv(ids.map((id) => nameOf(body, id)));
  return secret ? `${names} lämnade ingen valsedel.` : `${names} röstade inte och antecknas som avstående.`;
}
