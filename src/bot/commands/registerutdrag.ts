import { defineCommand } from '../registry';

/** `mina uppgifter` (registerutdrag) in the personal chat. */
export const registerExtractCommand = defineCommand({
  name: 'mina uppgifter',
  pattern: /^(mina uppgifter|registerutdrag)$/i,
  actions: { 'uppgifter.mina': 'mina uppgifter' },
  parse: () => ({ action: 'uppgifter.mina', payload: {} }),
});
