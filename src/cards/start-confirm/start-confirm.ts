import template from './start-confirm.card.json';
import { renderTemplate, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import type { Body } from '../../domain/body';
import type { Meeting } from '../../domain/meeting';
import type { StartDayQuestion } from '../../domain/meeting-start';
import { swedishDate } from '../../domain/meeting-time';

/** "Mötet är bokat till … Vill du starta det i dag, …?" with Starta ändå (for that day only) and Avbryt. */
export function startConfirmCard(body: Body, meeting: Meeting, q: StartDayQuestion): AdaptiveCard {
  return renderTemplate(template, {
    title: escapeMarkdown(`${body.name}: starta mötet`),
    question: escapeMarkdown(q.userMessage),
    todayLong: swedishDate(q.today),
    today: q.today,
    meetingId: meeting.id,
  });
}
