import template from './agenda-item-edit.card.json';
import { renderTemplate, type AdaptiveCard } from '../render';
import type { Item, Meeting } from '../../domain/meeting';
import { DEFAULT_ROLE } from '../../domain/sekretess';

/** Inputs hold the raw text (not Markdown), so nothing is escaped here. */
export function agendaItemEditCard(meeting: Meeting, item: Item): AdaptiveCard {
  return renderTemplate(template, {
    meetingId: meeting.id,
    itemId: item.id,
    paragraph: item.paragraph,
    title: item.title,
    kind: item.kind ?? '',
    presenters: item.presenters ?? '',
    proposal: item.proposal ?? '',
    sekretess: item.sekretess ? item.sekretess.scope ?? 'personer' : '',
    provision: item.sekretess?.provision ?? '',
    persons: (item.sekretess?.persons ?? []).map((p) => (p.role === DEFAULT_ROLE ? p.name : `${p.name} (${p.role})`)).join(', '),
  });
}
