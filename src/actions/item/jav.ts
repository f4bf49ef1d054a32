import { z } from 'zod';
import { defineAction } from '../action';
import { assertSelfOrSecretary } from '../../bot/meeting-flow';
import { declareJav } from '../../domain/jav';
import { servingChangeText } from '../../domain/serving';
import { changeAndRefresh, itemIndexIn, loadMeeting, paragraphSchema } from '../meeting/meeting-load';
import { rosterMember } from './people';

/** `jäv Eva Stuge §46`: a member declares jäv for themselves; the secretary records it for anyone. */
export const declareJavAction = defineAction({
  name: 'jäv',
  rights: ['sekreterare', 'medlem'],
  schema: z.object({ paragraph: paragraphSchema, name: z.string().min(1).max(200) }),
  aggregate: 'möte',
  sources: ['typed'],
  run: async (ctx, d) => {
    const { body, meeting, loaded, parties } = await loadMeeting(ctx, 'jäv', undefined);
    const index = itemIndexIn(meeting, d);
    const who = rosterMember(body, d.name);
    assertSelfOrSecretary(ctx, body, parties, who, 'jäv');
    const value = await changeAndRefresh(ctx, body, loaded, 'jäv', `${who.name} jävig i § ${d.paragraph}`, (m) => declareJav(body, m, index, who));
    return { text: [`${who.name} är jävig i § ${d.paragraph} och deltar inte i ärendet.`, ...servingChangeText(body, meeting, value)].join(' ') };
  },
});
