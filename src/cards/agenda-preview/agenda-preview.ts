import template from './agenda-preview.card.json';
import { renderTemplate, cardBytes, MAX_CARD_BYTES, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import { itemDetails, itemHeading } from '../item-details';
import type { Body } from '../../domain/body';
import { paragraphRange, type Meeting } from '../../domain/meeting';
import { agendaEditable } from '../../domain/lifecycle';
import { swedishDateTime } from '../../domain/meeting-time';
import { sekretessNote } from '../../domain/sekretess';

/** A case the ärendelogg proposes for the list (bordlagt, återremitterat, "tas upp på nästa möte"). */
export interface AgendaProposal {
  caseId: string;
  title: string;
  /** Why it is proposed, e.g. "bordlagt", "återremitterat", "tas upp på nästa möte". */
  reason?: string;
}

/** The secretary's view of the whole list, with edit/remove per item, proposals, and Skicka kallelse. */
export function agendaPreviewCard(body: Body, meeting: Meeting, proposals: AgendaProposal[] = []): AdaptiveCard {
  const editable = agendaEditable(meeting.status);
  const onList = new Set(meeting.items.map((i) => i.caseId).filter(Boolean));
  const open = editable ? proposals.filter((p) => !onList.has(p.caseId)) : [];
  const facts = [
    { title: 'Datum och tid', value: swedishDateTime(meeting.start, meeting.end) },
    { title: 'Plats', value: escapeMarkdown(meeting.place ?? '–') },
    { title: 'Diarienummer', value: escapeMarkdown(meeting.diarienummer ?? '–') },
    { title: 'Ärenden', value: paragraphRange(meeting) },
    { title: 'Status', value: meeting.status },
  ];
  const render = (withActions: boolean, withDetails: boolean, count: number, note: string) =>
    renderTemplate(template, {
      stage: meeting.status === 'planerat' ? 'förhandsgranskning' : meeting.status,
      body: escapeMarkdown(body.name),
      facts,
      items: meeting.items.slice(0, count).map((i) => ({ id: i.id, meetingId: meeting.id, heading: itemHeading(i), details: [i.sekretess ? `**${escapeMarkdown(sekretessNote(i.sekretess))}**` : '', withDetails ? itemDetails(i, { proposal: true }) : ''].filter(Boolean).join(' · '), editable: editable && withActions })),
      hasProposals: open.length > 0,
      proposals: open.map((p) => ({ id: p.caseId, meetingId: meeting.id, label: escapeMarkdown(p.reason ? `${p.title} (${p.reason})` : p.title) })),
      editable,
      canSend: meeting.status === 'planerat',
      meetingId: meeting.id,
      note,
    });
  const sentNote = meeting.status === 'kallat' ? 'Kallelsen är skickad. Ändringar syns direkt på kallelsekortet.' : '';
  const card = render(true, true, meeting.items.length, sentNote);
  if (cardBytes(card) <= MAX_CARD_BYTES) return card;
  // A very long list: drop the per-item buttons, then the details, then the tail, so the card stays within Teams' size limit.
  const long = `${sentNote} Listan är för lång för knappar per ärende; ändra genom att skicka "nytt möte" på nytt.`.trim();
  const compact = render(false, true, meeting.items.length, long);
  if (cardBytes(compact) <= MAX_CARD_BYTES) return compact;
  const bare = render(false, false, meeting.items.length, long);
  if (cardBytes(bare) <= MAX_CARD_BYTES) return bare;
  let count = meeting.items.length;
  let cut = bare;
  while (count > 1 && cardBytes(cut) > MAX_CARD_BYTES) {
    count = Math.floor(count * 0.8);
    cut = render(false, false, count, `${long} Visar § ${meeting.items[0].paragraph}–${meeting.items[count - 1].paragraph} av ${meeting.items.length} ärenden.`);
  }
  return cut;
}
