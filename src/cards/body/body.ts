import template from './body.card.json';
import { renderTemplate, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import { secretaryIds, type Body } from '../../domain/body';
import { missingOrganisationsText } from '../../domain/body-setup';
import { DEFAULT_REMINDER_DAYS } from '../../domain/body-setup';

/** The body's settings, who is secretary, and which member organisations still lack a ledamot. */
export function bodyCard(body: Body): AdaptiveCard {
  const linkState = (r: Body['roster'][number]) => (!r.aadObjectId ? ' (inte kopplad i Teams än)' : r.linkConfirmedAt ? '' : ' (kopplad automatiskt, inte bekräftad än)');
  const secretaries = body.roster.filter((r) => r.secretary).map((r) => r.name + linkState(r));
  const facts = [
    { title: 'Profil', value: body.profile },
    { title: 'Diarieprefix', value: body.diariePrefix ?? '–' },
    { title: 'Justering', value: `inom ${body.justeringDays} dagar` },
    { title: 'Påminnelse', value: `${body.reminderDays ?? DEFAULT_REMINDER_DAYS} dagar före mötet` },
    { title: 'Organisationer', value: body.organisations.length ? body.organisations.join(', ') : '–' },
    { title: 'Sekreterare', value: secretaries.length ? secretaries.join(', ') : 'den som skapade organet' },
    { title: 'Ledamotslista', value: body.roster.length ? `${body.roster.length} personer` : 'inte inklistrad än' },
  ].map((f) => ({ title: f.title, value: escapeMarkdown(f.value) }));
  return renderTemplate(template, {
    name: escapeMarkdown(body.name),
    facts,
    missing: escapeMarkdown(missingOrganisationsText(body) ?? ''),
    next: body.roster.length ? 'Skriv "nytt möte" med datum och ärenden för att skapa ett möte.' : 'Klistra in ledamöterna med "ledamöter" följt av en rad per person, som i protokollet.',
  });
}
