import { z } from 'zod';
import { defineAction } from '../action';
import { submitRequest } from './submit-request';

/** `rätta mina uppgifter <vad som är fel>` (personal chat). */
export const requestCorrection = defineAction({
  name: 'uppgifter.rätta',
  rights: ['alla'],
  schema: z.object({ text: z.string().max(20000) }),
  aggregate: 'begäran',
  sources: ['typed'],
  run: (ctx, d) => submitRequest(ctx, 'rättelse', d.text),
});
