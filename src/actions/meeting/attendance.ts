import { z } from 'zod';
import { defineAction } from '../action';
import { findMember } from '../../domain/names';
import { arrive, depart, servingChangeText } from '../../domain/serving';
import { quorumText } from '../../domain/quorum';
import { changeAndRefresh, loadMeeting } from './meeting-load';

/** `ankom <namn>` / `lämnar <namn>` between §§: presence, and who serves (tjänstgör) from here on. */
export const changeAttendance = defineAction({
  name: 'närvaro.ändra',
  rights: ['sekreterare'],
  schema: z.object({ change: z.enum(['ankom', 'lämnar']), name: z.string().min(1).max(200) }),
  aggregate: 'möte',
  sources: ['typed'],
  run: async (ctx, d) => {
    const { body, meeting, loaded } = await loadMeeting(ctx, 'närvaro.ändra', undefined);
    const who = findMember(body, d.name);
    const at = ctx.now.toISOString();
    const value = await changeAndRefresh(ctx, body, loaded, 'närvaro.ändra', `${who.name} ${d.change === 'ankom' ? 'ankom' : 'lämnade mötet'}`, (m) => (d.change === 'ankom' ? arrive(body, m, who, at) : depart(body, m, who, at)));
    return { text: [`${who.name} ${d.change === 'ankom' ? 'har kommit' : 'har lämnat mötet'}.`, ...servingChangeText(body, meeting, value), quorumText(body, value) ?? ''].filter(Boolean).join(' ') };
  },
});
