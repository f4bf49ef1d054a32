import { z } from 'zod';
import { defineAction } from '../action';
import type { Meeting } from '../../domain/meeting';
import { UserError } from '../../domain/errors';
import { closeMeeting as closeMeetingChange, paragraphsWithoutOutcome } from '../../domain/closing';
import { meetingClosedCard } from '../../cards/meeting-closed/meeting-closed';
import { closeConfirmCard } from '../../cards/close-confirm/close-confirm';
import { currentMeetingCard } from '../../bot/live-card';
import { boolish, idSchema } from '../schemas';
import { changeAndRefresh, loadMeeting } from './meeting-load';

/** "Mötet är avslutat. §§ 51–52 saknar utfall. Nästa möte: …" — said when the meeting closes, typed or pressed. */
function closedText(m: Meeting): string {
  const missing = paragraphsWithoutOutcome(m);
  return `Mötet är avslutat.${missing ? ` ${missing} saknar utfall.` : ''}${m.nextMeeting ? ` Nästa möte: ${m.nextMeeting}.` : ' Ange nästa möte med "nästa möte <datum>".'}`;
}

/**
 * Avsluta mötet: the button asks first (with the next meeting's date), the question card confirms;
 * typed "avsluta mötet" is the confirmation itself.
 */
export const closeMeeting = defineAction({
  name: 'möte.avsluta',
  rights: ['sekreterare'],
  // confirmed: Avsluta mötet on the question card; cancel: its Avbryt.
  schema: z.object({ meetingId: idSchema.optional(), nastaMote: z.string().max(200, 'högst 200 tecken').optional(), confirmed: boolish.optional(), cancel: boolish.optional() }),
  aggregate: 'möte',
  sources: ['card', 'typed'],
  run: async (ctx, d) => {
    // Typed, the meeting closed last is found too, so "avsluta mötet" said twice gets the button's answer.
    const { body, meeting, loaded } = await loadMeeting(ctx, 'möte.avsluta', d.meetingId, { afterwards: true });
    if (d.cancel) return { cards: [currentMeetingCard(body, meeting) ?? meetingClosedCard(body, meeting)] };
    if (meeting.status === 'avslutat') return { cards: [meetingClosedCard(body, meeting)], text: 'Mötet är redan avslutat.' };
    if (!d.confirmed && meeting.status === 'pågår') return { cards: [closeConfirmCard(body, meeting, d.nastaMote ?? '')] };
    const value = await changeAndRefresh(ctx, body, loaded, 'möte.avsluta', 'Mötet avslutades', (m) => {
      if (m.status === 'avslutat') throw new UserError('Mötet är redan avslutat.', 'state');
      return closeMeetingChange(m, d.nastaMote, ctx.now.toISOString());
    });
    return { text: closedText(value), cards: [meetingClosedCard(body, value)] };
  },
});
