/**
 * The secretary's one live card per meeting. Its activity id is kept in the meeting document; after
 * every change (typed or pressed) that card is updated in place, so no older card with outdated
 * buttons stays in view, and a press carrying an out-of-date stamp is refused (see itemStamp).
 */
import type { BotContext, Reply } from './context';
import type { Body } from '../domain/body';
import type { Meeting } from '../domain/meeting';
import { renderTemplate, type AdaptiveCard } from '../cards/render';
import { itemCard, itemStamp } from '../cards/item/item';
import { uppropCard } from '../cards/upprop/upprop';
import { meetingClosedCard } from '../cards/meeting-closed/meeting-closed';
import { changeMeeting } from './meeting-flow';

export const STALE_CARD = 'Kortet är gammalt: det visade inte mötet som det står nu, så inget har ändrats. Här är det aktuella kortet.';

const replacedTemplate = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [{ type: 'TextBlock', text: '${text}', wrap: true, isSubtle: true }],
};

/** What the live card shows for the meeting as it stands: upprop, the current §, or the closed summary. */
export function currentMeetingCard(body: Body, meeting: Meeting, status = ''): AdaptiveCard | undefined {
  if (meeting.status === 'pågår') return meeting.attendance.confirmedAt ? itemCard(body, meeting, meeting.currentIndex, status) : uppropCard(body, meeting, status);
  if (meeting.status === 'avslutat') return meetingClosedCard(body, meeting);
  return undefined;
}

/**
 * A press's stamp checked against the meeting: a card for another § than the current one, or one
 * whose § has changed since it was drawn, gets the current card instead of the change. Cards
 * without a stamp (drawn before stamps existed) are not checked; an outcome still never replaces
 * another without the Ersätt confirmation.
 */
export function staleReply(body: Body, meeting: Meeting, index: number, stamp: string | undefined): Reply | undefined {
  if (stamp === undefined) return undefined;
  // The stamp holds the current § too: after Nästa ärende every card drawn before is out of date.
  if (meeting.items[index] && stamp === itemStamp(meeting, index) && meeting.status === 'pågår') return undefined;
  const card = currentMeetingCard(body, meeting, STALE_CARD);
  return card ? { cards: [card], text: meeting.status === 'pågår' ? undefined : STALE_CARD } : { text: STALE_CARD };
}

/** The activity id of the card a button was pressed on (Teams sends it as replyToId). */
export function pressedCardId(ctx: BotContext): string | undefined {
  return ctx.teams.pressedCardId();
}

/** The pure change that makes the pressed card the live one (none when it already is, or nothing was pressed). */
export function adoptPressedCard(ctx: BotContext, m: Meeting): Meeting {
  const id = pressedCardId(ctx);
  if (!id || (m.liveCard?.activityId === id && m.liveCard.conversationId === ctx.conversationId)) return m;
  return { ...m, liveCard: { conversationId: ctx.conversationId, activityId: id } };
}

async function update(ctx: BotContext, activityId: string, card: AdaptiveCard): Promise<void> {
  try {
    await ctx.teams.updateCard(activityId, card);
  } catch (err) {
    // The card may have been deleted in Teams; the change itself is committed, so this is only logged.
    ctx.services.log.warn({ err: { message: (err as Error).message } }, 'live card update failed');
  }
}

/**
 * After a change: the live card shows the meeting as it now stands. Skipped for the pressed card
 * (the invoke answer replaces it) and for a card in another conversation.
 */
export async function refreshLiveCard(ctx: BotContext, body: Body, meeting: Meeting): Promise<void> {
  const live = meeting.liveCard;
  if (!live || live.conversationId !== ctx.conversationId || live.activityId === pressedCardId(ctx)) return;
  const card = currentMeetingCard(body, meeting);
  if (card) await update(ctx, live.activityId, card);
}

/**
 * Posts the current card as a new message (asked for with "aktuellt ärende"), makes it the live
 * one, and turns the previous live card into a pointer to it, so that only one card has buttons.
 */
export async function postLiveCard(ctx: BotContext, body: Body, meeting: Meeting): Promise<void> {
  const card = currentMeetingCard(body, meeting);
  if (!card) return;
  const sentId = await ctx.teams.sendCard(card);
  if (!sentId) return;
  const previous = meeting.liveCard;
  await changeMeeting(ctx, body, meeting.id, 'möte.kort', 'Mötets kort visades på nytt', (m) => ({ ...m, liveCard: { conversationId: ctx.conversationId, activityId: sentId } }), '|live');
  if (previous && previous.conversationId === ctx.conversationId && previous.activityId !== sentId) {
    await update(ctx, previous.activityId, renderTemplate(replacedTemplate, { text: 'Det här kortet är ersatt av ett nyare längre ned i chatten.' }));
  }
}
