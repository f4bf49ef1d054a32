import { z } from 'zod';
import { defineAction } from '../action';
import { authorizeIn, requireBody } from '../../bot/guards';
import { caseIdSchema } from '../schemas';
import { caseDetailReply } from './replies';

/** A case's card, opened from the ärendelogg list. */
export const showCase = defineAction({
  name: 'ärende.visa',
  rights: ['medlem', 'sekreterare'],
  schema: z.object({ caseId: caseIdSchema }),
  aggregate: 'inget',
  sources: ['card'],
  run: async (ctx, d) => {
    const body = await requireBody(ctx);
    authorizeIn(ctx, 'ärende.visa', body.value);
    return caseDetailReply(ctx, body.value, d.caseId);
  },
});
