import { z } from 'zod';
import { defineAction } from '../action';
import { adoptMotion } from '../../domain/item-records';
import { changeAndRefresh, itemIndexIn, loadMeeting, paragraphSchema } from '../meeting/meeting-load';

/** `bifall §48: 2`: the yrkande that won. */
export const adoptMotionAction = defineAction({
  name: 'yrkande.bifall',
  rights: ['sekreterare'],
  schema: z.object({ paragraph: paragraphSchema, motion: z.number().int().positive() }),
  aggregate: 'möte',
  sources: ['typed'],
  run: async (ctx, d) => {
    const { body, meeting, loaded } = await loadMeeting(ctx, 'yrkande.bifall', undefined);
    const index = itemIndexIn(meeting, d);
    await changeAndRefresh(ctx, body, loaded, 'yrkande.bifall', `Bifall till yrkande ${d.motion} i § ${d.paragraph}`, (m) => adoptMotion(body, m, index, d.motion));
    return { text: `Yrkande ${d.motion} i § ${d.paragraph} bifölls.` };
  },
});
