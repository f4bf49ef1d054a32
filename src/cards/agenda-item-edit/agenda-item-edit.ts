import template from './agenda-item-edit.card.json';
import { renderTemplate, type AdaptiveCard } from '../render';
import type { Item, Meeting } from '../../domain/meeting';

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
  });
}
