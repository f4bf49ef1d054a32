import { z } from 'zod';
import { defineAction } from '../action';
import { authorizeIn, requireBody } from '../../bot/guards';
import { secretaryCard, verifiedForShowing } from '../../bot/protocol-cards';
import { createProtocol, protocolMeeting } from './protocol-flow';

/**
 * `protokoll [datum]`: the draft for the meeting that just closed is created (by the secretary), or
 * the protocol of the meeting closed last, or of the meeting that day ("protokoll 18 december"), is shown.
 */
export const openProtocol = defineAction({
  name: 'protokoll.öppna',
  rights: ['medlem', 'sekreterare'],
  schema: z.object({ datum: z.string().max(200).optional() }),
  aggregate: 'möte',
  sources: ['typed'],
  run: async (ctx, d) => {
    const body = (await requireBody(ctx)).value;
    const meeting = await protocolMeeting(ctx, body, undefined, d.datum);
    if (meeting.status === 'avslutat' && meeting.protocol.length === 0) return createProtocol(ctx, 'protokoll.skapa', body.id, meeting.id);
    authorizeIn(ctx, 'protokoll.öppna', body, meeting);
    return { cards: [secretaryCard(ctx.services, body, await verifiedForShowing(ctx.services, meeting), ctx.now)] };
  },
});
