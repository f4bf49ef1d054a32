import type { BotContext } from '../../bot/context';
import { authorizeIn, requireBody } from '../../bot/guards';
import type { Applied, Case } from '../../domain/cases';
import type { Body } from '../../domain/body';
import { caseDetailReply } from './replies';

/** Loads the body, checks the right, applies one pure change to the case and answers with its card. */
export async function changeCase(ctx: BotContext, action: string, caseId: string, apply: (c: Case, body: Body) => Applied, keySuffix: string) {
  const body = await requireBody(ctx);
  authorizeIn(ctx, action, body.value);
  await ctx.services.cases.change(body.value.id, caseId, (c) => apply(c, body.value), `${ctx.idempotencyKey}|${keySuffix}`);
  return caseDetailReply(ctx, body.value, caseId);
}
