import template from './meeting-closed.card.json';
import { renderTemplate, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import type { Body } from '../../domain/body';
import { meetingDay, type Meeting } from '../../domain/meeting';

/** The secretary's card once a meeting is avslutat: the button the README promises, for this meeting. */
export function meetingClosedCard(body: Body, meeting: Meeting): AdaptiveCard {
  return renderTemplate(template, {
    bodyName: escapeMarkdown(body.name),
    date: meetingDay(meeting),
    nextMeeting: escapeMarkdown(meeting.nextMeeting ?? ''),
    createTitle: body.profile === 'minnesanteckningar' ? 'Skapa minnesanteckningar' : 'Skapa protokollutkast',
    bodyId: body.id,
    meetingId: meeting.id,
  });
}
