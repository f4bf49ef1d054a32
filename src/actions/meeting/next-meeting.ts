import { z } from 'zod';
import { defineAction } from '../action';
import { nextMeetingText, setNextMeeting } from '../../domain/closing';
import { changeAndRefresh, loadMeeting } from './meeting-load';

/** `nästa möte fredag 18 mars`: the next meeting, for the protocol (also after the meeting, before justering). */
export const setNextMeetingAction = defineAction({
  name: 'möte.nästa',
  rights: ['sekreterare'],
  schema: z.object({ text: z.string().min(1).max(2000) }),
  aggregate: 'möte',
  sources: ['typed'],
  run: async (ctx, d) => {
    const { body, loaded } = await loadMeeting(ctx, 'möte.nästa', undefined, { afterwards: true });
    const value = await changeAndRefresh(ctx, body, loaded, 'möte.nästa', `Nästa möte: ${d.text}`, (m) => setNextMeeting(m, d.text));
    // The text as typed with the year put in ("fredag 19 mars 2027"), not the same day said twice.
    return { text: `Nästa möte: ${nextMeetingText(value)}.` };
  },
});
