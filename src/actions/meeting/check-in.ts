import { z } from 'zod';
import { defineAction } from '../action';
import { callerOnRoster } from '../../bot/guards';
import { checkIn, withCheckIns } from '../../domain/attendance';
import { uppropCard } from '../../cards/upprop/upprop';
import { idSchema } from '../schemas';
import { loadMeeting } from './meeting-load';

/** Jag är här on the upprop card: a member checks themselves in (a row of its own; the upprop brings it into the meeting). */
export const checkInAction = defineAction({
  name: 'upprop.checkin',
  rights: ['medlem'],
  schema: z.object({ meetingId: idSchema }),
  aggregate: 'möte',
  sources: ['card'],
  run: async (ctx, d) => {
    const { body, meeting } = await loadMeeting(ctx, 'upprop.checkin', d.meetingId);
    const me = callerOnRoster(ctx, body);
    // Refused here as before (not started, upprop confirmed); the press itself is one row of its own,
    // so a full council checking in at once does not queue on the meeting document.
    checkIn(meeting, me);
    await ctx.services.presses.checkIn(body.id, meeting.id, me.id, ctx.now.toISOString());
    const all = await ctx.services.presses.checkIns(body.id, meeting.id);
    return { cards: [uppropCard(body, withCheckIns(meeting, all), `${me.name} är här.`)] };
  },
});
