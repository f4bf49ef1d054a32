import { UserError } from '../../domain/errors';
import { defineCommand } from '../registry';

/**
 * "nytt möte Datum: … 1. Rubrik" or "ledamöter Carin Nilsson (s) …" on one line: the lines were lost
 * on the way (the Agents Playground drops them). Refused, pointing to the form, instead of "not understood".
 */
export const swallowedLinesCommand = defineCommand({
  name: 'rader på en rad',
  pattern: /^(nytt möte|ledamöter|ledamotslista)\s*:?\s*(\S.*)$/i,
  actions: {},
  parse: (_ctx, { match }) => {
    const agenda = /^nytt/i.test(match[1]);
    const form = agenda ? 'Klistra in föredragningslistan' : 'Klistra in ledamotslistan';
    const typed = agenda ? '"nytt möte" ensamt' : '"organ" och tryck Klistra in ledamotslistan';
    throw new UserError(
      `"${match[1]}" ska stå ensamt på första raden, med ${agenda ? 'datum och ärenden' : 'en person per rad'} på raderna under. Här kom allt på en rad, troligen för att radbrytningarna försvann på vägen. Inget har sparats. Använd formuläret ${form}: tryck knappen på hjälpkortet, eller skriv ${typed}.`,
      'swallowed_lines',
    );
  },
});
