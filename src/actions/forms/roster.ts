import { defineAction } from '../action';
import { UserError } from '../../domain/errors';
import { FORM_VERBS, pasteFormSchema } from '../../cards/forms/forms';
import { submitAs } from './submit';

/** Klistra in ledamotslistan: as `ledamöter` with the pasted lines. */
export const rosterForm = defineAction({
  name: FORM_VERBS.roster,
  rights: ['sekreterare'],
  schema: pasteFormSchema,
  aggregate: 'organ',
  sources: ['card'],
  run: (ctx, { text }) => {
    if (!text.trim()) throw new UserError('Ledamotslistan är tom. Klistra in en rad per person och tryck Spara ledamotslistan igen.');
    return submitAs(ctx, 'ledamöter.ersätt', { rader: text.replace(/\r\n?/g, '\n') });
  },
});
