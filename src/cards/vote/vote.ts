import template from './vote.card.json';
import castingTemplate from './casting.card.json';
import { renderTemplate, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import type { Body } from '../../domain/body';
import type { Meeting, OpenVote, Vote, VoteChoice } from '../../domain/meeting';
import { CHOICE_LABEL } from '../../domain/member-vote';
import { voteResultText } from '../../domain/voting';
import { joinSv } from '../../domain/sv-text';

export const VOTE_VIEW_VERB = 'votering.visa';
/** Adaptive Card refresh reaches at most this many users (Teams' limit). */
export const MAX_VOTE_REFRESH_USERS = 60;

export interface VoteView {
  /** The viewer's own vote ('lagd': a ballot in a val med slutna sedlar, whose choice is not shown). */
  mine?: VoteChoice | 'lagd';
  /** Why the viewer may not vote, or another word to the viewer. */
  note?: string;
  /** The viewer serves on the § and may vote. */
  canVote?: boolean;
  /** For the chair and the secretary while the vote runs: who has voted. */
  overview?: { voted: number; serving: number; missing: string[] };
  /** The secretary sees Stäng voteringen. */
  canClose?: boolean;
  /** refresh.userIds for the user-specific view; none above 60 (the invoke answer echoes the vote then). */
  refreshUserIds?: string[];
}

const nameOf = (body: Body, id: string) => body.roster.find((r) => r.id === id)?.name ?? id;

/** The vote card: the voteringsproposition, Ja / Nej / Avstår while it runs, the result once counted. */
export function voteCard(body: Body, meeting: Meeting, index: number, vote: OpenVote | Vote, view: VoteView = {}): AdaptiveCard {
  const it = meeting.items[index];
  const running = 'startedAt' in vote;
  const open = running && !vote.awaitingCastingVote && !vote.closingAt;
  const secret = running ? Boolean(vote.secret) : Boolean(vote.secret);
  let status = '';
  if (!running) status = voteResultText(body, vote).replace(`${vote.question} `, '');
  else if (vote.awaitingCastingVote) {
    const t = vote.awaitingCastingVote;
    status = `Röstningen är avslutad: ${t.ja} ja, ${t.nej} nej, ${t.avstar} avstår. Lika röstetal; ordföranden avgör med sin utslagsröst.`;
  } else if (vote.closingAt) status = 'Röstningen är stängd; rösterna räknas.';
  else status = 'Voteringen pågår.';
  const mine = view.mine === 'lagd' ? 'Din valsedel är lagd.' : view.mine ? `Din röst: ${CHOICE_LABEL[view.mine]}` : '';
  const overview = view.overview
    ? [
        { title: 'Röster', value: `${view.overview.voted} av ${view.overview.serving}` },
        ...(view.overview.missing.length ? [{ title: 'Har inte röstat', value: escapeMarkdown(joinSv(view.overview.missing.map((id) => nameOf(body, id)))) }] : []),
      ]
    : [];
  const card = renderTemplate(template, {
    kindLabel: secret ? 'Val med slutna sedlar' : 'Votering',
    bodyName: escapeMarkdown(body.name),
    paragraph: it.paragraph,
    title: escapeMarkdown(it.title),
    question: escapeMarkdown(vote.question),
    secretNote: secret && open ? 'Sluten omröstning: det antecknas vem som har röstat, inte hur. Rösten kan inte ändras när den är lagd.' : '',
    mine: escapeMarkdown([mine, view.note ?? ''].filter(Boolean).join(' ')),
    status: escapeMarkdown(status),
    overview,
    open,
    canVote: Boolean(view.canVote) && !secret,
    canClose: Boolean(view.canClose),
    meetingId: meeting.id,
    voteId: vote.id,
  });
  if (view.refreshUserIds?.length && view.refreshUserIds.length <= MAX_VOTE_REFRESH_USERS) {
    card.refresh = { action: { type: 'Action.Execute', title: 'Uppdatera', verb: VOTE_VIEW_VERB, data: { meetingId: meeting.id, voteId: vote.id } }, userIds: view.refreshUserIds };
  }
  return card;
}

/** The chair is asked for the casting vote on a tie (KL 5 kap. 56 §). */
export function castingCard(body: Body, meeting: Meeting, index: number, vote: OpenVote, chairName: string): AdaptiveCard {
  const t = vote.awaitingCastingVote!;
  return renderTemplate(castingTemplate, {
    bodyName: escapeMarkdown(body.name),
    paragraph: meeting.items[index].paragraph,
    title: escapeMarkdown(meeting.items[index].title),
    text: escapeMarkdown(`Lika röstetal: ${t.ja} ja mot ${t.nej} nej. Ordföranden har utslagsröst (5 kap. 56 § kommunallagen). ${chairName}, välj Ja eller Nej.`),
    question: escapeMarkdown(vote.question),
    meetingId: meeting.id,
    voteId: vote.id,
  });
}
