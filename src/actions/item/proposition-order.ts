import { z } from 'zod';
import { defineAction } from '../action';
import { setPropositionOrder } from '../../domain/item-records';
import { changeAndRefresh, itemIndexIn, loadMeeting, paragraphSchema } from '../meeting/meeting-load';

/** `propositionsordning §48: 2, 1`: the order the yrkanden are put. */
export const setPropositionOrderAction = defineAction({
  name: 'yrkande.ordning',
  rights: ['sekreterare'],
  schema: z.object({ paragraph: paragraphSchema, order: z.array(z.number().int().positive()).min(1).max(100) }),
  aggregate: 'möte',
  sources: ['typed'],
  run: async (ctx, d) => {
    const { body, meeting, loaded } = await loadMeeting(ctx, 'yrkande.ordning', undefined);
    const index = itemIndexIn(meeting, d);
    await changeAndRefresh(ctx, body, loaded, 'yrkande.ordning', `Propositionsordning i § ${d.paragraph}`, (m) => setPropositionOrder(m, index, d.order));
    return { text: `Propositionsordningen i § ${d.paragraph} är antecknad: ${d.order.join(', ')}.` };
  },
});
