import template from './roster.card.json';
import { renderTemplate, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import { ersattare, ledamoter, tjanstepersoner, type Body } from '../../domain/body';
import { missingOrganisationsText } from '../../domain/body-setup';
import { unlinked } from '../../domain/roster';
import { joinSv } from '../../domain/sv-text';

/** After a roster paste: how many of each, who is not linked to Teams yet, which organisations lack a ledamot. */
export function rosterCard(body: Body): AdaptiveCard {
  const secretaries = body.roster.filter((r) => r.secretary).map((r) => r.name);
  const counts = [
    { title: 'Ledamöter', value: String(ledamoter(body).length) },
    { title: 'Ersättare', value: String(ersattare(body).length) },
    { title: 'Tjänstepersoner', value: String(tjanstepersoner(body).length) },
    { title: 'Sekreterare', value: secretaries.length ? joinSv(secretaries) : 'den som skapade organet' },
  ].map((f) => ({ title: f.title, value: escapeMarkdown(f.value) }));
  const notLinked = unlinked(body.roster).map((r) => r.name);
  return renderTemplate(template, {
    name: escapeMarkdown(body.name),
    counts,
    unlinked: notLinked.length
      ? escapeMarkdown(`Inte kopplade till Teams än (${notLinked.length}): ${joinSv(notLinked)}. De kopplas när de svarar på ett kort under samma namn.`)
      : '',
    missing: escapeMarkdown(missingOrganisationsText(body) ?? ''),
  });
}
