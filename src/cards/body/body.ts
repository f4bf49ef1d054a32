import template from './body.card.json';
import { renderTemplate, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import type { Body } from '../../domain/body';
import { missingOrganisationsText } from '../../domain/body-setup';
import { DEFAULT_REMINDER_DAYS } from '../../domain/body-setup';
import { openFormAction } from '../forms/forms';

/** The body's settings, who is secretary, and which member organisations still lack a ledamot. */
export function bodyCard(body: Body): AdaptiveCard {
  const linkState = (r: Body['roster'][number]) => (!r.aadObjectId ? ' (inte kopplad i Teams än)' : r.linkConfirmedAt ? '' : ' (kopplad automatiskt, inte bekräftad än)');
  const secretaries = body.roster.filter((r) => r.secretary).map((r) => r.name + linkState(r));
  const facts = [
    { title: 'Profil', value: body.profile },
    { title: 'Diarieprefix', value: body.diariePrefix ?? '–' },
    { title: 'Justering', value: `inom ${body.justeringDays} dagar` },
    { title: 'Påminnelse', value: `${body.reminderDays ?? DEFAULT_REMINDER_DAYS} dagar före mötet` },
    ...(body.profile === 'kommunallagen'
      ? [
          { title: 'Förvaringsplats', value: body.forvaringsplats ?? 'inte angiven (anslagsbeviset behöver den: skriv "organ" och raden Förvaringsplats: …)' },
          { title: 'Huvudman', value: `${body.huvudman ?? 'kommun'} (anslag på ${body.huvudman === 'region' ? 'regionens' : 'kommunens'} anslagstavla)` },
        ]
      : []),
    { title: 'Organisationer', value: body.organisations.length ? body.organisations.join(', ') : '–' },
    { title: 'Sekreterare', value: secretaries.length ? secretaries.join(', ') : 'den som skapade organet' },
    { title: 'Ledamotslista', value: body.roster.length ? `${body.roster.length} personer` : 'inte inklistrad än' },
  ].map((f) => ({ title: f.title, value: escapeMarkdown(f.value) }));
  return renderTemplate(template, {
    name: escapeMarkdown(body.name),
    facts,
    missing: escapeMarkdown(missingOrganisationsText(body) ?? ''),
    next: body.roster.length
      ? 'Skapa ett möte: tryck Klistra in föredragningslistan (eller skriv "nytt möte" med datum och ärenden).'
      : 'Klistra in ledamöterna: tryck Klistra in ledamotslistan (eller skriv "ledamöter" följt av en rad per person, som i protokollet).',
    // The forms keep line breaks whatever the client does with a typed message.
    actions: [openFormAction('organ'), openFormAction('ledamöter'), openFormAction('nytt-möte')],
  });
}
