import { defineCommand } from '../registry';

/** `protokoll [datum]`: create or show the protocol (src/actions/protocol/open.ts). */
export const protokollCommand = defineCommand({
  name: 'protokoll',
  pattern: /^protokoll(?:utkast)?(?:\s+(.+))?$/i,
  actions: { 'protokoll.öppna': 'protokoll' },
  parse: (_ctx, { match }) => ({ action: 'protokoll.öppna', payload: match[1] ? { datum: match[1].slice(0, 200) } : {} }),
});
