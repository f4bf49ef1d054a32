import { defineCommand } from '../registry';

/** `ledamöter` alone shows the roster; with the roster on the lines under it, replaces it. */
export const rosterCommand = defineCommand({
  name: 'ledamöter',
  pattern: /^(ledamöter|ledamotslista):?$/i,
  actions: { 'ledamöter.visa': 'ledamöter', 'ledamöter.ersätt': 'ledamöter\nCarin Nilsson (s) Umeå kommun, ordförande' },
  parse: (_ctx, { body }) => (body.trim() ? { action: 'ledamöter.ersätt', payload: { rader: body } } : { action: 'ledamöter.visa', payload: {} }),
});
