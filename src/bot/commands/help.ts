import { defineCommand } from '../registry';

export const helpCommand = defineCommand({
  name: 'hjälp',
  pattern: /^(hjälp|hjalp|help|\?)$/i,
  actions: { hjälp: 'hjälp' },
  parse: () => ({ action: 'hjälp', payload: {} }),
});
