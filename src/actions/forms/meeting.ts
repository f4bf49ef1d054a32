import { defineAction } from '../action';
import { UserError } from '../../domain/errors';
import { FORM_VERBS, pasteFormSchema } from '../../cards/forms/forms';
import { submitAs } from './submit';

/** Klistra in föredragningslistan: as `nytt möte` with the pasted lines. */
export const meetingForm = defineAction({
  name: FORM_VERBS.meeting,
  rights: ['sekreterare'],
  schema: pasteFormSchema,
  aggregate: 'möte',
  sources: ['card'],
  run: (ctx, { text }) => {
    if (!text.trim()) throw new UserError('Föredragningslistan är tom. Klistra in datum och ärenden och tryck Skapa mötet igen.');
    return submitAs(ctx, 'möte.skapa', { rader: text.replace(/\r\n?/g, '\n') });
  },
});
