import { z } from 'zod';
import { defineAction } from '../action';
import { authorizeIn, requireBodyNamed } from '../../bot/guards';
import { recordAnslag } from '../../domain/protocol/versions';
import { localToday, secretaryCard } from '../../bot/protocol-cards';
import { changeProtocol, protocolMeeting, protocolRef } from './protocol-flow';
import { ANSLAGSTAVLA_PATH } from '../../http/public-links';

/** Anslag: the day the justerade protocol was put on the anslagstavla (today unless given). */
export const recordAnslagAction = defineAction({
  name: 'protokoll.anslå',
  rights: ['sekreterare'],
  schema: protocolRef.extend({ date: z.string().trim().max(10).optional() }),
  aggregate: 'möte',
  sources: ['card'],
  run: async (ctx, d) => {
    const body = (await requireBodyNamed(ctx, d.bodyId)).value;
    const meeting = await protocolMeeting(ctx, body, d.meetingId);
    authorizeIn(ctx, 'protokoll.anslå', body, meeting);
    const date = d.date || localToday(ctx.now);
    const at = ctx.now.toISOString();
    const { value } = await changeProtocol(ctx, body, meeting, 'protokoll.anslå', `Anslag ${date}`, (m) => recordAnslag(body, m, date, at, ctx.caller.name));
    // Onto the public anslagstavla. The anslag itself is recorded: a failed index write is made up by the hourly repair.
    await ctx.services.anslagstavla.record(body, value).catch((err) => ctx.services.log.warn({ err: { message: (err as Error).message } }, 'anslagstavla: index row not written'));
    const board = `${ctx.services.config.publicUrl}${ANSLAGSTAVLA_PATH}?organ=${encodeURIComponent(body.id)}`;
    return { cards: [secretaryCard(ctx.services, body, value, ctx.now, `Anslaget är antecknat: ${date}. Det visas på anslagstavlan: ${board}`)] };
  },
});
