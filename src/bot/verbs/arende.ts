import { z } from 'zod';
import { defineVerb } from '../registry';
import type { BotContext } from '../context';
import { actorOf, authorizeIn, requireBody } from '../guards';
import { caseDetailReply, caseLogReply } from '../commands/arendelogg';
import { filterFromInputs } from '../../cards/arendelogg/arendelogg';
import { addNote, changeOwner, changeStatus, markNextMeeting, CASE_STATUSES, type Applied, type Case } from '../../domain/cases';
import { changeOf, ownerAadFor } from '../case-service';

/** Card verbs of the ärendelogg list and the case detail card. */

const caseIdSchema = z.string().regex(/^\d{4}-\d{5}$/, 'ärendets id');
const text = (max: number) => z.string().max(max);
const boolish = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

export const caseLogVerb = defineVerb({
  verb: 'ärendelogg.visa',
  schema: z.object({
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    status: z.enum(['*', 'alla öppna', ...CASE_STATUSES.filter((s) => s !== 'avslutat')] as [string, ...string[]]).optional(),
    owner: text(200).optional(),
    tag: text(200).optional(),
    overdue: boolish.optional(),
  }),
  run: async (ctx, d) => {
    const body = await requireBody(ctx);
    authorizeIn(ctx, 'ärendelogg.visa', body.value);
    return caseLogReply(ctx, body.value, filterFromInputs(d), d.offset);
  },
});

export const caseShowVerb = defineVerb({
  verb: 'ärende.visa',
  schema: z.object({ caseId: caseIdSchema }),
  run: async (ctx, d) => {
    const body = await requireBody(ctx);
    authorizeIn(ctx, 'ärendelogg.visa', body.value);
    return caseDetailReply(ctx, body.value, d.caseId);
  },
});

/** Loads the body, checks the right, applies one pure change to the case and answers with its card. */
async function changeCase(ctx: BotContext, action: string, caseId: string, apply: (c: Case, body: import('../../domain/body').Body) => Applied, verb: string) {
  const body = await requireBody(ctx);
  authorizeIn(ctx, action, body.value);
  await ctx.services.cases.change(body.value.id, caseId, (c) => apply(c, body.value), `${ctx.idempotencyKey}|${verb}`);
  return caseDetailReply(ctx, body.value, caseId);
}

export const caseStatusVerb = defineVerb({
  verb: 'ärende.status',
  schema: z.object({ caseId: caseIdSchema, status: z.enum(CASE_STATUSES as [string, ...string[]], { errorMap: () => ({ message: 'välj en status' }) }), statusNote: text(2000).optional() }),
  run: (ctx, d) => changeCase(ctx, 'ärendelogg.ändra', d.caseId, (c) => changeStatus(c, d.status as Case['status'], changeOf(actorOf(ctx), ctx.now), d.statusNote), 'status'),
});

export const caseOwnerVerb = defineVerb({
  verb: 'ärende.ägare',
  schema: z.object({ caseId: caseIdSchema, owner: text(120) }),
  run: (ctx, d) =>
    changeCase(ctx, 'ärendelogg.ändra', d.caseId, (c, body) => changeOwner(c, d.owner.trim() ? { name: d.owner, aad: ownerAadFor(body, d.owner) } : undefined, changeOf(actorOf(ctx), ctx.now)), 'owner'),
});

export const caseNoteVerb = defineVerb({
  verb: 'ärende.anteckning',
  schema: z.object({ caseId: caseIdSchema, note: text(2000) }),
  run: (ctx, d) => changeCase(ctx, 'ärendelogg.anteckning', d.caseId, (c) => addNote(c, d.note, changeOf(actorOf(ctx), ctx.now)), 'note'),
});

export const caseNextMeetingVerb = defineVerb({
  verb: 'ärende.nästa-möte',
  schema: z.object({ caseId: caseIdSchema, on: boolish.default(true) }),
  run: (ctx, d) => changeCase(ctx, 'ärendelogg.ändra', d.caseId, (c) => markNextMeeting(c, d.on, changeOf(actorOf(ctx), ctx.now)), 'next'),
});

export const caseCloseVerb = defineVerb({
  verb: 'ärende.avsluta',
  schema: z.object({ caseId: caseIdSchema, closingNote: text(2000).optional() }),
  run: (ctx, d) => changeCase(ctx, 'ärendelogg.ändra', d.caseId, (c) => changeStatus(c, 'avslutat', changeOf(actorOf(ctx), ctx.now), d.closingNote ?? ''), 'close'),
});

export const CASE_VERBS = [caseLogVerb, caseShowVerb, caseStatusVerb, caseOwnerVerb, caseNoteVerb, caseNextMeetingVerb, caseCloseVerb];
