import template from './arende.card.json';
import { renderTemplate, cardBytes, MAX_CARD_BYTES, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import { CASE_STATUSES, canMove, isOpen, isOverdue, originText, type Case, type HistoryEntry } from '../../domain/cases';

export interface CaseDetailView {
  c: Case;
  history: HistoryEntry[];
  /** Roster names for "Ny ägare". */
  people: string[];
  today: string;
  /** Formats an ISO instant for people ("17 dec. 2021 09:12"). */
  when(iso: string): string;
}

const HISTORY_MAX = 40;

/** A case with its facts, its history (newest first) and the actions on it. */
export function caseDetailCard(v: CaseDetailView): AdaptiveCard {
  const c = v.c;
  const facts = [
    { title: 'Status', value: c.status },
    { title: 'Ägare', value: c.owner ?? '–' },
    { title: 'Senast', value: c.due ? `${c.due}${isOverdue(c, v.today) ? ' (försenat)' : ''}` : '–' },
    { title: 'Ursprung', value: originText(c.origin) },
    ...(c.diarienummer ? [{ title: 'Diarienummer', value: c.diarienummer }] : []),
    ...(c.tags.length ? [{ title: 'Taggar', value: c.tags.join(', ') }] : []),
    ...(c.attachments.length ? [{ title: 'Bilagor', value: c.attachments.join(', ') }] : []),
    ...(c.nextMeeting ? [{ title: 'Nästa möte', value: 'Tas upp på nästa möte' }] : []),
    ...(c.closingNote ? [{ title: 'Avslutning', value: c.closingNote }] : []),
  ].map((f) => ({ title: f.title, value: escapeMarkdown(f.value) }));
  const statuses = CASE_STATUSES.filter((s) => s !== 'avslutat' && canMove(c.status, s));
  const owners = [...new Set([...(c.owner ? [c.owner] : []), ...v.people])];
  let limit = HISTORY_MAX;
  for (;;) {
    const shown = [...v.history].reverse().slice(0, limit);
    const data = {
      caseId: c.id,
      number: c.number,
      title: escapeMarkdown(c.title),
      facts,
      historyNote: shown.length < v.history.length ? `Visar de ${shown.length} senaste av ${v.history.length} händelser; hela historiken finns i fliken.` : '',
      history: shown.map((h) => ({ when: v.when(h.at), by: escapeMarkdown(h.by), text: escapeMarkdown(h.text) })),
      statusChoices: statuses.map((s) => ({ title: s, value: s })),
      statusDefault: statuses[0] ?? '',
      ownerChoices: owners.map((o) => ({ title: o, value: o })),
      ownerValue: c.owner ?? '',
      isOpen: isOpen(c.status),
      nextMeetingTitle: c.nextMeeting ? 'Ta inte upp på nästa möte' : 'Ta upp på nästa möte',
      nextMeetingOn: !c.nextMeeting,
    };
    const card = renderTemplate(template, data);
    if (cardBytes(card) <= MAX_CARD_BYTES || limit <= 1) return card;
    limit = Math.max(1, Math.floor(limit / 2));
  }
}
