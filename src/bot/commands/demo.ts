import { defineCommand } from '../registry';

/** Local mode only: `demo` makes this chat a demo body (src/actions/demo). */
export const demoCommand = defineCommand({
  name: 'demo',
  pattern: /^demo$/i,
  actions: { 'demo.skapa': 'demo' },
  parse: () => ({ action: 'demo.skapa', payload: {} }),
});

/** `agera som <namn>`: the next action counts as that cast member. */
export const actAsCommand = defineCommand({
  name: 'agera som',
  pattern: /^agera som\s+(.+)$/i,
  actions: { 'demo.agera': 'agera som Megan Bowen' },
  parse: (_ctx, { match }) => ({ action: 'demo.agera', payload: { name: match[1].trim().replace(/\s+/g, ' ').slice(0, 200) } }),
});
