import { z } from 'zod';
import { defineVerb } from '../registry';
import { replyCard, type BotContext } from '../context';
import { actorOf, authorizeIn, requireBody, requireMeeting } from '../guards';
import { UserError, NotFoundError, NotAllowedError } from '../../domain/errors';
import { assertMove } from '../../domain/lifecycle';
import { memberByAad, type Body } from '../../domain/body';
import type { Meeting } from '../../domain/meeting';
import { answerKallelse } from '../../domain/rsvp';
import { swedishDateTime } from '../../domain/meeting-time';
import { linkCallerInConversation } from '../roster-link';
import { personalKallelseCard, previewCard } from '../meeting-view';
import { BodyRepo } from '../../storage/bodies';

const MEETING_NOT_FOUND = 'Mötet finns inte i det här organet. Kortet kan höra till ett annat organ eller vara gammalt.';
const id = z.string().min(1).max(40).regex(/^[A-Za-z0-9]+$/);

/** Cards in a personal chat (reminders) name their body; in the body's conversation it follows from there. */
export async function bodyFor(ctx: BotContext, bodyId?: string): Promise<Body> {
  if (!bodyId) return (await requireBody(ctx)).value;
  const body = await ctx.services.bodies.get(bodyId);
  if (!body) throw new NotFoundError('Organet finns inte. Kortet kan vara gammalt.');
  return body.value;
}

export const sendKallelseVerb = defineVerb({
  verb: 'kallelse.skicka',
  schema: z.object({ meetingId: id }),
  run: async (ctx, data) => {
    const body = await linkCallerInConversation(ctx, (await requireBody(ctx)).value);
    authorizeIn(ctx, 'kallelse.skicka', body);
    await requireMeeting(ctx, body, data.meetingId);
    const committed = await ctx.services.meetings.change(body.id, data.meetingId, {
      actor: actorOf(ctx),
      action: 'kallelse.skicka',
      summary: 'Kallelsen skickades',
      idempotencyKey: ctx.idempotencyKey,
      now: ctx.now,
      apply: (current) => {
        if (!current) throw new NotFoundError('Mötet finns inte längre.');
        if (current.status === 'kallat') throw new UserError('Kallelsen är redan skickad.', 'state');
        assertMove(current.status, 'kallat');
        if (current.items.length === 0) throw new UserError('Föredragningslistan är tom; lägg till ärenden innan kallelsen skickas.');
        return { ...current, status: 'kallat', kallelseSentAt: ctx.now.toISOString() };
      },
    });
    // The kallelse itself is posted as an effect of the change (domain/effects.ts).
    const meeting = committed.value;
    return replyCard(await previewCard(ctx, body, meeting), `Kallelsen till mötet ${swedishDateTime(meeting.start, meeting.end)} skickas nu.`);
  },
});

export const answerKallelseVerb = defineVerb({
  verb: 'kallelse.svara',
  schema: z.object({ bodyId: id.optional(), meetingId: id, answer: z.enum(['kommer', 'förhinder']) }),
  run: async (ctx, data) => {
    // Hot path: the body and the meeting are read side by side (the meeting's key follows from the
    // body id), and change() commits on that read: two sequential round trips in all.
    const [loadedBody, current] = await Promise.all([bodyFor(ctx, data.bodyId), ctx.services.meetings.get(data.bodyId ?? BodyRepo.idFor(ctx.conversationId), data.meetingId)]);
    const body = await linkCallerInConversation(ctx, loadedBody);
    const member = memberByAad(body, ctx.caller.id);
    if (!member) {
      throw new NotAllowedError(
        `Du står inte på ledamotslistan för ${body.name} med din Teams-identitet, så du kan inte svara på kallelsen. ` +
          'Står du på listan men är inte kopplad än: svara i organets egen chatt, där du är medlem. Kontakta annars sekreteraren.',
      );
    }
    authorizeIn(ctx, 'kallelse.svara', body);
    const committed = await ctx.services.meetings.change(body.id, data.meetingId, {
      actor: actorOf(ctx),
      action: 'kallelse.svara',
      summary: `${member.name} svarade ${data.answer}`,
      idempotencyKey: ctx.idempotencyKey,
      now: ctx.now,
      current,
      apply: (m: Meeting | undefined) => {
        if (!m) throw new NotFoundError(MEETING_NOT_FOUND);
        // An ersättare called in gets the request as an effect of this change.
        return answerKallelse(body, m, member, data.answer, ctx.now.toISOString()).meeting;
      },
    });
    return replyCard(personalKallelseCard(ctx, body, committed.value, member));
  },
});

/** Adaptive Card refresh: each person on the roster sees their own answer and the live summary. */
export const viewKallelseVerb = defineVerb({
  verb: 'kallelse.visa',
  schema: z.object({ bodyId: id.optional(), meetingId: id }),
  run: async (ctx, data) => {
    const body = await bodyFor(ctx, data.bodyId);
    authorizeIn(ctx, 'kallelse.visa', body);
    const meeting = await requireMeeting(ctx, body, data.meetingId);
    return replyCard(personalKallelseCard(ctx, body, meeting.value));
  },
});
