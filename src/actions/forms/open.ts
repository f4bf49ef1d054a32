import { defineAction } from '../action';
import type { BotContext } from '../../bot/context';
import { authorizeIn, requireBody } from '../../bot/guards';
import { FORM_VERBS, agendaFormCard, bodyFormCard, rosterFormCard, showFormSchema, type FormName } from '../../cards/forms/forms';

/** The form as a card; the settings form is filled with the body's current values. */
async function formCard(ctx: BotContext, form: FormName) {
  switch (form) {
    case 'nytt-organ':
      return bodyFormCard();
    case 'organ':
      return bodyFormCard((await requireBody(ctx)).value);
    case 'ledamöter':
      return rosterFormCard();
    case 'nytt-möte':
      return agendaFormCard();
  }
}

/** A form button (help card, body card, demo card): the form is posted as a new card below. */
export const openForm = defineAction({
  name: FORM_VERBS.show,
  // Anyone may open a form; submitting it is checked as the action it stands for.
  rights: ['alla'],
  schema: showFormSchema,
  aggregate: 'inget',
  sources: ['card'],
  run: async (ctx, { form }) => {
    authorizeIn(ctx, FORM_VERBS.show, undefined);
    return { text: 'Formuläret finns nedan.', post: [await formCard(ctx, form)] };
  },
});
