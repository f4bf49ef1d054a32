import { z } from 'zod';
import { defineAction } from '../action';
import { authorizeIn, requireBody } from '../../bot/guards';
import { filterFromInputs } from '../../cards/arendelogg/arendelogg';
import { CASE_STATUSES } from '../../domain/cases';
import { BodyRepo } from '../../storage/bodies';
import { boolish } from '../schemas';
import { caseLogReply } from './replies';

/** `ärendelogg` and the list card's filter and paging: the body's open cases. */
export const caseLog = defineAction({
  name: 'ärendelogg.visa',
  rights: ['medlem', 'sekreterare'],
  schema: z.object({
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    status: z.enum(['*', 'alla öppna', ...CASE_STATUSES.filter((s) => s !== 'avslutat')] as [string, ...string[]]).optional(),
    owner: z.string().max(200).optional(),
    tag: z.string().max(200).optional(),
    overdue: boolish.optional(),
  }),
  aggregate: 'inget',
  sources: ['card', 'typed'],
  run: async (ctx, d) => {
    // The body and its open cases side by side (the partition follows from the conversation).
    const open = ctx.services.cases.listOpen(BodyRepo.idFor(ctx.conversationId));
    open.catch(() => undefined); // awaited below; a refusal first must not leave it unhandled
    const body = await requireBody(ctx);
    authorizeIn(ctx, 'ärendelogg.visa', body.value);
    return caseLogReply(ctx, body.value, filterFromInputs(d), d.offset, await open);
  },
});
