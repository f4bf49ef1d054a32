import { randomInt } from 'node:crypto';
import type { BotContext, Reply } from '../../bot/context';
import { changeMeeting } from '../../bot/meeting-flow';
import { refreshLiveCard } from '../../bot/live-card';
import { isSecretary, memberByAad, type Body } from '../../domain/body';
import type { Meeting, OpenVote, Vote, VoteChoice } from '../../domain/meeting';
import { NotFoundError, UserError } from '../../domain/errors';
import { beginClosing, closeOpenVote, closeSecretVote, findVote, notVotedText, turnout, voterRefusal, type CloseResult } from '../../domain/member-vote';
import { chairAt, voteResultText } from '../../domain/voting';
import { castingCard, voteCard, MAX_VOTE_REFRESH_USERS, type VoteView } from '../../cards/vote/vote';
import type { AdaptiveCard } from '../../cards/render';

/**
 * Shared steps of the vote actions (this folder): voting by the members on a vote card (issue 18).
 * The secretary starts a votering on the current § from the item card, each serving member presses
 * Ja, Nej or Avstår (one row per press, see storage/member-presses.ts), and the vote closes when all
 * have voted or the secretary closes it. The typed `votering §48 ja: …` stays for votes taken by hand.
 */

export const AUTO_CLOSE = { id: 'paragraf', name: 'Paragraf (alla tjänstgörande hade röstat)' };
export const NO_VOTE = 'Voteringen finns inte på det här mötet. Kortet kan vara gammalt.';

/**
 * The vote in the meeting as this instance holds it; a vote started moments ago through another
 * instance may not be in its cached copy yet, so the meeting is read afresh before "not found".
 */
export async function locate(ctx: BotContext, body: Body, meeting: Meeting, voteId: string): Promise<{ meeting: Meeting; index: number; open?: OpenVote; closed?: Vote }> {
  const f = findVote(meeting, voteId);
  if (f) return { meeting, ...f };
  const fresh = await ctx.services.meetings.readFresh(body.id, meeting.id);
  const g = fresh && findVote(fresh.value, voteId);
  if (!fresh || !g) throw new NotFoundError(NO_VOTE);
  return { meeting: fresh.value, ...g };
}

/** The presses on a vote as stored: memberId → choice (open vote), or who has voted (secret). */
export async function pressesOn(ctx: BotContext, body: Body, meetingId: string, vote: OpenVote | Vote): Promise<{ votes: Record<string, VoteChoice>; voters: string[] }> {
  if (!('startedAt' in vote)) return { votes: vote.votes, voters: vote.secret?.voters ?? Object.keys(vote.votes) };
  if (vote.secret) return { votes: {}, voters: await ctx.services.presses.voters(body.id, meetingId, vote.id) };
  const votes = await ctx.services.presses.votes(body.id, meetingId, vote.id);
  return { votes, voters: Object.keys(votes) };
}

/** Teams user ids for refresh: the serving members, the chair and the secretaries; none above 60. */
function refreshIds(body: Body, meeting: Meeting, index: number): string[] | undefined {
  const serving = new Set(turnout(body, meeting, index, []).serving);
  const ids = body.roster.filter((r) => r.teamsUserId && (serving.has(r.id) || r.role === 'ordförande' || r.secretary)).map((r) => r.teamsUserId!);
  return ids.length > 0 && ids.length <= MAX_VOTE_REFRESH_USERS ? ids : undefined;
}

/** What this caller sees on the vote card: their own vote, and for the chair and secretary who has voted. */
export function personalCard(ctx: BotContext, body: Body, meeting: Meeting, index: number, vote: OpenVote | Vote, presses: { votes: Record<string, VoteChoice>; voters: string[] }, note?: string): AdaptiveCard {
  const me = memberByAad(body, ctx.caller.id);
  const secretary = isSecretary(body, ctx.caller.id);
  const chairing = me && (chairAt(body, meeting, index)?.id === me.id || me.role === 'ordförande');
  const running = 'startedAt' in vote;
  const secret = running ? vote.secret : vote.secret !== undefined;
  const view: VoteView = { refreshUserIds: refreshIds(body, meeting, index) };
  if (me && presses.voters.includes(me.id)) view.mine = secret ? 'lagd' : presses.votes[me.id];
  if (running && me) {
    const refusal = voterRefusal(body, meeting, index, me);
    view.canVote = !refusal;
    if (refusal && !note) view.note = refusal;
  }
  if (note) view.note = note;
  if (running && (secretary || chairing)) {
    const t = turnout(body, meeting, index, presses.voters);
    view.overview = { voted: t.voted.length, serving: t.serving.length, missing: t.missing };
  }
  view.canClose = secretary;
  return voteCard(body, meeting, index, vote, view);
}

/** The card everyone sees in the conversation (each sees their own view through refresh). */
function sharedCard(body: Body, meeting: Meeting, index: number, vote: OpenVote | Vote): AdaptiveCard {
  return voteCard(body, meeting, index, vote, { refreshUserIds: refreshIds(body, meeting, index) });
}

/**
 * Counts and closes the vote (when all have voted, when the secretary closes it, or on the chair's
 * casting vote), in two steps: first the vote stops taking presses (closingAt), then the presses
 * are read and counted. A press therefore either is in the count or learns that it is not (see
 * castVoteVerb). One idempotency key per vote and step, so two members completing the count at the
 * same moment, on two instances, close it once.
 */
export async function closeVote(ctx: BotContext, body: Body, meetingId: string, voteId: string, opts: { castingChoice?: 'ja' | 'nej'; auto?: boolean } = {}): Promise<Reply> {
  const { castingChoice } = opts;
  // Closed because everyone had voted: the audit log names Paragraf, not the member who happened to vote last.
  const writer = (key: string): BotContext => ({ ...ctx, idempotencyKey: key, ...(opts.auto ? { caller: AUTO_CLOSE } : {}) });
  let fresh = await ctx.services.meetings.readFresh(body.id, meetingId);
  if (!fresh) throw new NotFoundError('Mötet finns inte längre.');
  const f = findVote(fresh.value, voteId);
  if (!f) throw new NotFoundError(NO_VOTE);
  if (f.closed) {
    // Stäng pressed on a counted val: ballots a crash left behind after the count are deleted now.
    if (f.closed.secret) await dropLeftBallots(ctx, body, meetingId, voteId);
    return { cards: [personalCard(ctx, body, fresh.value, f.index, f.closed, await pressesOn(ctx, body, meetingId, f.closed))] };
  }
  const open = f.open!;
  if (!open.closingAt && !open.awaitingCastingVote) {
    await changeMeeting(writer(`votering.stängs|${voteId}`), body, meetingId, 'votering.stängs', `§ ${fresh.value.items[f.index].paragraph}: röstningen stängdes och rösterna räknas`, (m) => beginClosing(m, findVote(m, voteId)?.index ?? -1, voteId, ctx.now.toISOString()), '', fresh).catch((err) => {
      // Another press or instance began closing it first: count all the same (the count is idempotent).
      if (!(err instanceof UserError) || (err.code !== 'closing' && err.code !== 'closed')) throw err;
    });
    fresh = (await ctx.services.meetings.readFresh(body.id, meetingId))!;
  }
  const secret = Boolean(open.secret);
  const [votes, ballots] = await Promise.all([
    secret || castingChoice ? Promise.resolve({}) : ctx.services.presses.votes(body.id, meetingId, voteId),
    secret ? ctx.services.presses.ballots(body.id, meetingId, voteId) : Promise.resolve({ choices: [], keys: [], voters: [] }),
  ]);
  const voters = ballots.voters;
  // Drawn here, used only on a tie in a val (5 kap. 57 §); the commit that wins decides.
  const lot: 'ja' | 'nej' = randomInt(2) === 0 ? 'ja' : 'nej';
  let result: CloseResult | undefined;
  const step = castingChoice ? 'utslag' : 'stäng';
  const paragraph = fresh.value.items[f.index].paragraph;
  const { value, duplicate } = await changeMeeting(
    writer(`votering.${step}|${voteId}`),
    body, meetingId, `votering.${step}`,
    () => (result?.kind === 'tie' ? `§ ${paragraph}: lika röstetal i voteringen, ordföranden tillfrågas om utslagsröst` : secret ? `§ ${paragraph}: valet med slutna sedlar avslutades (${ballots.choices.length} valsedlar)` : `§ ${paragraph}: voteringen avslutades`),
    (m) => {
      const index = findVote(m, voteId)?.index ?? -1;
      if (index < 0 || !m.items[index].openVote || m.items[index].openVote!.id !== voteId) throw new UserError('Voteringen är redan avslutad.', 'closed');
      if (!m.items[index].openVote!.closingAt) throw new UserError('Voteringen har inte börjat stängas.', 'closed');
      if (!castingChoice && m.items[index].openVote!.awaitingCastingVote) throw new UserError('Voteringen väntar på ordförandens utslagsröst.', 'closed');
      result = secret ? closeSecretVote(body, m, index, voteId, ballots.choices, voters, { lot }) : closeOpenVote(body, m, index, voteId, votes, { at: ctx.now.toISOString(), castingChoice });
      return result.meeting;
    },
    '', fresh,
  ).catch(async (err) => {
    if (!(err instanceof UserError) || err.code !== 'closed') throw err;
    const now = await ctx.services.meetings.readFresh(body.id, meetingId);
    return { value: now!.value, duplicate: true, version: now!.version };
  });
  // The ballots are counted and in the meeting document: deleted, so nothing pairs a voter's write with one.
  if (secret && ballots.keys.length && !findVote(value, voteId)?.open) {
    await ctx.services.presses.dropBallots(body.id, meetingId, ballots.keys).catch((err) => ctx.services.log.warn({ err: { message: (err as Error).message } }, 'ballots not deleted'));
  }
  await refreshLiveCard(ctx, body, value);
  const g = findVote(value, voteId)!;
  const presses = await pressesOn(ctx, body, meetingId, g.closed ?? g.open!);
  const mine = personalCard(ctx, body, value, g.index, g.closed ?? g.open!, presses);
  if (duplicate || !result) return { cards: [mine] };
  await updateVoteCard(ctx, body, value, g.index, open, g.closed ?? g.open!);
  const it = value.items[g.index];
  if (result.kind === 'tie') {
    const chair = chairAt(body, value, g.index)!;
    return { cards: [mine], text: `Lika röstetal i § ${it.paragraph}: ${result.ja} ja mot ${result.nej} nej. Ordföranden ${chair.name} avgör med sin utslagsröst.`, post: [castingCard(body, value, g.index, g.open!, chair.name)] };
  }
  const lines = [`Voteringen i § ${it.paragraph} är avslutad. ${voteResultText(body, result.vote)}`, notVotedText(body, result.notVoted, secret)];
  if (result.removedOutcome) lines.push(`Det tidigare antecknade beslutet ("${result.removedOutcome}") följer inte voteringen och är borttaget; anteckna beslutet på nytt.`);
  return { cards: [mine], text: lines.filter(Boolean).join(' ') };
}

export async function dropLeftBallots(ctx: BotContext, body: Body, meetingId: string, voteId: string): Promise<void> {
  const left = await ctx.services.presses.ballots(body.id, meetingId, voteId);
  if (left.keys.length) await ctx.services.presses.dropBallots(body.id, meetingId, left.keys).catch((err) => ctx.services.log.warn({ err: { message: (err as Error).message } }, 'ballots not deleted'));
}

/** Whether this member's press is in the vote's count (a closed vote, or a tie waiting for the chair). */
export function countedIn(f: { open?: OpenVote; closed?: Vote }, memberId: string, choice: VoteChoice): boolean {
  if (f.closed) return f.closed.secret ? f.closed.secret.voters.includes(memberId) : f.closed.votes[memberId] === choice;
  return f.open?.awaitingCastingVote?.votes?.[memberId] === choice;
}

/** The vote card in the conversation shows the vote as it now stands (skipped when it is the pressed card). */
async function updateVoteCard(ctx: BotContext, body: Body, meeting: Meeting, index: number, open: OpenVote, now: OpenVote | Vote): Promise<void> {
  const card = open.card;
  if (!card || card.conversationId !== ctx.conversationId || card.activityId === ctx.teams.pressedCardId()) return;
  try {
    await ctx.teams.updateCard(card.activityId, sharedCard(body, meeting, index, now));
  } catch (err) {
    ctx.services.log.warn({ err: { message: (err as Error).message } }, 'vote card update failed');
  }
}

/**
 * Posts the vote card in the conversation and keeps its activity id, so the close updates it in
 * place. A card that could not be sent leaves the vote running; Starta votering posts it again.
 */
export async function postVoteCard(ctx: BotContext, body: Body, meeting: Meeting, index: number, open: OpenVote): Promise<Meeting> {
  let sent: { id?: string } | undefined;
  try {
    sent = { id: await ctx.teams.sendCard(sharedCard(body, meeting, index, open)) };
  } catch (err) {
    ctx.services.log.warn({ err: { message: (err as Error).message } }, 'vote card not sent');
    throw new UserError(`Voteringen i § ${meeting.items[index].paragraph} är startad, men kortet kunde inte läggas i chatten. Tryck Starta votering igen för att lägga det där.`, 'card_not_sent');
  }
  if (!sent?.id) return meeting;
  const at = { conversationId: ctx.conversationId, activityId: sent.id };
  const { value } = await changeMeeting(ctx, body, meeting.id, 'votering.kort', `§ ${meeting.items[index].paragraph}: voteringskortet visades`, (m) => {
    const i = findVote(m, open.id);
    if (!i?.open) return m;
    return { ...m, items: m.items.map((it, k) => (k === i.index ? { ...it, openVote: { ...i.open!, card: at } } : it)) };
  }, '|card');
  return value;
}

