import { z } from 'zod';
import { defineAction } from '../action';
import type { BotContext, Reply } from '../../bot/context';
import type { Body } from '../../domain/body';
import type { Meeting } from '../../domain/meeting';
import type { Loaded } from '../../storage/document-store';
import { startDayQuestion, startMeeting as startMeetingChange, startSummary } from '../../domain/meeting-start';
import { changeMeeting } from '../../bot/meeting-flow';
import { startConfirmCard } from '../../cards/start-confirm/start-confirm';
import { uppropCard } from '../../cards/upprop/upprop';
import { itemCard } from '../../cards/item/item';
import { postLiveCard } from '../../bot/live-card';
import { boolish, idSchema } from '../schemas';
import { loadMeeting } from './meeting-load';

/**
 * Starta mötet, from the card, the typed command and Teams' meeting-start event alike: on another
 * day than booked (and not yet confirmed for today) the answer is the confirm card and nothing is
 * written; otherwise the meeting starts (the domain checks the day again) and the upprop opens.
 */
export const startMeeting = defineAction({
  name: 'möte.starta',
  rights: ['sekreterare'],
  // confirmedDay: the day the secretary confirmed on the "Starta ändå" card; cancel: its Avbryt.
  schema: z.object({ meetingId: idSchema.optional(), confirmedDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), cancel: boolish.optional() }),
  aggregate: 'möte',
  sources: ['card', 'typed'],
  run: async (ctx, d) => {
    const { body, loaded } = await loadMeeting(ctx, 'möte.starta', d.meetingId);
    if (d.cancel) return { text: 'Mötet startades inte.' };
    return startReply(ctx, body, loaded, d.confirmedDay);
  },
});

async function startReply(ctx: BotContext, body: Body, current: Loaded<Meeting>, confirmedDay?: string): Promise<Reply> {
  const meeting = current.value;
  const now = ctx.now.toISOString();
  const question = startDayQuestion(meeting, now);
  if (question && confirmedDay !== question.today) return { cards: [startConfirmCard(body, meeting, question)] };
  const value = meeting.status === 'pågår' ? meeting : (await changeMeeting(ctx, body, meeting.id, 'möte.starta', startSummary, (m) => startMeetingChange(m, now, confirmedDay), '', current)).value;
  if (value.attendance.confirmedAt) {
    if (ctx.teams.isInvoke()) return { text: 'Mötet pågår.', cards: [itemCard(body, value)] };
    // Typed again (or the meeting-start event): the current card is posted as the one live card.
    await ctx.teams.sendText('Mötet pågår. Här är det aktuella kortet.');
    await postLiveCard(ctx, body, value);
    return {};
  }
  return { text: 'Mötet har startat. Gör uppropet på kortet.', cards: [uppropCard(body, value)] };
}
