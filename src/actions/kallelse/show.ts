import { z } from 'zod';
import { defineAction } from '../action';
import { replyCard } from '../../bot/context';
import { authorizeIn, requireBodyNamed, requireMeeting } from '../../bot/guards';
import { UserError } from '../../domain/errors';
import { personalKallelseCard, previewCard } from '../../bot/meeting-view';
import { idSchema } from '../schemas';

/**
 * The kallelse as this person sees it: the card's refresh (each person on the roster sees their own
 * answer and the live summary). Typed `kallelse` names no meeting: the coming one, which before it
 * is sent is the secretary's preview.
 */
export const showKallelse = defineAction({
  name: 'kallelse.visa',
  rights: ['alla'],
  schema: z.object({ bodyId: idSchema.optional(), meetingId: idSchema.optional() }),
  aggregate: 'inget',
  sources: ['card', 'typed'],
  run: async (ctx, data) => {
    const body = (await requireBodyNamed(ctx, data.bodyId)).value;
    authorizeIn(ctx, 'kallelse.visa', body);
    if (data.meetingId) return replyCard(personalKallelseCard(ctx, body, (await requireMeeting(ctx, body, data.meetingId)).value));
    const meeting = await ctx.services.meetings.current(body.id);
    if (!meeting || !(meeting.status === 'planerat' || meeting.status === 'kallat')) {
      throw new UserError('Det finns inget planerat möte. Skapa ett med "nytt möte" följt av datum och ärenden.', 'not_found');
    }
    if (meeting.status === 'planerat') {
      authorizeIn(ctx, 'möte.visa', body);
      return replyCard(await previewCard(ctx, body, meeting));
    }
    return replyCard(personalKallelseCard(ctx, body, meeting));
  },
});
