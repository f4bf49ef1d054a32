import { z } from 'zod';
import { defineAction } from '../action';
import { submitRequest } from './submit-request';

/** `radera mina uppgifter` (personal chat). */
export const requestErasure = defineAction({
  name: 'uppgifter.radera',
  rights: ['alla'],
  schema: z.object({}),
  aggregate: 'begäran',
  sources: ['typed'],
  run: (ctx) => submitRequest(ctx, 'radering'),
});
