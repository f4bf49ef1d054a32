import { z } from 'zod';
import { defineAction } from '../action';
import { replyCard } from '../../bot/context';
import { requireBody } from '../../bot/guards';
import { bodyCard } from '../../cards/body/body';

/** `organ` alone: the body's card, for anyone in its conversation. */
export const showBody = defineAction({
  name: 'organ.visa',
  rights: ['alla'],
  schema: z.object({}),
  aggregate: 'inget',
  sources: ['typed'],
  run: async (ctx) => replyCard(bodyCard((await requireBody(ctx)).value)),
});
