import { z } from 'zod';
import { defineAction } from '../action';
import { replyCard } from '../../bot/context';
import { actorOf, authorizeIn } from '../../bot/guards';
import { idSchema } from '../schemas';
import { NotFoundError } from '../../domain/errors';
import { decide, KIND_LABEL, MAX_REASON, outcomeText, type PersonRequest } from '../../domain/person-request';
import { personRequestCard } from '../../cards/person-request/person-request';
import type { Recipient } from '../../bot/outbox';
import { erase } from '../../bot/erasure';

/**
 * **Rättat** / **Radera** / **Avslå** on a request about a person's own data: the body's secretary
 * only. The decision is logged on the request; an erasure is carried out and logged as its own
 * step; the person is told the outcome in their personal chat (through the outbox).
 */
export const handleRequest = defineAction({
  name: 'begäran.hantera',
  rights: ['sekreterare'],
  aggregate: 'begäran',
  sources: ['card'],
  schema: z.object({
    requestId: z.string().regex(/^q[0-9a-f]{20}$/),
    bodyId: idSchema,
    decision: z.enum(['utförd', 'avslagen']),
    reason: z.string().max(MAX_REASON).optional(),
  }),
  run: async (ctx, data) => {
    const s = ctx.services;
    const body = (await s.bodies.get(data.bodyId))?.value;
    if (!body) throw new NotFoundError('Organet finns inte. Kortet kan vara gammalt.');
    authorizeIn(ctx, 'begäran.hantera', body);
    const actor = actorOf(ctx);
    const existing = (await s.requests.get(data.requestId))?.value;
    if (!existing) throw new NotFoundError('Begäran finns inte. Kortet kan vara gammalt.');
    // An erasure decided but not carried out (the instance stopped in between) is finished by the next press.
    const unfinished = existing.kind === 'radering' && existing.status === 'utförd' && !existing.erased && existing.bodies.some((b) => b.bodyId === body.id);
    const committed = unfinished ? { value: existing } : await s.requests.change(data.requestId, {
      actor,
      action: 'uppgifter.beslut',
      summary: (next) => `${KIND_LABEL[next.kind]} från ${next.name} ${next.status === 'utförd' ? (next.kind === 'radering' ? 'beviljades' : 'markerades som rättad') : 'avslogs'} av ${ctx.caller.name} (${body.name})`,
      idempotencyKey: ctx.idempotencyKey,
      now: ctx.now,
      apply: (cur) => {
        if (!cur) throw new NotFoundError('Begäran finns inte. Kortet kan vara gammalt.');
        return decide(cur, data.decision, { ...actor, bodyId: body.id }, data.reason, ctx.now.toISOString());
      },
    });
    let req = committed.value;
    // Read before the erasure removes it: the answer goes to the chat the request came from.
    const personal = await s.conversations.personal(req.aadObjectId);
    if (req.kind === 'radering' && req.status === 'utförd' && !req.erased) {
      const erased = await erase(s, req, actor, ctx.now);
      req = (
        await s.requests.change(req.id, {
          actor,
          action: 'uppgifter.radera.utförd',
          summary: `Radering för ${req.name}: ${erased.conversations} konversationsreferens(er), ${erased.outbox} skickade meddelanden och ${erased.rosterLinks} koppling(ar) i ledamotslistor togs bort; protokoll och ändringslogg finns kvar`,
          idempotencyKey: `${ctx.idempotencyKey}|utförd`,
          now: ctx.now,
          apply: (cur) => ({ ...(cur as PersonRequest), erased }),
        })
      ).value;
    }
    const to: Recipient =
      req.kind === 'radering' && personal
        ? { reference: personal }
        : { aadObjectId: req.aadObjectId, name: req.name, viaConversationId: body.conversationId, teamsUserId: req.teamsUserId };
    await s.outbox.enqueue({ key: `begäran-svar|${req.id}`, to, text: outcomeText(req) });
    const where = req.bodies.find((b) => b.bodyId === body.id) ?? { bodyId: body.id, name: body.name, conversationId: body.conversationId };
    return replyCard(personRequestCard(req, where));
  },
});
