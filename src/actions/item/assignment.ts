import { z } from 'zod';
import { defineAction } from '../action';
import { matchName } from '../../domain/names';
import { addAssignment } from '../../domain/item-records';
import { swedishDate } from '../../domain/meeting-time';
import { changeAndRefresh, itemIndexIn, loadMeeting, paragraphSchema } from '../meeting/meeting-load';

/** `uppdrag Tanja Mårtensson §8: text senast 2019-11-30`: an uppdrag, which the ärendelogg takes up as a case. */
export const addAssignmentAction = defineAction({
  name: 'uppdrag',
  rights: ['sekreterare'],
  schema: z.object({ paragraph: paragraphSchema, name: z.string().min(1).max(200), text: z.string().min(1).max(8000), due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
  aggregate: 'möte',
  sources: ['typed'],
  run: async (ctx, d) => {
    const { body, meeting, loaded } = await loadMeeting(ctx, 'uppdrag', undefined);
    const index = itemIndexIn(meeting, d);
    const owner = matchName(body.roster, d.name);
    const a = { ownerName: owner?.name ?? d.name, ...(owner ? { ownerMemberId: owner.id } : {}), text: d.text, ...(d.due ? { due: d.due } : {}) };
    await changeAndRefresh(ctx, body, loaded, 'uppdrag', `Uppdrag till ${a.ownerName} i § ${d.paragraph}`, (m) => addAssignment(m, index, a));
    return { text: `Uppdrag till ${a.ownerName} i § ${d.paragraph}: ${a.text}${a.due ? ` (senast ${swedishDate(a.due)})` : ''}. Det förs in i ärendeloggen.` };
  },
});
