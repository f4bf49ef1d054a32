import template from './mina-uppdrag.card.json';
import { renderTemplate, cardBytes, MAX_CARD_BYTES, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import { isOverdue, type Case } from '../../domain/cases';

export interface OwnedCase {
  c: Case;
  bodyName: string;
  url: string;
}

/** A person's own cases across bodies, soonest due first; each opens the body's ärendelogg tab. */
export function myCasesCard(items: OwnedCase[], today: string): AdaptiveCard {
  const sorted = [...items].sort((a, b) => (a.c.due ?? '9999').localeCompare(b.c.due ?? '9999') || a.c.number.localeCompare(b.c.number));
  let shown = sorted;
  for (;;) {
    const card = renderTemplate(template, {
      summary: sorted.length === 0 ? 'Du har inga öppna uppdrag.' : `${sorted.length} öppna${shown.length < sorted.length ? `, de ${shown.length} närmaste visas` : ''}.`,
      cases: shown.map(({ c, bodyName, url }) => ({
        number: c.number,
        title: escapeMarkdown(c.title),
        line: escapeMarkdown([bodyName, c.status, c.due ? (isOverdue(c, today) ? `försenat, senast ${c.due}` : `senast ${c.due}`) : 'inget sista datum'].join(' · ')),
        color: isOverdue(c, today) ? 'Attention' : 'Default',
        url,
      })),
    });
    if (cardBytes(card) <= MAX_CARD_BYTES || shown.length <= 1) return card;
    shown = shown.slice(0, Math.floor(shown.length * 0.75));
  }
}
