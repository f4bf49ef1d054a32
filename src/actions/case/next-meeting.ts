import { z } from 'zod';
import { defineAction } from '../action';
import { actorOf } from '../../bot/guards';
import { markNextMeeting } from '../../domain/cases';
import { changeOf } from '../../bot/case-writes';
import { boolish, caseIdSchema } from '../schemas';
import { changeCase } from './case-change';

/** Till nästa möte: the case is proposed on the next meeting's föredragningslista (or no longer). */
export const markCaseNextMeeting = defineAction({
  name: 'ärende.nästa-möte',
  rights: ['sekreterare'],
  schema: z.object({ caseId: caseIdSchema, on: boolish.default(true) }),
  aggregate: 'ärende',
  sources: ['card'],
  run: (ctx, d) => changeCase(ctx, 'ärende.nästa-möte', d.caseId, (c) => markNextMeeting(c, d.on, changeOf(actorOf(ctx), ctx.now)), 'next'),
});
