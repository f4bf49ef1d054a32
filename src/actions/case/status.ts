import { z } from 'zod';
import { defineAction } from '../action';
import { actorOf } from '../../bot/guards';
import { changeStatus, CASE_STATUSES, type Case } from '../../domain/cases';
import { changeOf } from '../../bot/case-writes';
import { caseIdSchema } from '../schemas';
import { changeCase } from './case-change';

export const setCaseStatus = defineAction({
  name: 'ärende.status',
  rights: ['sekreterare'],
  schema: z.object({ caseId: caseIdSchema, status: z.enum(CASE_STATUSES as [string, ...string[]], { errorMap: () => ({ message: 'välj en status' }) }), statusNote: z.string().max(2000).optional() }),
  aggregate: 'ärende',
  sources: ['card'],
  run: (ctx, d) => changeCase(ctx, 'ärende.status', d.caseId, (c) => changeStatus(c, d.status as Case['status'], changeOf(actorOf(ctx), ctx.now), d.statusNote), 'status'),
});
