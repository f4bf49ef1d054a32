import { z } from 'zod';
import { defineAction } from '../action';
import { actorOf } from '../../bot/guards';
import { changeOwner } from '../../domain/cases';
import { changeOf, ownerAadFor } from '../../bot/case-writes';
import { caseIdSchema } from '../schemas';
import { changeCase } from './case-change';

export const setCaseOwner = defineAction({
  name: 'ärende.ägare',
  rights: ['sekreterare'],
  schema: z.object({ caseId: caseIdSchema, owner: z.string().max(120) }),
  aggregate: 'ärende',
  sources: ['card'],
  run: (ctx, d) =>
    changeCase(ctx, 'ärende.ägare', d.caseId, (c, body) => changeOwner(c, d.owner.trim() ? { name: d.owner, aad: ownerAadFor(body, d.owner) } : undefined, changeOf(actorOf(ctx), ctx.now)), 'owner'),
});
