import template from './substitute-request.card.json';
import { renderTemplate, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import type { Body, RosterEntry } from '../../domain/body';
import type { Meeting } from '../../domain/meeting';
import { swedishDate, swedishDateTime } from '../../domain/meeting-time';

export function substituteQuestion(forMember: RosterEntry, meeting: Meeting): string {
  return `Kan du tjänstgöra för ${forMember.name} den ${swedishDate(meeting.start)}?`;
}

/** The personal question to an ersättare; once answered, the same card shows the answer without buttons. */
export function substituteRequestCard(body: Body, meeting: Meeting, forMember: RosterEntry, answer?: 'ja' | 'nej'): AdaptiveCard {
  const status =
    answer === 'ja'
      ? `Tack! Du tjänstgör för ${forMember.name}.`
      : answer === 'nej'
        ? 'Tack för beskedet. Frågan går vidare till nästa ersättare.'
        : '';
  return renderTemplate(template, {
    body: escapeMarkdown(body.name),
    question: escapeMarkdown(substituteQuestion(forMember, meeting)),
    when: escapeMarkdown(`${swedishDateTime(meeting.start, meeting.end)}${meeting.place ? `, ${meeting.place}` : ''}`),
    status: escapeMarkdown(status),
    open: !answer,
    bodyId: body.id,
    meetingId: meeting.id,
    forMemberId: forMember.id,
  });
}
