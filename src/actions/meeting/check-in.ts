import { z } from 'zod';
import { defineAction } from '../action';
import { changeMeeting } from '../../bot/meeting-flow';
import { callerOnRoster } from '../../bot/guards';
import { checkIn } from '../../domain/attendance';
import { uppropCard } from '../../cards/upprop/upprop';
import { idSchema } from '../schemas';
import { loadMeeting } from './meeting-load';

/** Jag är här on the upprop card: a member checks themselves in. */
export const checkInAction = defineAction({
  name: 'upprop.checkin',
  rights: ['medlem'],
  schema: z.object({ meetingId: idSchema }),
  aggregate: 'möte',
  sources: ['card'],
  run: async (ctx, d) => {
    const { body, loaded } = await loadMeeting(ctx, 'upprop.checkin', d.meetingId);
    const me = callerOnRoster(ctx, body);
    const { value } = await changeMeeting(ctx, body, d.meetingId, 'upprop.checkin', `${me.name} checkade in`, (m) => checkIn(m, me), '', loaded);
    return { cards: [uppropCard(body, value, `${me.name} är här.`)] };
  },
});
