/**
 * Open votes (votering): each serving member's ja / nej / avstår, simple majority, and on a tie
 * the chair's vote decides. Pure.
 */
import type { Body, RosterEntry } from './body';
import type { Meeting, Vote, VoteChoice } from './meeting';
import { UserError } from './errors';
import { assertOngoing } from './attendance';
import { servingAt } from './service';
import { updateItem } from './outcome';
import { joinSv } from './sv-text';

/** Who chairs the §: the ordförande if serving on it, else a serving vice ordförande. */
export function chairAt(body: Body, meeting: Meeting, index: number): RosterEntry | undefined {
  const serving = new Set(servingAt(meeting, index));
  return body.roster.find((r) => r.role === 'ordförande' && serving.has(r.id)) ?? body.roster.find((r) => r.role === 'vice ordförande' && serving.has(r.id));
}

export function tally(body: Body, meeting: Meeting, index: number, votes: Record<string, VoteChoice>): Pick<Vote, 'ja' | 'nej' | 'avstar' | 'castingVote' | 'result'> {
  const all = Object.values(votes);
  const ja = all.filter((v) => v === 'ja').length;
  const nej = all.filter((v) => v === 'nej').length;
  const avstar = all.filter((v) => v === 'avstår').length;
  if (ja !== nej) return { ja, nej, avstar, result: ja > nej ? 'ja' : 'nej' };
  const chair = chairAt(body, meeting, index);
  const chairVote = chair ? votes[chair.id] : undefined;
  if (!chair || (chairVote !== 'ja' && chairVote !== 'nej')) {
    throw new UserError(`Lika röstetal (${ja}–${nej}): ordförandens röst avgör, men ${chair ? `${chair.name} har inte röstat ja eller nej` : 'ingen ordförande tjänstgör på ärendet'}.`, 'tie');
  }
  return { ja, nej, avstar, castingVote: true, result: chairVote };
}

export function recordVote(body: Body, meeting: Meeting, index: number, votes: Record<string, VoteChoice>, question: string): Meeting {
  assertOngoing(meeting);
  const item = meeting.items[index];
  if (Object.keys(votes).length === 0) throw new UserError('Voteringen saknar röster.', 'invalid');
  const serving = new Set(servingAt(meeting, index));
  const outside = Object.keys(votes).filter((id) => !serving.has(id));
  if (outside.length) {
    const names = outside.map((id) => body.roster.find((r) => r.id === id)?.name ?? id);
    throw new UserError(`${joinSv(names)} tjänstgör inte på § ${item.paragraph} och kan inte rösta.`, 'not_serving');
  }
  const vote: Vote = { id: `v${item.votes.length + 1}`, question, votes, ...tally(body, meeting, index, votes) };
  return updateItem(meeting, index, (it) => ({ ...it, votes: [...it.votes, vote] }));
}

/** "Ja 3, nej 3, avstår 1. Ordförandens utslagsröst avgjorde: ja." */
export function voteResultText(v: Vote): string {
  return `Ja ${v.ja}, nej ${v.nej}, avstår ${v.avstar}.${v.castingVote ? ` Lika röstetal; ordförandens utslagsröst avgjorde: ${v.result}.` : ` Resultat: ${v.result}.`}`;
}
