import { z } from 'zod';
import { defineAction } from '../action';
import { actorOf } from '../../bot/guards';
import { addNote } from '../../domain/cases';
import { changeOf } from '../../bot/case-writes';
import { caseIdSchema } from '../schemas';
import { changeCase } from './case-change';

export const addCaseNote = defineAction({
  name: 'ärende.anteckning',
  rights: ['sekreterare', 'medlem'],
  schema: z.object({ caseId: caseIdSchema, note: z.string().max(2000) }),
  aggregate: 'ärende',
  sources: ['card'],
  run: (ctx, d) => changeCase(ctx, 'ärende.anteckning', d.caseId, (c) => addNote(c, d.note, changeOf(actorOf(ctx), ctx.now)), 'note'),
});
