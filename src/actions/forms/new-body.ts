import { defineAction } from '../action';
import { FORM_VERBS, bodyFormLines, bodyFormSchema } from '../../cards/forms/forms';
import { submitAs } from './submit';

/** The Nytt organ form: as `nytt organ <namn>` with its setting lines. */
export const newBodyForm = defineAction({
  name: FORM_VERBS.newBody,
  rights: ['alla'],
  schema: bodyFormSchema,
  aggregate: 'organ',
  sources: ['card'],
  // One line per name: a line break typed into the name field must not become a setting line.
  run: (ctx, form) => submitAs(ctx, 'organ.skapa', { namn: form.namn.replace(/\s+/g, ' ').trim(), rader: bodyFormLines(form).join('\n') }),
});
