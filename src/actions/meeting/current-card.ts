import { z } from 'zod';
import { defineAction } from '../action';
import { UserError } from '../../domain/errors';
import { uppropCard } from '../../cards/upprop/upprop';
import { postLiveCard } from '../../bot/live-card';
import { loadMeeting } from './meeting-load';

/** `aktuellt ärende`: the secretary's current card posted again, as the one live card. */
export const showCurrentCard = defineAction({
  name: 'möte.kort',
  rights: ['sekreterare'],
  schema: z.object({}),
  aggregate: 'möte',
  sources: ['typed'],
  run: async (ctx) => {
    const { body, meeting } = await loadMeeting(ctx, 'möte.kort', undefined);
    if (meeting.status !== 'pågår') throw new UserError('Mötet pågår inte. Skriv "starta mötet" för att börja.', 'state');
    if (!meeting.attendance.confirmedAt) return { cards: [uppropCard(body, meeting)] };
    // One live card per meeting: this one replaces the one further up, which now points here.
    await postLiveCard(ctx, body, meeting);
    return {};
  },
});
