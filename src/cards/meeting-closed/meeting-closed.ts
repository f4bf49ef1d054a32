import template from './meeting-closed.card.json';
import { renderTemplate, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import type { Body } from '../../domain/body';
import { meetingDay, type Meeting } from '../../domain/meeting';
import { paragraphsWithoutOutcome } from '../../domain/closing';

/** The secretary's card once a meeting is avslutat: the button the README promises, for this meeting. */
export function meetingClosedCard(body: Body, meeting: Meeting): AdaptiveCard {
  const missing = paragraphsWithoutOutcome(meeting);
  const decided = meeting.items.filter((i) => i.outcome).length;
  const createTitle = body.profile === 'minnesanteckningar' ? 'Skapa minnesanteckningar' : 'Skapa protokollutkast';
  return renderTemplate(template, {
    summary: `${decided} av ${meeting.items.length} ärenden har utfall.${missing ? ` ${missing} saknar utfall.` : ''}`,
    nextStep: `tryck ${createTitle}${body.profile === 'minnesanteckningar' ? '.' : ' och skicka utkastet till justerarna.'}`,
    bodyName: escapeMarkdown(body.name),
    date: meetingDay(meeting),
    nextMeeting: escapeMarkdown(meeting.nextMeeting ?? ''),
    createTitle,
    bodyId: body.id,
    meetingId: meeting.id,
  });
}
