import { z } from 'zod';
import { defineAction } from '../action';
import { idSchema } from '../schemas';
import { createProtocol } from './protocol-flow';

/** Skapa protokollutkast: version 1 of the closed meeting's protocol. */
export const createProtocolAction = defineAction({
  name: 'protokoll.skapa',
  rights: ['sekreterare'],
  schema: z.object({ bodyId: idSchema.optional(), meetingId: idSchema.optional() }),
  aggregate: 'möte',
  sources: ['card'],
  run: (ctx, d) => createProtocol(ctx, 'protokoll.skapa', d.bodyId, d.meetingId),
});
