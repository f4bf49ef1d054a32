/**
 * The card forms' verbs. Opening a form posts it as a new card; submitting one builds the lines the
 * typed command reads and runs that command, so a form and a typed message can never disagree.
 */
import { defineCommand, defineVerb, type Command } from '../registry';
import type { BotContext, Reply } from '../context';
import { authorizeIn, requireBody } from '../guards';
import { newBodyCommand, bodyCommand } from '../commands/body';
import { rosterCommand } from '../commands/roster';
import { newMeetingCommand } from '../commands/meeting';
import { UserError } from '../../domain/errors';
import {
  FORM_VERBS,
  agendaFormCard,
  bodyFormCard,
  bodyFormLines,
  bodyFormSchema,
  pasteFormSchema,
  rosterFormCard,
  showFormSchema,
  type FormName,
} from '../../cards/forms/forms';

/** Runs a typed command from the lines a form stands for. */
function runAsTyped(ctx: BotContext, command: Command, firstLine: string, lines: string[]): Promise<Reply> {
  const match = firstLine.match(command.pattern);
  if (!match) throw new UserError('Formuläret kunde inte läsas. Inget har ändrats.');
  return command.run(ctx, { firstLine, body: lines.join('\n'), match });
}

/** The form as a card; the settings form is filled with the body's current values. */
export async function formCard(ctx: BotContext, form: FormName) {
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

export const showFormVerb = defineVerb({
  verb: FORM_VERBS.show,
  schema: showFormSchema,
  // Anyone may open a form; submitting it is checked as the typed command is.
  run: async (ctx, { form }) => {
    authorizeIn(ctx, FORM_VERBS.show, undefined);
    return { text: 'Formuläret finns nedan.', post: [await formCard(ctx, form)] };
  },
});

export const newBodyFormVerb = defineVerb({
  verb: FORM_VERBS.newBody,
  schema: bodyFormSchema,
  // One line per name: a line break typed into the name field must not become a setting line.
  run: (ctx, form) => runAsTyped(ctx, newBodyCommand, `nytt organ ${form.namn.replace(/\s+/g, ' ').trim()}`, bodyFormLines(form)),
});

export const bodyFormVerb = defineVerb({
  verb: FORM_VERBS.body,
  schema: bodyFormSchema,
  run: (ctx, form) => runAsTyped(ctx, bodyCommand, 'organ', [`Namn: ${form.namn.replace(/\s+/g, ' ').trim()}`, ...bodyFormLines(form)]),
});

export const rosterFormVerb = defineVerb({
  verb: FORM_VERBS.roster,
  schema: pasteFormSchema,
  run: (ctx, { text }) => {
    if (!text.trim()) throw new UserError('Ledamotslistan är tom. Klistra in en rad per person och tryck Spara ledamotslistan igen.');
    return runAsTyped(ctx, rosterCommand, 'ledamöter', text.replace(/\r\n?/g, '\n').split('\n'));
  },
});

export const meetingFormVerb = defineVerb({
  verb: FORM_VERBS.meeting,
  schema: pasteFormSchema,
  run: (ctx, { text }) => {
    if (!text.trim()) throw new UserError('Föredragningslistan är tom. Klistra in datum och ärenden och tryck Skapa mötet igen.');
    return runAsTyped(ctx, newMeetingCommand, 'nytt möte', text.replace(/\r\n?/g, '\n').split('\n'));
  },
});

export const FORM_VERB_LIST = [showFormVerb, newBodyFormVerb, bodyFormVerb, rosterFormVerb, meetingFormVerb];

/**
 * "nytt möte Datum: … 1. Rubrik" or "ledamöter Carin Nilsson (s) …" on one line: the lines were lost
 * on the way (the Agents Playground drops them). Refused, pointing to the form, instead of "not understood".
 */
export const swallowedLinesCommand = defineCommand({
  name: 'rader på en rad',
  pattern: /^(nytt möte|ledamöter|ledamotslista)\s*:?\s*(\S.*)$/i,
  run: async (_ctx, { match }) => {
    const agenda = /^nytt/i.test(match[1]);
    const form = agenda ? 'Klistra in föredragningslistan' : 'Klistra in ledamotslistan';
    const typed = agenda ? '"nytt möte" ensamt' : '"organ" och tryck Klistra in ledamotslistan';
    throw new UserError(
      `"${match[1]}" ska stå ensamt på första raden, med ${agenda ? 'datum och ärenden' : 'en person per rad'} på raderna under. Här kom allt på en rad, troligen för att radbrytningarna försvann på vägen. Inget har sparats. Använd formuläret ${form}: tryck knappen på hjälpkortet, eller skriv ${typed}.`,
      'swallowed_lines',
    );
  },
});
