import { defineCommand } from '../registry';

/** `nytt möte` + Datum/Plats/Diarienummer + the items as a protocol prints them. */
export const newMeetingCommand = defineCommand({
  name: 'nytt möte',
  pattern: /^nytt möte:?$/i,
  actions: { 'möte.skapa': 'nytt möte\nDatum: 2031-02-10 09.00-10.00\n1. Budget' },
  parse: (_ctx, { body }) => ({ action: 'möte.skapa', payload: { rader: body } }),
});

/** `kallelse`: the secretary's preview of the coming meeting (before it is sent) or the kallelse with its live summary. */
export const kallelseCommand = defineCommand({
  name: 'kallelse',
  pattern: /^(kallelse|kallelsen)$/i,
  actions: { 'kallelse.visa': 'kallelse' },
  parse: () => ({ action: 'kallelse.visa', payload: {} }),
});
