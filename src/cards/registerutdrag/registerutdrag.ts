import template from './registerutdrag.card.json';
import { renderTemplate, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import { swedishMinute } from '../../domain/meeting-time';
import { extractCounts, type RegisterExtract } from '../../domain/register-extract';

const RECENT = 10;

/** The registerutdrag as a card: counts per kind, the person's bodies and roles, the latest logged actions. */
export function registerExtractCard(x: RegisterExtract, name: string, createdAt: string): AdaptiveCard {
  const roster = x.roster.map((r) => ({
    line: escapeMarkdown(`${r.body}: ${r.name}${r.party ? ` (${r.party})` : ''}${r.organisation ? ` ${r.organisation}` : ''}, ${r.role}${r.secretary ? ', sekreterare' : ''}`),
  }));
  const recent = x.audit.slice(0, RECENT).map((e) => ({ line: escapeMarkdown(`${swedishMinute(e.at)} ${e.summary}`) }));
  return renderTemplate(template, {
    intro: escapeMarkdown(`Det här lagrar Paragraf om ${name} (Teams-identitet ${x.aadObjectId}), sammanställt ${swedishMinute(createdAt)}. Hela utdraget finns som JSON i meddelandet nedanför.`),
    counts: extractCounts(x),
    roster,
    recent,
    footer: escapeMarkdown(
      'Justerade protokoll och ändringsloggen är allmänna handlingar och rensas inte. Vill du att uppgifter rättas eller tas bort ska du kontakta organets sekreterare.',
    ),
  });
}
