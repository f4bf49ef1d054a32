import template from './kallelse.card.json';
import { renderTemplate, cardBytes, MAX_CARD_BYTES, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import { coveredDetails, itemDetails, itemHeading } from '../item-details';
import { shownTitle } from '../../domain/sekretess';
import type { Body, RosterEntry } from '../../domain/body';
import { paragraphRange, type Item, type Meeting } from '../../domain/meeting';
import { swedishDateTime } from '../../domain/meeting-time';
import { RSVP_LABEL, summarize, type RsvpSummary } from '../../domain/rsvp';
import { joinSv } from '../../domain/sv-text';

/** Adaptive Card refresh reaches at most this many users (Teams' limit). */
export const MAX_REFRESH_USERS = 60;
export const KALLELSE_VIEW_VERB = 'kallelse.visa';

export interface KallelseView {
  icsUrl: string;
  /** The person looking, for their own answer. */
  viewer?: RosterEntry;
  /** Show the live summary (the user-specific view shows it to everyone on the roster). */
  summary?: boolean;
  /** Teams user ids for refresh.userIds; omitted above 60, then each answer is echoed in the invoke response. */
  refreshUserIds?: string[];
  heading?: string;
  /** Shown outside the body's own conversation (a personal reminder): a § covered by sekretess shows no title there. */
  outside?: boolean;
}

const names = (rs: RosterEntry[]) => escapeMarkdown(rs.length ? joinSv(rs.map((r) => r.name)) : '–');

export function summaryFacts(s: RsvpSummary): { title: string; value: string }[] {
  const facts = [
    { title: 'Ledamöter som kommer', value: `${s.coming.length} av ${s.ledamoter}${s.coming.length ? `: ${names(s.coming)}` : ''}` },
    { title: 'Förhinder', value: names(s.absent) },
    { title: 'Har inte svarat', value: names(s.unanswered) },
  ];
  if (s.serving.length) facts.push({ title: 'Tjänstgör', value: escapeMarkdown(s.serving.map((p) => `${p.substitute.name} för ${p.forMember.name}`).join('; ')) });
  if (s.asked.length) facts.push({ title: 'Tillfrågade ersättare', value: escapeMarkdown(s.asked.map((p) => `${p.substitute.name} för ${p.forMember.name}`).join('; ')) });
  if (s.uncovered.length) facts.push({ title: 'Ingen ersättare än för', value: names(s.uncovered) });
  if (s.beslutfor !== undefined) facts.push({ title: 'Beslutfört', value: s.beslutfor ? 'ja, mer än hälften av ledamöterna tjänstgör' : 'nej, inte med svaren hittills' });
  return facts;
}

/** Förslag longer than this are collapsed behind "Visa förslag till beslut" (Action.ToggleVisibility). */
const SHORT_PROPOSAL = 200;

/** The förslag till beslut under a §: shown when short, collapsed when long, left out when the card must shrink. */
function proposalOf(i: Item | undefined, withDetails: boolean): { proposal: string; proposalLong: boolean; toggleId: string } {
  const text = withDetails && i?.proposal && !i.sekretess ? escapeMarkdown(i.proposal) : '';
  return { proposal: text, proposalLong: text.length > SHORT_PROPOSAL, toggleId: `forslag-${i?.id ?? 'x'}` };
}

/**
 * A § covered by sekretess shows its title and "Sekretess" in the body's conversation (covered
 * names replaced by their role), and outside it only what the public may read ("§ 12 Sekretess enligt …").
 */
function headingOf(i: Item, view: KallelseView): string {
  if (!i.sekretess) return itemHeading(i);
  if (!view.outside && i.sekretess.scope === 'paragraf') return itemHeading(i);
  return `§ ${i.paragraph} ${escapeMarkdown(shownTitle(i))}`;
}

export function kallelseCard(body: Body, meeting: Meeting, view: KallelseView): AdaptiveCard {
  const answer = view.viewer ? meeting.rsvps[view.viewer.id] : undefined;
  const open = meeting.status === 'kallat';
  const facts = [
    { title: 'Datum och tid', value: swedishDateTime(meeting.start, meeting.end) },
    { title: 'Plats', value: escapeMarkdown(meeting.place ?? '–') },
  ];
  if (meeting.diarienummer) facts.push({ title: 'Diarienummer', value: escapeMarkdown(meeting.diarienummer) });
  facts.push({ title: 'Ärenden', value: paragraphRange(meeting) });
  const render = (withDetails: boolean, count: number) => renderTemplate(template, {
    heading: escapeMarkdown(view.heading ?? 'Kallelse'),
    body: escapeMarkdown(body.name),
    facts,
    items: [
      ...meeting.items.slice(0, count).map((i) => ({ heading: headingOf(i, view), details: i.sekretess ? coveredDetails(i, withDetails && Boolean(view.viewer) && !view.outside) : withDetails ? itemDetails(i) : '', ...proposalOf(i, withDetails) })),
      ...(count < meeting.items.length ? [{ heading: `… och ${meeting.items.length - count} ärenden till`, details: 'Hela föredragningslistan finns i kalenderfilen.', ...proposalOf(undefined, false) }] : []),
    ],
    answer: answer ? RSVP_LABEL[answer.answer] : '',
    answerNote: open ? 'Du kan ändra ditt svar fram till mötet börjar.' : 'Mötet har börjat; svaret kan inte ändras längre.',
    showSummary: Boolean(view.summary),
    summary: view.summary ? summaryFacts(summarize(body, meeting)) : [],
    open,
    bodyId: body.id,
    meetingId: meeting.id,
    icsUrl: view.icsUrl,
  });
  // A long list: first without details, then only the first items, so the card stays within Teams' size limit.
  let card = render(true, meeting.items.length);
  if (cardBytes(card) > MAX_CARD_BYTES) card = render(false, meeting.items.length);
  for (let count = meeting.items.length; cardBytes(card) > MAX_CARD_BYTES && count > 1; ) {
    count = Math.floor(count * 0.8);
    card = render(false, count);
  }
  if (view.refreshUserIds && view.refreshUserIds.length > 0 && view.refreshUserIds.length <= MAX_REFRESH_USERS) {
    card.refresh = {
      action: { type: 'Action.Execute', title: 'Uppdatera', verb: KALLELSE_VIEW_VERB, data: { bodyId: body.id, meetingId: meeting.id } },
      userIds: view.refreshUserIds,
    };
  }
  return card;
}
