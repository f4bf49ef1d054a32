import { z } from 'zod';
import { defineAction } from '../action';
import { markImmediate } from '../../domain/item-records';
import { immediateCard, itemCard } from '../../cards/item/item';
import { staleReply } from '../../bot/live-card';
import { changeAndRefresh, itemIndexIn, itemTarget, loadMeeting, stampSchema } from '../meeting/meeting-load';

/** Omedelbar justering of one § (button or "omedelbar justering §48"): the ordförande and justerarna get its card. */
export const requestImmediate = defineAction({
  name: 'omedelbar.begär',
  rights: ['sekreterare'],
  schema: z.object({ ...itemTarget, stamp: stampSchema }),
  aggregate: 'möte',
  sources: ['card', 'typed'],
  run: async (ctx, d) => {
    const { body, meeting, loaded } = await loadMeeting(ctx, 'omedelbar.begär', d.meetingId);
    const index = itemIndexIn(meeting, d);
    const stale = staleReply(body, meeting, index, d.stamp);
    if (stale) return stale;
    const paragraph = meeting.items[index].paragraph;
    const value = await changeAndRefresh(ctx, body, loaded, 'omedelbar.begär', `§ ${paragraph} markerad för omedelbar justering`, (m) => markImmediate(m, index));
    if (!ctx.teams.isInvoke()) return { text: `§ ${paragraph} justeras omedelbart av ordföranden och justerarna.`, cards: [immediateCard(body, value, index)] };
    return { cards: [itemCard(body, value, index), immediateCard(body, value, index)] };
  },
});
