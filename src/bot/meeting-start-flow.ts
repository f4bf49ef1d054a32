import type { BotContext, Reply } from './context';
import type { Body } from '../domain/body';
import type { Meeting } from '../domain/meeting';
import type { Loaded } from '../storage/document-store';
import { startDayQuestion, startMeeting, startSummary } from '../domain/meeting-start';
import { changeMeeting } from './meeting-flow';
import { startConfirmCard } from '../cards/start-confirm/start-confirm';
import { uppropCard } from '../cards/upprop/upprop';
import { itemCard } from '../cards/item/item';
import { postLiveCard } from './live-card';

/**
 * Starta mötet, from the card, the typed command and Teams' meeting-start event alike: on another
 * day than booked (and not yet confirmed for today) the answer is the confirm card and nothing is
 * written; otherwise the meeting starts (the domain checks the day again) and the upprop opens.
 */
export async function startMeetingReply(ctx: BotContext, body: Body, current: Loaded<Meeting> | Meeting, confirmedDay?: string): Promise<Reply> {
  const meeting = 'value' in current ? current.value : current;
  const now = ctx.now.toISOString();
  const question = startDayQuestion(meeting, now);
  if (question && confirmedDay !== question.today) return { cards: [startConfirmCard(body, meeting, question)] };
  const value =
    meeting.status === 'pågår'
      ? meeting
      : (await changeMeeting(ctx, body, meeting.id, 'möte.starta', startSummary, (m) => startMeeting(m, now, confirmedDay), '', 'value' in current ? current : undefined)).value;
  if (value.attendance.confirmedAt) {
    if (ctx.turn.activity.type === 'invoke') return { text: 'Mötet pågår.', cards: [itemCard(body, value)] };
    // Typed again (or the meeting-start event): the current card is posted as the one live card.
    await ctx.turn.sendActivity({ type: 'message', text: 'Mötet pågår. Här är det aktuella kortet.', textFormat: 'plain' });
    await postLiveCard(ctx, body, value);
    return {};
  }
  return { text: 'Mötet har startat. Gör uppropet på kortet.', cards: [uppropCard(body, value)] };
}
