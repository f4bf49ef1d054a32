import { z } from 'zod';
import { defineAction } from '../action';
import { actorOf, authorizeIn, requireBody } from '../../bot/guards';
import { parseNewCase } from '../../domain/cases';
import { createCase } from '../../bot/case-writes';
import { caseDetailReply } from './replies';

/** `nytt ärende <rubrik>` with optional lines Ägare:, Senast:, Ursprung:, Taggar:. */
export const createCaseAction = defineAction({
  name: 'ärendelogg.skapa',
  rights: ['sekreterare'],
  schema: z.object({ rubrik: z.string().max(20000), rader: z.string().max(20000) }),
  aggregate: 'ärende',
  sources: ['typed'],
  run: async (ctx, d) => {
    const body = await requireBody(ctx);
    authorizeIn(ctx, 'ärendelogg.skapa', body.value);
    const input = parseNewCase(d.rubrik, d.rader);
    const c = await createCase(ctx.services, body.value, input, actorOf(ctx), ctx.now, `direkt|${ctx.idempotencyKey}`);
    return caseDetailReply(ctx, body.value, c.id, `Ärende ${c.number} "${c.title}" är upplagt i ärendeloggen.`);
  },
});
