import { z } from 'zod';
import { defineAction } from '../action';
import { replyCard } from '../../bot/context';
import { actorOf, authorizeIn, requireBody, requireMeeting } from '../../bot/guards';
import { UserError, NotFoundError } from '../../domain/errors';
import { assertMove } from '../../domain/lifecycle';
import { swedishDateTime } from '../../domain/meeting-time';
import { linkCallerInConversation } from '../../bot/roster-link';
import { previewCard } from '../../bot/meeting-view';
import { idSchema } from '../schemas';

/** Skicka kallelse on the preview: the meeting is kallat and the kallelse card is posted (through the outbox). */
export const sendKallelse = defineAction({
  name: 'kallelse.skicka',
  rights: ['sekreterare'],
  schema: z.object({ meetingId: idSchema }),
  aggregate: 'möte',
  sources: ['card'],
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
