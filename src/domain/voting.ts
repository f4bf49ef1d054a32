/**
 * Open votes (votering): each serving member's ja / nej / avstår, simple majority, and on a tie
 * the chair's vote decides. Pure.
 */
import type { Body, RosterEntry } from './body';
import type { Meeting, Vote, VoteChoice } from './meeting';
import { UserError } from './errors';
import { assertOngoing } from './attendance';
import { servingAt } from './serving';
import { assertNoRunningVote, updateItem } from './outcome';
import { joinSv } from './sv-text';
import { assertQuorate } from './quorum';
import { assertOutcomeFollows, propositionText, voteOutcomeText, voteSides } from './proposals';
import { parseDecision } from './decision-formula';

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

/**
 * Records an open vote. What ja and nej stand for follows from the § (voteSides); the result then
 * decides the §. A decision recorded before the vote that the vote contradicts is taken away
 * (and the answer says so), since the vote is what happened.
 */
export function recordVote(body: Body, meeting: Meeting, index: number, votes: Record<string, VoteChoice>): { meeting: Meeting; removedOutcome?: string } {
  assertOngoing(meeting);
  assertNoRunningVote(meeting, 'en votering antecknas för hand');
  const item = meeting.items[index];
  if (Object.keys(votes).length === 0) throw new UserError('Voteringen saknar röster.', 'invalid');
  const serving = new Set(servingAt(meeting, index));
  const outside = Object.keys(votes).filter((id) => !serving.has(id));
  if (outside.length) {
    const names = outside.map((id) => body.roster.find((r) => r.id === id)?.name ?? id);
    throw new UserError(`${joinSv(names)} tjänstgör inte på § ${item.paragraph} och kan inte rösta.`, 'not_serving');
  }
  assertQuorate(body, meeting, index, `Voteringen i § ${item.paragraph}`);
  const sides = voteSides(body, item);
  const vote: Vote = { id: `v${item.votes.length + 1}`, question: propositionText(sides), sides, votes, ...tally(body, meeting, index, votes) };
  return appendVote(body, meeting, index, vote);
}

/**
 * Adds a counted vote to the § (typed, or closed on the vote card). A decision recorded before the
 * vote that the vote contradicts is taken away (and the answer says so), since the vote is what happened.
 */
export function appendVote(body: Body, meeting: Meeting, index: number, vote: Vote): { meeting: Meeting; removedOutcome?: string } {
  let removedOutcome: string | undefined;
  const next = updateItem(meeting, index, (it) => {
    const voted = { ...it, votes: [...it.votes, vote] };
    if (!it.outcome) return voted;
    try {
      const typed = it.outcome.kind === 'beslut' || it.outcome.kind === 'noterat';
      assertOutcomeFollows(body, voted, it.outcome.kind, typed ? parseDecision(it.outcome.formula, body.name) : undefined);
      return voted;
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      removedOutcome = it.outcome.formula;
      const { outcome: _dropped, ...rest } = voted;
      return rest;
    }
  });
  return { meeting: next, ...(removedOutcome ? { removedOutcome } : {}) };
}

/** "Den som bifaller förslaget röstar ja, … Med 4 ja-röster mot 3 nej-röster beslutar Socialnämnden enligt förslaget." */
export function voteResultText(body: Body, v: Vote): string {
  const ballots = v.secret ? `Valet förrättades med slutna sedlar; ${v.secret.ballots} ${v.secret.ballots === 1 ? 'valsedel' : 'valsedlar'} lämnades. ` : '';
  return ballots + (v.sides ? `${v.question} ${voteOutcomeText(body.name, v)}` : voteOutcomeText(body.name, v));
}
