import { defineCommand } from '../registry';
import { parseCorrection } from '../../domain/person-request';

/** `rätta mina uppgifter <vad som är fel>` (personal chat). */
export const correctionCommand = defineCommand({
  name: 'rätta mina uppgifter',
  pattern: /^rätta mina uppgifter\b:?\s*(.*)$/i,
  actions: { 'uppgifter.rätta': 'rätta mina uppgifter Mitt namn är felstavat' },
  parse: (_ctx, { match, body }) => ({ action: 'uppgifter.rätta', payload: { text: parseCorrection([match[1], body].filter(Boolean).join('\n')) } }),
});

/** `radera mina uppgifter` (personal chat). */
export const erasureCommand = defineCommand({
  name: 'radera mina uppgifter',
  pattern: /^radera mina uppgifter$/i,
  actions: { 'uppgifter.radera': 'radera mina uppgifter' },
  parse: () => ({ action: 'uppgifter.radera', payload: {} }),
});
