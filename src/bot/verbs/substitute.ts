import { z } from 'zod';
import { defineVerb } from '../registry';
import { replyCard } from '../context';
import { actorOf, authorizeIn } from '../guards';
import { NotAllowedError, NotFoundError } from '../../domain/errors';
import { memberByAad } from '../../domain/body';
import { answerSubstitute } from '../../domain/rsvp';
import { substituteRequestCard } from '../../cards/substitute-request/substitute-request';
import { bodyFor } from './kallelse';

const MEETING_NOT_FOUND = 'Mötet finns inte i det här organet. Kortet kan höra till ett annat organ eller vara gammalt.';
const id = z.string().min(1).max(40).regex(/^[A-Za-z0-9]+$/);

/** The ersättare's answer in personal chat: Ja, jag tjänstgör / Nej (a no asks the next in turn). */
export const answerSubstituteVerb = defineVerb({
  verb: 'ersättare.svara',
  schema: z.object({ bodyId: id, meetingId: id, forMemberId: id, answer: z.enum(['ja', 'nej']) }),
  run: async (ctx, data) => {
    const body = await bodyFor(ctx, data.bodyId);
    const me = memberByAad(body, ctx.caller.id);
    authorizeIn(ctx, 'ersättare.svara', body);
    const forMember = body.roster.find((r) => r.id === data.forMemberId);
    if (!me || !forMember) throw new NotFoundError('Frågan hör inte till dig eller till det här organet.');
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
