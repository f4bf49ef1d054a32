import { defineAction } from '../action';
import { FORM_VERBS, bodyFormLines, bodyFormSchema } from '../../cards/forms/forms';
import { submitAs } from './submit';

/** The settings form: as `organ` with Namn: and the setting lines. */
export const bodyForm = defineAction({
  name: FORM_VERBS.body,
  rights: ['sekreterare'],
  schema: bodyFormSchema,
  aggregate: 'organ',
  sources: ['card'],
  run: (ctx, form) => submitAs(ctx, 'organ.ändra', { rader: [`Namn: ${form.namn.replace(/\s+/g, ' ').trim()}`, ...bodyFormLines(form)].join('\n') }),
});
