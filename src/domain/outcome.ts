/**
 * Outcomes per § and their closing formulas in the body's name (seed 002: "Samråd vård och
 * omsorg godkände informationen."). All formulas live here. Pure.
 */
import type { Body } from './body';
import type { Item, Meeting, Outcome, OutcomeKind } from './meeting';
import { UserError } from './errors';
import { assertOngoing } from './attendance';
import { decisionInput, parseDecision, renderDecision } from './decision-formula';
import { assertQuorate, DECISION_KINDS } from './quorum';
import { assertOutcomeFollows } from './proposals';

export const OUTCOME_LABEL: Record<OutcomeKind, string> = {
  informationen: 'Godkände informationen',
  beslut: 'Beslut',
  bordläggs: 'Bordläggs',
  återremitteras: 'Återremitteras',
  handlingarna: 'Lades till handlingarna',
  noterat: 'Noterat',
};

/** "godkänna layout …" from "att godkänna layout …" or "Nämnden beslutar att godkänna …": the text the formula carries. */
export function decisionText(body: Body, raw: string): string {
  return decisionInput(parseDecision(raw, body.name));
}

/** The closing formula in the body's name; a Beslut or a free outcome is read as att-satser or a sentence (decision-formula.ts). */
export function formula(body: Body, kind: OutcomeKind, decision?: string): string {
  switch (kind) {
    case 'informationen':
      return `${body.name} godkände informationen.`;
    case 'beslut':
    case 'noterat':
      return renderDecision(body.name, parseDecision(decision ?? '', body.name));
    case 'bordläggs':
      return `${body.name} beslutade att bordlägga ärendet.`;
    case 'återremitteras':
      return `${body.name} beslutade att återremittera ärendet.`;
    case 'handlingarna':
      return `${body.name} lade informationen till handlingarna.`;
  }
}

/**
 * The outcome of the § at `index`, checked against the law wherever it comes from (the card, a
 * typed command, a correction of the protocol): a decision needs a beslutför body on that §, and
 * must follow the votering or the chair's proposition.
 */
export function checkedOutcome(body: Body, meeting: Meeting, index: number, kind: OutcomeKind, text?: string): Pick<Outcome, 'kind' | 'decision' | 'formula'> {
  const item = meeting.items[index];
  const typed = kind === 'beslut' || kind === 'noterat';
  const parsed = typed ? parseDecision(text ?? '', body.name) : undefined;
  if (DECISION_KINDS.has(kind)) assertQuorate(body, meeting, index, `Beslutet i § ${item.paragraph}`);
  assertOutcomeFollows(body, item, kind, parsed);
  return { kind, ...(parsed ? { decision: decisionInput(parsed) } : {}), formula: parsed ? renderDecision(body.name, parsed) : formula(body, kind) };
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
  const outcome = checkedOutcome(body, meeting, index, kind, decision);
  return updateItem(meeting, index, (item) => ({
    ...item,
    ...(opts.note?.trim() ? { note: opts.note.trim() } : {}),
    outcome: { ...outcome, recordedBy: opts.by, recordedAt: opts.at },
  }));
}

export function recordNote(meeting: Meeting, index: number, note: string): Meeting {
  assertOngoing(meeting);
  if (!note.trim()) throw new UserError('Anteckningen är tom.', 'invalid');
  return updateItem(meeting, index, (item) => ({ ...item, note: note.trim() }));
}

/** Nästa ärende: the current item moves on (keeping a note typed on the card). */
/** A votering on the vote card is closed before the meeting moves on, as in the room. */
export function assertNoRunningVote(meeting: Meeting, before: string): void {
  const i = meeting.items.findIndex((it) => it.openVote);
  if (i >= 0) throw new UserError(`Voteringen i § ${meeting.items[i].paragraph} pågår. Stäng den (Stäng voteringen) innan ${before}.`, 'state');
}

export function nextItem(meeting: Meeting, fromIndex: number, note?: string): Meeting {
  assertOngoing(meeting);
  let next = note?.trim() ? recordNote(meeting, fromIndex, note) : meeting;
  if (fromIndex !== meeting.currentIndex) return next; // an old card pressed again: nothing moves
  assertNoRunningVote(meeting, 'nästa ärende');
  if (fromIndex >= meeting.items.length - 1) throw new UserError('Det här är sista ärendet. Avsluta mötet med "avsluta mötet".', 'state');
  next = { ...next, currentIndex: fromIndex + 1 };
  return next;
}
