import { defineCommand } from '../registry';

/** `nytt organ <namn>` + optional setting lines. */
export const newBodyCommand = defineCommand({
  name: 'nytt organ',
  pattern: /^nytt organ\b:?\s*(.*)$/i,
  actions: { 'organ.skapa': 'nytt organ Socialnämnden' },
  parse: (_ctx, { body, match }) => ({ action: 'organ.skapa', payload: { namn: match[1] ?? '', rader: body } }),
});

/** `organ` shows the body; `organ` + lines (Namn:, Profil:, …) changes its settings. */
export const bodyCommand = defineCommand({
  name: 'organ',
  pattern: /^organ:?$/i,
  actions: { 'organ.visa': 'organ', 'organ.ändra': 'organ\nProfil: samverkan' },
  parse: (_ctx, { body }) => (body.trim() ? { action: 'organ.ändra', payload: { rader: body } } : { action: 'organ.visa', payload: {} }),
});
