import { defineCommand } from '../registry';

export const arendeloggCommand = defineCommand({
  name: 'ärendelogg',
  pattern: /^(ärendelogg|arendelogg)$/i,
  actions: { 'ärendelogg.visa': 'ärendelogg' },
  parse: () => ({ action: 'ärendelogg.visa', payload: {} }),
});

export const nyttArendeCommand = defineCommand({
  name: 'nytt ärende',
  pattern: /^nytt (ärende|arende)\b\s*(.*)$/i,
  actions: { 'ärendelogg.skapa': 'nytt ärende Ny förskola' },
  parse: (_ctx, { body, match }) => ({ action: 'ärendelogg.skapa', payload: { rubrik: match[2] ?? '', rader: body } }),
});

export const minaUppdragCommand = defineCommand({
  name: 'mina uppdrag',
  pattern: /^mina uppdrag$/i,
  actions: { 'uppdrag.mina': 'mina uppdrag' },
  parse: () => ({ action: 'uppdrag.mina', payload: {} }),
});
