/**
 * Card forms for everything that takes several lines (a body's settings, the roster, the agenda).
 * Clients do not agree on how a typed message keeps its line breaks (the Agents Playground drops
 * them); an Input.Text with isMultiline always keeps them. Each form's submit is parsed with zod and
 * turned into the payload the typed command would parse from the same lines (src/actions/forms).
 */
import { z } from 'zod';
import bodyTemplate from './body-form.card.json';
import pasteTemplate from './paste-form.card.json';
import { renderTemplate, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import type { Body } from '../../domain/body';
import { AGENDA_EXAMPLE } from '../../domain/agenda-parser';

export const FORM_VERBS = {
  show: 'formulär.visa',
  newBody: 'formulär.nytt-organ',
  body: 'formulär.organ',
  roster: 'formulär.ledamöter',
  meeting: 'formulär.nytt-möte',
} as const;

export const FORM_NAMES = ['nytt-organ', 'organ', 'ledamöter', 'nytt-möte'] as const;
export type FormName = (typeof FORM_NAMES)[number];

/** The buttons that open each form, as they read on the help card and the body card. */
export const FORM_TITLES: Record<FormName, string> = {
  'nytt-organ': 'Nytt organ (formulär)',
  organ: 'Ändra inställningar (formulär)',
  ledamöter: 'Klistra in ledamotslistan',
  'nytt-möte': 'Klistra in föredragningslistan',
};

export const showFormSchema = z.object({ form: z.enum(FORM_NAMES) });

const optionalField = (max: number) => z.string().max(max).optional().transform((v) => v?.trim() || undefined);

export const bodyFormSchema = z.object({
  namn: z.string().max(200),
  profil: optionalField(40),
  diarieprefix: optionalField(40),
  justering: optionalField(10),
  paminnelse: optionalField(10),
  forvaringsplats: optionalField(200),
  huvudman: optionalField(20),
  organisationer: optionalField(4000),
});
export type BodyForm = z.infer<typeof bodyFormSchema>;

export const pasteFormSchema = z.object({ text: z.string().max(20000) });

/** An Action.Execute that opens a form as a new card below the one pressed. */
export function openFormAction(form: FormName): Record<string, unknown> {
  return { type: 'Action.Execute', title: FORM_TITLES[form], verb: FORM_VERBS.show, data: { form } };
}

export function bodyFormCard(body?: Body): AdaptiveCard {
  return renderTemplate(bodyTemplate, {
    heading: escapeMarkdown(body ? `Inställningar för ${body.name}` : 'Nytt organ'),
    intro: body
      ? 'Ändra det som ska ändras och tryck Spara. Bara sekreteraren kan spara.'
      : 'Knyter den här chatten eller kanalen till en nämnd, ett råd eller ett samverkansorgan. Du blir sekreterare tills ledamotslistan anger en.',
    namn: body?.name ?? '',
    profil: body?.profile ?? 'kommunallagen',
    diarieprefix: body?.diariePrefix ?? '',
    justering: body ? String(body.justeringDays) : '',
    paminnelse: body?.reminderDays !== undefined ? String(body.reminderDays) : '',
    // Input values are plain text, not Markdown: no escaping.
    forvaringsplats: body?.forvaringsplats ?? '',
    huvudman: body?.huvudman ?? 'kommun',
    organisationer: (body?.organisations ?? []).join('\n'),
    submit: body ? 'Spara' : 'Skapa organet',
    verb: body ? FORM_VERBS.body : FORM_VERBS.newBody,
  });
}

export function rosterFormCard(): AdaptiveCard {
  return renderTemplate(pasteTemplate, {
    heading: 'Klistra in ledamotslistan',
    intro: 'En rad per person som i protokollet: namn, parti inom parentes, organisation och roll. Tjänstepersoner efter raden "Tjänstepersoner:". Listan ersätter den som finns.',
    label: 'Ledamotslistan',
    placeholder: 'Carin Nilsson (s) Umeå kommun, ordförande\nAnna-Lena Danielsson (s) Region Västerbotten\nKenneth Andersson (s) Region Västerbotten, ersättare\nTjänstepersoner:\nMaria Lind, sekreterare',
    errorMessage: 'Klistra in minst en person.',
    submit: 'Spara ledamotslistan',
    verb: FORM_VERBS.roster,
  });
}

export function agendaFormCard(): AdaptiveCard {
  return renderTemplate(pasteTemplate, {
    heading: 'Klistra in föredragningslistan',
    intro: 'Först Datum:, Plats: och Diarienummer:, sedan ärendena som i protokollet ("44. Rubrik", typ, Föredragande:, Bilaga, Förslag till beslut:). Mötet skapas som planerat; kallelsen skickas först när du trycker Skicka kallelse.',
    label: 'Föredragningslistan',
    placeholder: AGENDA_EXAMPLE.split('\n').slice(1).join('\n'),
    errorMessage: 'Klistra in datum och minst ett ärende.',
    submit: 'Skapa mötet',
    verb: FORM_VERBS.meeting,
  });
}

/** The setting lines a body form stands for, exactly as a secretary would type them under `nytt organ` / `organ`. */
export function bodyFormLines(form: BodyForm): string[] {
  const lines: string[] = [];
  if (form.profil) lines.push(`Profil: ${form.profil}`);
  if (form.diarieprefix) lines.push(`Diarieprefix: ${form.diarieprefix}`);
  if (form.justering) lines.push(`Justering: ${form.justering}`);
  if (form.paminnelse) lines.push(`Påminnelse: ${form.paminnelse}`);
  if (form.forvaringsplats) lines.push(`Förvaringsplats: ${form.forvaringsplats}`);
  if (form.huvudman) lines.push(`Huvudman: ${form.huvudman}`);
  if (form.organisationer) {
    const orgs = form.organisationer.split(/[\n,;]/).map((o) => o.trim()).filter(Boolean);
    if (orgs.length) lines.push(`Organisationer: ${orgs.join(', ')}`);
  }
  return lines;
}
