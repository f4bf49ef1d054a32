import { z } from 'zod';
import { defineAction } from '../action';
import { replyCard } from '../../bot/context';
import { authorizeIn, requireBody } from '../../bot/guards';
import { isSecretary } from '../../domain/body';
import { rosterCard } from '../../cards/roster/roster';

/** `ledamöter` alone: the roster card (with Bekräfta/Ångra for the secretary). */
export const showRoster = defineAction({
  name: 'ledamöter.visa',
  rights: ['medlem', 'sekreterare'],
  schema: z.object({}),
  aggregate: 'inget',
  sources: ['typed'],
  run: async (ctx) => {
    const body = (await requireBody(ctx)).value;
    authorizeIn(ctx, 'ledamöter.visa', body);
    return replyCard(rosterCard(body, { forSecretary: isSecretary(body, ctx.caller.id) }));
  },
});
