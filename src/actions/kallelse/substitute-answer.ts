import { z } from 'zod';
import { defineAction } from '../action';
import { replyCard } from '../../bot/context';
import { actorOf, authorizeIn, callerOnRoster, requireBodyNamed, MEETING_NOT_FOUND } from '../../bot/guards';
import { NotAllowedError, NotFoundError } from '../../domain/errors';
import { answerSubstitute } from '../../domain/rsvp';
import { substituteRequestCard } from '../../cards/substitute-request/substitute-request';
import { idSchema } from '../schemas';

/** The ersättare's answer in personal chat: Ja, jag tjänstgör / Nej (a no asks the next in turn). */
export const answerSubstituteAction = defineAction({
  name: 'ersättare.svara',
  rights: ['ersättare'],
  schema: z.object({ bodyId: idSchema, meetingId: idSchema, forMemberId: idSchema, answer: z.enum(['ja', 'nej']) }),
  aggregate: 'möte',
  sources: ['card'],
  run: async (ctx, data) => {
    const body = (await requireBodyNamed(ctx, data.bodyId)).value;
    authorizeIn(ctx, 'ersättare.svara', body);
    const me = callerOnRoster(ctx, body);
    const forMember = body.roster.find((r) => r.id === data.forMemberId);
    if (!forMember) throw new NotFoundError('Frågan hör inte till dig eller till det här organet.');
    const committed = await ctx.services.meetings.change(body.id, data.meetingId, {
      actor: actorOf(ctx),
      action: 'ersättare.svara',
      summary: `${me.name} svarade ${data.answer} på att tjänstgöra för ${forMember.name}`,
      idempotencyKey: ctx.idempotencyKey,
      now: ctx.now,
      apply: (current) => {
        if (!current) throw new NotFoundError(MEETING_NOT_FOUND);
        if (!current.substitutes.some((c) => c.askedMemberId === me.id && c.forMemberId === forMember.id)) {
          throw new NotAllowedError(`Du har inte blivit tillfrågad att tjänstgöra för ${forMember.name}.`);
        }
        // The next ersättare asked (after a no) gets the request as an effect of this change.
        return answerSubstitute(body, current, me, forMember.id, data.answer, ctx.now.toISOString()).meeting;
      },
    });
    return replyCard(substituteRequestCard(body, committed.value, forMember, data.answer));
  },
});
