import template from './roster.card.json';
import { renderTemplate, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import { rosterLine } from '../upprop/upprop';
import { ersattare, ledamoter, tjanstepersoner, type Body, type RosterEntry } from '../../domain/body';
import { missingOrganisationsText } from '../../domain/body-setup';
import { unlinked } from '../../domain/roster';
import { joinSv } from '../../domain/sv-text';

/** Entries listed one by one; a larger roster lists those awaiting confirmation first (Teams' card size limit). */
export const MAX_LISTED = 32;

const HOW_LINKED =
  'Paragraf kopplar en person på listan till den medlem i den här chatten som enligt Teams medlemslista har exakt samma namn, när listan klistras in eller när personen själv svarar här. Sekreteraren bekräftar eller ångrar varje automatisk koppling; en ångrad koppling görs inte om automatiskt.';

function linkText(r: RosterEntry): { link: string; color: string } {
  if (!r.aadObjectId) return { link: 'Inte kopplad till Teams än', color: 'Warning' };
  const who = r.teamsName ? `Teams: ${r.teamsName}` : 'Teams: (namnet okänt)';
  return r.linkConfirmedAt ? { link: `${who} · bekräftad`, color: 'Good' } : { link: `${who} · kopplad automatiskt — bekräfta / ångra`, color: 'Default' };
}

/**
 * The roster: how many of each, each person and whether and to whom in Teams they are linked,
 * which organisations lack a ledamot. For the secretary, automatic links carry Bekräfta and
 * Ångra, confirmed ones Ångra.
 */
export function rosterCard(body: Body, opts: { forSecretary?: boolean } = {}): AdaptiveCard {
  const secretaries = body.roster.filter((r) => r.secretary).map((r) => r.name);
  const counts = [
    { title: 'Ledamöter', value: String(ledamoter(body).length) },
    { title: 'Ersättare', value: String(ersattare(body).length) },
    { title: 'Tjänstepersoner', value: String(tjanstepersoner(body).length) },
    { title: 'Sekreterare', value: secretaries.length ? joinSv(secretaries) : 'den som skapade organet' },
  ].map((f) => ({ title: f.title, value: escapeMarkdown(f.value) }));
  const notLinked = unlinked(body.roster).map((r) => r.name);
  const awaiting = (r: RosterEntry) => Boolean(r.aadObjectId && !r.linkConfirmedAt);
  const ordered = body.roster.length <= MAX_LISTED ? body.roster : [...body.roster.filter(awaiting), ...body.roster.filter((r) => !awaiting(r))];
  const listed = ordered.slice(0, MAX_LISTED);
  const entries = listed.map((r) => ({
    id: r.id,
    aad: r.aadObjectId ?? '',
    line: escapeMarkdown(rosterLine(r)),
    ...(({ link, color }) => ({ link: escapeMarkdown(link), color }))(linkText(r)),
    canConfirm: Boolean(opts.forSecretary && awaiting(r)),
    canUndo: Boolean(opts.forSecretary && r.aadObjectId),
  }));
  const left = body.roster.length - listed.length;
  return renderTemplate(template, {
    name: escapeMarkdown(body.name),
    counts,
    unlinked: notLinked.length
      ? escapeMarkdown(`Inte kopplade till Teams än (${notLinked.length}): ${joinSv(notLinked)}. De kopplas när de svarar på ett kort här i chatten, om de är medlemmar i den under samma namn.`)
      : '',
    missing: escapeMarkdown(missingOrganisationsText(body) ?? ''),
    howLinked: escapeMarkdown(HOW_LINKED),
    entries,
    more: left > 0 ? escapeMarkdown(`… och ${left} personer till, som inte visas här för att kortet inte ska bli för stort.`) : '',
  });
}
