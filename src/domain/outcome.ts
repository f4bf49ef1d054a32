/**
 * Outcomes per § and their closing formulas in the body's name (seed 002: "Samråd vård och
 * omsorg godkände informationen."). All formulas live here. Pure.
 */
import type { Body } from './body';
import type { Item, Meeting, OutcomeKind } from './meeting';
import { UserError } from './errors';
import { assertOngoing } from './attendance';

export const OUTCOME_LABEL: Record<OutcomeKind, string> = {
  informationen: 'Godkände informationen',
  beslut: 'Beslut',
  bordläggs: 'Bordläggs',
  återremitteras: 'Återremitteras',
  handlingarna: 'Lades till handlingarna',
  noterat: 'Noterat',
};

const sentence = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);

/** "godkänna layout …" from "att godkänna layout …" or "Beslutar att godkänna …"; the formula adds "beslutade att". */
export function decisionText(raw: string): string {
  return raw.trim().replace(/^[^.]*?(beslutar|beslutade|föreslås besluta)\s+(?=att\s)/i, '').replace(/^att\s+/i, '').replace(/\.$/, '').trim();
}

export function formula(body: Body, kind: OutcomeKind, decision?: string): string {
  switch (kind) {
    case 'informationen':
      return `${body.name} godkände informationen.`;
    case 'beslut':
      return `${body.name} beslutade att ${sentence(decisionText(decision ?? ''))}`;
    case 'bordläggs':
      return `${body.name} beslutade att bordlägga ärendet.`;
    case 'återremitteras':
      return `${body.name} beslutade att återremittera ärendet.`;
    case 'handlingarna':
      return `${body.name} lade informationen till handlingarna.`;
    case 'noterat':
      // Written as it should read in the protocol ("Föredragningslistan godkändes.").
      return sentence((decision ?? '').trim());
  }
}

/** The item at a § number, or a refusal naming the meeting's range. */
export function itemIndexOf(meeting: Meeting, paragraph: number): number {
  const index = meeting.items.findIndex((i) => i.paragraph === paragraph);
  if (index < 0) {
    const nums = meeting.items.map((i) => i.paragraph);
    throw new UserError(`Mötet har inget § ${paragraph}.${nums.length ? ` Ärendena är §§ ${Math.min(...nums)}–${Math.max(...nums)}.` : ''}`, 'not_found');
  }
  return index;
}

export function assertItemOpen(item: Item): void {
  if (item.immediateJustering?.locked) throw new UserError(`§ ${item.paragraph} är redan justerad (omedelbar justering) och kan inte ändras.`, 'locked');
}

export function updateItem(meeting: Meeting, index: number, f: (item: Item) => Item): Meeting {
  const item = meeting.items[index];
  assertItemOpen(item);
  return { ...meeting, items: meeting.items.map((it, i) => (i === index ? f(it) : it)) };
}

export function recordOutcome(body: Body, meeting: Meeting, index: number, kind: OutcomeKind, opts: { decision?: string; note?: string; by: string; at: string }): Meeting {
  assertOngoing(meeting);
  const decision = opts.decision?.trim();
  if (kind === 'beslut' && !decision) throw new UserError('Skriv beslutet i fältet Beslut, t.ex. "godkänna layout för Framtidsbild Nära vård 2030".', 'invalid');
  if (kind === 'noterat' && !decision) throw new UserError('Skriv hur utfallet ska stå i protokollet, t.ex. "utfall §42: Föredragningslistan godkändes."', 'invalid');
  return updateItem(meeting, index, (item) => ({
    ...item,
    ...(opts.note?.trim() ? { note: opts.note.trim() } : {}),
    outcome: {
      kind,
      ...(kind === 'beslut' ? { decision: decisionText(decision!) } : kind === 'noterat' ? { decision } : {}),
      formula: formula(body, kind, decision),
      recordedBy: opts.by,
      recordedAt: opts.at,
    },
  }));
}

export function recordNote(meeting: Meeting, index: number, note: string): Meeting {
  assertOngoing(meeting);
  if (!note.trim()) throw new UserError('Anteckningen är tom.', 'invalid');
  return updateItem(meeting, index, (item) => ({ ...item, note: note.trim() }));
}

/** Nästa ärende: the current item moves on (keeping a note typed on the card). */
export function nextItem(meeting: Meeting, fromIndex: number, note?: string): Meeting {
  assertOngoing(meeting);
  let next = note?.trim() ? recordNote(meeting, fromIndex, note) : meeting;
  if (fromIndex !== meeting.currentIndex) return next; // an old card pressed again: nothing moves
  if (fromIndex >= meeting.items.length - 1) throw new UserError('Det här är sista ärendet. Avsluta mötet med "avsluta mötet".', 'state');
  next = { ...next, currentIndex: fromIndex + 1 };
  return next;
}
