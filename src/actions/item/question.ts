import { z } from 'zod';
import { defineAction } from '../action';
import { matchName } from '../../domain/names';
import { addQuestion } from '../../domain/item-records';
import { changeAndRefresh, itemIndexIn, loadMeeting, paragraphSchema } from '../meeting/meeting-load';

/** `fråga Säter §49: text`: an övrig fråga, which the ärendelogg takes up as a case. */
export const addQuestionAction = defineAction({
  name: 'övrig fråga',
  rights: ['sekreterare'],
  schema: z.object({ paragraph: paragraphSchema, askedBy: z.string().min(1).max(200), text: z.string().min(1).max(8000) }),
  aggregate: 'möte',
  sources: ['typed'],
  run: async (ctx, d) => {
    const { body, meeting, loaded } = await loadMeeting(ctx, 'övrig fråga', undefined);
    const index = itemIndexIn(meeting, d);
    const asker = matchName(body.roster, d.askedBy);
    const q = { askedBy: asker?.name ?? d.askedBy, text: d.text };
    await changeAndRefresh(ctx, body, loaded, 'övrig fråga', `Övrig fråga från ${q.askedBy} i § ${d.paragraph}`, (m) => addQuestion(m, index, q));
    return { text: `Övrig fråga från ${q.askedBy} i § ${d.paragraph} är antecknad och förs in i ärendeloggen.` };
  },
});
