import { z } from 'zod';
import { defineAction } from '../action';
import { itemCard } from '../../cards/item/item';
import { nextItem } from '../../domain/outcome';
import { staleReply } from '../../bot/live-card';
import { idSchema } from '../schemas';
import { changeAndRefresh, itemIndexIn, loadMeeting, stampSchema } from '../meeting/meeting-load';

/** Nästa ärende on the item card (with the § note, if written). */
export const nextItemAction = defineAction({
  name: 'punkt.nästa',
  // Item cards already in chats carry the old verb (glossary: ärende.* is the ärendelogg's).
  formerNames: ['ärende.nästa'],
  rights: ['sekreterare'],
  schema: z.object({ meetingId: idSchema, itemId: idSchema, stamp: stampSchema, anteckning: z.string().max(8000, 'högst 8000 tecken').optional() }),
  aggregate: 'möte',
  sources: ['card'],
  run: async (ctx, d) => {
    const { body, meeting, loaded } = await loadMeeting(ctx, 'punkt.nästa', d.meetingId);
    const index = itemIndexIn(meeting, d);
    const stale = staleReply(body, meeting, index, d.stamp);
    if (stale) return stale;
    const value = await changeAndRefresh(ctx, body, loaded, 'ärende.nästa' /* the audit log's name, as before the rename */, `Nästa ärende efter § ${meeting.items[index].paragraph}`, (m) => nextItem(m, index, d.anteckning));
    return { cards: [itemCard(body, value)] };
  },
});
