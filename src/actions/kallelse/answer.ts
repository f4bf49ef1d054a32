import { z } from 'zod';
import { defineAction } from '../action';
import { replyCard } from '../../bot/context';
import { actorOf, authorizeIn, callerOnRoster, requireBodyNamed, MEETING_NOT_FOUND } from '../../bot/guards';
import { NotFoundError } from '../../domain/errors';
import type { Meeting } from '../../domain/meeting';
import { answerKallelse } from '../../domain/rsvp';
import { linkCallerInConversation } from '../../bot/roster-link';
import { personalKallelseCard } from '../../bot/meeting-view';
import { BodyRepo } from '../../storage/bodies';
import { idSchema } from '../schemas';

/** Jag kommer / Förhinder on the kallelse; a Förhinder asks the ersättare in turn. */
export const answerKallelseAction = defineAction({
  name: 'kallelse.svara',
  rights: ['ledamot', 'ersättare', 'ordförande'],
  schema: z.object({ bodyId: idSchema.optional(), meetingId: idSchema, answer: z.enum(['kommer', 'förhinder']) }),
  aggregate: 'möte',
  sources: ['card'],
  run: async (ctx, data) => {
    // Hot path: the body and the meeting are read side by side (the meeting's key follows from the
    // body id), and change() commits on that read: two sequential round trips in all.
    const [loadedBody, current] = await Promise.all([requireBodyNamed(ctx, data.bodyId), ctx.services.meetings.get(data.bodyId ?? BodyRepo.idFor(ctx.conversationId), data.meetingId)]);
    const body = await linkCallerInConversation(ctx, loadedBody.value);
    const member = callerOnRoster(
      ctx,
      body,
      `Du står inte på ledamotslistan för ${body.name} med din Teams-identitet, så du kan inte svara på kallelsen. ` +
        'Står du på listan men är inte kopplad än: svara i organets egen chatt, där du är medlem. Kontakta annars sekreteraren.',
    );
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
        // An ersättare called in gets the request as an effect of this change (domain/effects.ts).
        return answerKallelse(body, m, member, data.answer, ctx.now.toISOString()).meeting;
      },
    });
    return replyCard(personalKallelseCard(ctx, body, committed.value, member));
  },
});
