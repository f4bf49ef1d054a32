import { z } from 'zod';
import { defineAction } from '../action';
import { recordNote } from '../../domain/outcome';
import { changeAndRefresh, itemIndexIn, loadMeeting, paragraphSchema } from '../meeting/meeting-load';

/** `anteckning §50: text`: the § note the protocol prints (the item card's Anteckning field, typed). */
export const recordNoteAction = defineAction({
  name: 'punkt.anteckning',
  rights: ['sekreterare'],
  schema: z.object({ paragraph: paragraphSchema, text: z.string().max(8000, 'högst 8000 tecken') }),
  aggregate: 'möte',
  sources: ['typed'],
  run: async (ctx, d) => {
    const { body, meeting, loaded } = await loadMeeting(ctx, 'punkt.anteckning', undefined);
    const index = itemIndexIn(meeting, d);
    await changeAndRefresh(ctx, body, loaded, 'punkt.anteckning', `Anteckning i § ${d.paragraph}`, (m) => recordNote(m, index, d.text));
    return { text: `Anteckningen i § ${d.paragraph} är sparad.` };
  },
});
