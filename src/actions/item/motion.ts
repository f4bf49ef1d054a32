import { z } from 'zod';
import { defineAction } from '../action';
import { addMotion } from '../../domain/item-records';
import { changeAndRefresh, itemIndexIn, loadMeeting, paragraphSchema } from '../meeting/meeting-load';
import { rosterMember } from './people';

/** `yrkande Eva Stuge §48: text`: a yrkande, numbered in the §. */
export const addMotionAction = defineAction({
  name: 'yrkande',
  rights: ['sekreterare'],
  schema: z.object({ paragraph: paragraphSchema, name: z.string().min(1).max(200), text: z.string().min(1).max(8000) }),
  aggregate: 'möte',
  sources: ['typed'],
  run: async (ctx, d) => {
    const { body, meeting, loaded } = await loadMeeting(ctx, 'yrkande', undefined);
    const index = itemIndexIn(meeting, d);
    const who = rosterMember(body, d.name);
    const value = await changeAndRefresh(ctx, body, loaded, 'yrkande', `Yrkande av ${who.name} i § ${d.paragraph}`, (m) => addMotion(m, index, who, d.text));
    return { text: `Yrkande ${value.items[index].motions.length} i § ${d.paragraph} (${who.name}) är antecknat.` };
  },
});
