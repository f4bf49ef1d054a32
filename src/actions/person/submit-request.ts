import { actorOf, authorizeIn } from '../../bot/guards';
import type { BotContext, Reply } from '../../bot/context';
import { UserError } from '../../domain/errors';
import { secretaryIds } from '../../domain/body';
import { ERASES, KEPT_AND_WHY, KIND_LABEL, LOCKED_PROTOCOL_NOTE, newRequest, type RequestKind } from '../../domain/person-request';
import { joinSv } from '../../domain/sv-text';
import { sha256 } from '../../domain/audit-chain';
import { personRequestCard } from '../../cards/person-request/person-request';

/**
 * `rätta mina uppgifter <vad som är fel>` and `radera mina uppgifter` in the personal chat: the
 * request is recorded (with its own audit entry) and a card goes, through the outbox, to the
 * personal chat of each secretary of each body the person is or was in, who handles it there.
 */
export async function submitRequest(ctx: BotContext, kind: RequestKind, text?: string): Promise<Reply> {
  authorizeIn(ctx, kind === 'rättelse' ? 'uppgifter.rätta' : 'uppgifter.radera', undefined);
  if (ctx.conversationKind !== 'personal') {
    throw new UserError(`Skriv "${kind === 'rättelse' ? 'rätta' : 'radera'} mina uppgifter" i din personliga chatt med Paragraf, så syns din begäran bara för dig och sekreteraren.`);
  }
  const s = ctx.services;
  // A resent activity must not make a second request: the id follows from the activity.
  const id = 'q' + sha256(ctx.idempotencyKey).slice(0, 20);
  const [bodies, earlier] = await Promise.all([s.bodies.ofPerson(ctx.caller.id), s.requests.byPerson(ctx.caller.id)]);
  // One open request of a kind at a time: a second would only fill the secretaries' chats.
  const waiting = earlier.find((r) => r.kind === kind && r.status === 'mottagen' && r.id !== id);
  if (waiting) {
    throw new UserError(`Du har redan en ${KIND_LABEL[kind].toLowerCase()} som väntar på sekreteraren (skickad ${waiting.createdAt.slice(0, 10)}). Du får besked här när den är hanterad.`, 'duplicate');
  }
  const req = newRequest({
    id,
    kind,
    aadObjectId: ctx.caller.id,
    name: ctx.caller.name,
    teamsUserId: ctx.teams.senderTeamsId(),
    text,
    createdAt: ctx.now.toISOString(),
    bodies: bodies.map((b) => ({ bodyId: b.id, name: b.name, conversationId: b.conversationId })),
  });
  const committed = await s.requests.change(id, {
    actor: actorOf(ctx),
    action: kind === 'rättelse' ? 'uppgifter.rätta' : 'uppgifter.radera',
    summary: `${KIND_LABEL[kind]} från ${ctx.caller.name} togs emot och skickades till sekreteraren i ${joinSv(bodies.map((b) => b.name))}`,
    idempotencyKey: ctx.idempotencyKey,
    now: ctx.now,
    apply: (cur) => cur ?? req,
  });
  const saved = committed.value;
  for (const body of bodies) {
    for (const sec of secretaryIds(body)) {
      const entry = body.roster.find((r) => r.aadObjectId === sec);
      await s.outbox.enqueue({
        key: `begäran|${saved.id}|${body.id}|${sec}`,
        to: { aadObjectId: sec, name: entry?.name, viaConversationId: body.conversationId, teamsUserId: entry?.teamsUserId },
        card: personRequestCard(saved, { bodyId: body.id, name: body.name, conversationId: body.conversationId }),
      });
    }
  }
  const where = joinSv(bodies.map((b) => b.name));
  const next =
    kind === 'rättelse'
      ? `Sekreteraren rättar uppgiften eller svarar varför inte. ${LOCKED_PROTOCOL_NOTE}`
      : `${ERASES}\n\n${KEPT_AND_WHY}`;
  return { text: `${KIND_LABEL[kind]} är registrerad och skickad till sekreteraren i ${where}. Du får besked här när den är hanterad.\n\n${next}` };
}
