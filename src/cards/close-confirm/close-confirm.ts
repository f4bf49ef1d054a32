import template from './close-confirm.card.json';
import { renderTemplate, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import type { Body } from '../../domain/body';
import type { Meeting } from '../../domain/meeting';
import { paragraphsWithoutOutcome } from '../../domain/closing';

/** Asked before Avsluta mötet: names the §§ that have no outcome yet. */
export function closeConfirmCard(body: Body, meeting: Meeting, nastaMote = ''): AdaptiveCard {
  return renderTemplate(template, {
    bodyName: escapeMarkdown(body.name),
    missing: paragraphsWithoutOutcome(meeting),
    meetingId: meeting.id,
    nastaMote,
  });
}
