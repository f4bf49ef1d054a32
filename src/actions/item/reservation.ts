import { z } from 'zod';
import { defineAction } from '../action';
import { assertSelfOrSecretary } from '../../bot/meeting-flow';
import { addReservation } from '../../domain/item-records';
import { changeAndRefresh, itemIndexIn, loadMeeting, paragraphSchema } from '../meeting/meeting-load';
import { rosterMember } from './people';

/**
 * `reservation Eva Stuge §48: text` or `protokollsanteckning …`: for oneself, or by the secretary for
 * anyone; the text may come later, before justering (so the closed meeting is found too).
 */
export const addReservationAction = defineAction({
  name: 'reservation',
  rights: ['sekreterare', 'medlem'],
  schema: z.object({ kind: z.enum(['reservation', 'protokollsanteckning']), paragraph: paragraphSchema, name: z.string().min(1).max(200), text: z.string().max(8000).optional() }),
  aggregate: 'möte',
  sources: ['typed'],
  run: async (ctx, d) => {
    const { body, meeting, loaded, parties } = await loadMeeting(ctx, 'reservation', undefined, { afterwards: true });
    const index = itemIndexIn(meeting, d);
    const who = rosterMember(body, d.name);
    assertSelfOrSecretary(ctx, body, parties, who, d.kind);
    const label = d.kind === 'reservation' ? 'Reservation' : 'Protokollsanteckning';
    await changeAndRefresh(ctx, body, loaded, 'reservation', `${label} av ${who.name} i § ${d.paragraph}`, (m) => addReservation(m, index, who, d.kind, d.text, ctx.now.toISOString(), body.profile));
    return { text: `${label} av ${who.name} i § ${d.paragraph} är antecknad.${d.text ? '' : ' Texten kan lämnas senare, före justeringen.'}` };
  },
});
