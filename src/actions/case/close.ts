import { z } from 'zod';
import { defineAction } from '../action';
import { actorOf } from '../../bot/guards';
import { changeStatus } from '../../domain/cases';
import { changeOf } from '../../bot/case-writes';
import { caseIdSchema } from '../schemas';
import { changeCase } from './case-change';

export const closeCase = defineAction({
  name: 'ärende.avsluta',
  rights: ['sekreterare'],
  schema: z.object({ caseId: caseIdSchema, closingNote: z.string().max(2000).optional() }),
  aggregate: 'ärende',
  sources: ['card'],
  run: (ctx, d) => changeCase(ctx, 'ärende.avsluta', d.caseId, (c) => changeStatus(c, 'avslutat', changeOf(actorOf(ctx), ctx.now), d.closingNote ?? ''), 'close'),
});
