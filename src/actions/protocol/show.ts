import { z } from 'zod';
import { defineAction } from '../action';
import { authorizeIn, requireBodyNamed } from '../../bot/guards';
import { UserError } from '../../domain/errors';
import { latestVersion } from '../../domain/protocol/versions';
import { secretaryCard, verifiedForShowing } from '../../bot/protocol-cards';
import { idSchema } from '../schemas';
import { protocolMeeting } from './protocol-flow';

/** The protocol card: the latest version, its justering and its documents. */
export const showProtocol = defineAction({
  name: 'protokoll.visa',
  rights: ['medlem', 'sekreterare'],
  schema: z.object({ bodyId: idSchema.optional(), meetingId: idSchema.optional() }),
  aggregate: 'inget',
  sources: ['card'],
  run: async (ctx, d) => {
    const body = (await requireBodyNamed(ctx, d.bodyId)).value;
    const meeting = await protocolMeeting(ctx, body, d.meetingId);
    authorizeIn(ctx, 'protokoll.visa', body, meeting);
    if (!latestVersion(meeting)) throw new UserError('Det finns inget protokollutkast ännu.', 'state');
    return { cards: [secretaryCard(ctx.services, body, await verifiedForShowing(ctx.services, meeting), ctx.now)] };
  },
});
