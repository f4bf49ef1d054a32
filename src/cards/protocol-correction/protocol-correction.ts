import template from './protocol-correction.card.json';
import { renderTemplate, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import type { Body } from '../../domain/body';
import { meetingDay, type Meeting } from '../../domain/meeting';
import { currentText, FIELD_FORM, FIELD_LABEL, type CorrectionField } from '../../domain/protocol/paragraph-correction';

/** One part of one §, in an input that starts from what stands now; saving makes a new version. */
export function protocolCorrectionCard(body: Body, meeting: Meeting, index: number, field: CorrectionField, rattelse: boolean): AdaptiveCard {
  const item = meeting.items[index];
  const label = body.profile === 'minnesanteckningar' ? `${item.paragraph}.` : `§ ${item.paragraph}.`;
  return renderTemplate(template, {
    heading: escapeMarkdown(`${rattelse ? 'Rättelse' : 'Rätta'} ${body.name} ${meetingDay(meeting)}`),
    title: escapeMarkdown(`${label} ${item.title}: ${FIELD_LABEL[field].toLocaleLowerCase('sv')}`),
    form: escapeMarkdown(FIELD_FORM[field]),
    fieldLabel: FIELD_LABEL[field],
    // Input values are plain text, not Markdown: no escaping.
    current: currentText(body, meeting, index, field),
    bodyId: body.id,
    meetingId: meeting.id,
    paragraph: String(item.paragraph),
    field,
    rattelse: rattelse ? 'true' : 'false',
  });
}
