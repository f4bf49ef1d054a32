/**
 * The ärendelogg: a case (ärende) lives across meetings. Pure rules only — numbering, status
 * transitions, overdue, filters, ordering, paging, parsing of `nytt ärende` — no I/O.
 */
import { addDays as addCalendarDays, format, isValid, parseISO } from 'date-fns';
import { UserError } from './errors';
import { stripInvisible } from './invisible-text';

export type CaseStatus = 'öppet' | 'pågående' | 'bordlagt' | 'återremitterat' | 'avslutat';
export const CASE_STATUSES: CaseStatus[] = ['öppet', 'pågående', 'bordlagt', 'återremitterat', 'avslutat'];
export const OPEN_STATUSES: CaseStatus[] = ['öppet', 'pågående', 'bordlagt', 'återremitterat'];

export type OriginKind = 'ärende' | 'övrig fråga' | 'uppdrag' | 'skrivelse' | 'direkt';
export const ORIGIN_KINDS: OriginKind[] = ['ärende', 'övrig fråga', 'uppdrag', 'skrivelse', 'direkt'];

export interface CaseOrigin {
  kind: OriginKind;
  meetingId?: string;
  paragraph?: number;
  /** A member, a municipality ("Säter") or the sender of a letter. */
  raisedBy?: string;
}

export interface Case {
  id: string;
  bodyId: string;
  /** "2021:14": per body and year. */
  number: string;
  diarienummer?: string;
  title: string;
  origin: CaseOrigin;
  owner?: string;
  ownerAad?: string;
  status: CaseStatus;
  due?: string; // yyyy-MM-dd
  tags: string[];
  attachments: string[];
  /** "Tas upp på nästa möte": proposed for the next föredragningslista. */
  nextMeeting: boolean;
  closingNote?: string;
  createdAt: string;
  lastActivityAt: string;
}

export type HistoryKind = 'skapat' | 'status' | 'ägare' | 'anteckning' | 'möte' | 'utfall' | 'uppdrag' | 'nästa möte' | 'avslutat';

export interface HistoryEntry {
  seq: number;
  at: string;
  /** Display name of who did it (the Teams identity is kept beside it in byId). */
  by: string;
  byId: string;
  kind: HistoryKind;
  text: string;
  meetingId?: string;
  paragraph?: number;
}

export const MAX_TITLE = 200;
export const MAX_NOTE = 2000;

/** "2021:14" */
export function caseNumber(year: number, seq: number): string {
  return `${year}:${seq}`;
}

/** Row-key friendly id that sorts by year and number: "2021-00014". */
export function caseId(year: number, seq: number): string {
  return `${year}-${String(seq).padStart(5, '0')}`;
}

export function isOpen(status: CaseStatus): boolean {
  return status !== 'avslutat';
}

/**
 * Allowed moves. Any open status may go to any other open status or be closed; a closed case can
 * only be reopened (to pågående). Closing always needs a closing note (checked in changeStatus).
 */
const TRANSITIONS: Record<CaseStatus, CaseStatus[]> = {
  öppet: ['pågående', 'bordlagt', 'återremitterat', 'avslutat'],
  pågående: ['öppet', 'bordlagt', 'återremitterat', 'avslutat'],
  bordlagt: ['pågående', 'återremitterat', 'avslutat'],
  återremitterat: ['pågående', 'bordlagt', 'avslutat'],
  avslutat: ['pågående'],
};

export function canMove(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export interface Change {
  by: string;
  byId: string;
  at: string;
  meetingId?: string;
  paragraph?: number;
}

/** A change's result: the next case and the history lines it adds (seq filled in by storage). */
export interface Applied {
  next: Case;
  entries: Omit<HistoryEntry, 'seq'>[];
}

function entry(c: Change, kind: HistoryKind, text: string): Omit<HistoryEntry, 'seq'> {
  return { at: c.at, by: c.by, byId: c.byId, kind, text, meetingId: c.meetingId, paragraph: c.paragraph };
}

export function changeStatus(cur: Case, to: CaseStatus, ch: Change, note?: string): Applied {
  if (!CASE_STATUSES.includes(to)) throw new UserError(`Okänd status "${to}". Välj en av: ${CASE_STATUSES.join(', ')}.`);
  if (cur.status === to) throw new UserError(`Ärende ${cur.number} har redan status ${to}.`);
  if (!canMove(cur.status, to)) {
    throw new UserError(`Ärende ${cur.number} kan inte gå från ${cur.status} till ${to}. Tillåtet: ${TRANSITIONS[cur.status].join(', ')}.`);
  }
  const trimmed = note?.trim();
  if (to === 'avslutat') {
    if (!trimmed) throw new UserError(`Skriv en kort avslutningsanteckning för att avsluta ärende ${cur.number}. Inget har ändrats.`);
    if (trimmed.length > MAX_NOTE) throw new UserError(`Avslutningsanteckningen är för lång (högst ${MAX_NOTE} tecken).`);
    return {
      next: { ...cur, status: to, closingNote: trimmed, nextMeeting: false, lastActivityAt: ch.at },
      entries: [entry(ch, 'avslutat', `Avslutat: ${trimmed}`)],
    };
  }
  const text = `Status ändrad från ${cur.status} till ${to}${trimmed ? `: ${trimmed}` : ''}`;
  return {
    next: { ...cur, status: to, closingNote: to === 'pågående' && cur.status === 'avslutat' ? undefined : cur.closingNote, lastActivityAt: ch.at },
    entries: [entry(ch, 'status', text)],
  };
}

export function changeOwner(cur: Case, owner: { name: string; aad?: string } | undefined, ch: Change): Applied {
  const name = owner?.name.trim();
  if (name !== undefined && (name.length === 0 || name.length > 120)) throw new UserError('Ange ägarens namn (högst 120 tecken).');
  return {
    next: { ...cur, owner: name, ownerAad: name ? owner?.aad : undefined, lastActivityAt: ch.at },
    entries: [entry(ch, 'ägare', name ? `Ny ägare: ${name}` : 'Ägaren togs bort')],
  };
}

export function addNote(cur: Case, text: string, ch: Change, kind: HistoryKind = 'anteckning'): Applied {
  const t = text.trim();
  if (!t) throw new UserError('Anteckningen är tom. Skriv vad som ska antecknas.');
  if (t.length > MAX_NOTE) throw new UserError(`Anteckningen är för lång (högst ${MAX_NOTE} tecken).`);
  return { next: { ...cur, lastActivityAt: ch.at }, entries: [entry(ch, kind, t)] };
}

export function markNextMeeting(cur: Case, on: boolean, ch: Change): Applied {
  if (!isOpen(cur.status)) throw new UserError(`Ärende ${cur.number} är avslutat och kan inte tas upp på nästa möte. Återöppna det först.`);
  return {
    next: { ...cur, nextMeeting: on, lastActivityAt: ch.at },
    entries: [entry(ch, 'nästa möte', on ? 'Markerat: tas upp på nästa möte' : 'Tas inte längre upp på nästa möte')],
  };
}

export function changeDue(cur: Case, due: string | undefined, ch: Change): Applied {
  if (due !== undefined) parseDate(due);
  return { next: { ...cur, due, lastActivityAt: ch.at }, entries: [entry(ch, 'status', due ? `Senast ändrat till ${due}` : 'Sista datum togs bort')] };
}

/** An instant as Swedish wall time ("17 dec. 2021 10:00"), and today's Swedish day as yyyy-MM-dd. */
export { swedishInstant, swedishDay as localDate } from './meeting-time';

/** A calendar day `days` later ("2021-12-17", 3 → "2021-12-20"). */
export function addDays(date: string, days: number): string {
  return format(addCalendarDays(parseISO(date), days), 'yyyy-MM-dd');
}

export function parseDate(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m || !isValid(parseISO(m[0]))) {
    throw new UserError(`"${text.trim().slice(0, 40)}" är inget datum. Skriv datumet som åååå-mm-dd, t.ex. 2022-03-01.`);
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}

export function isOverdue(c: Pick<Case, 'due' | 'status'>, today: string): boolean {
  return Boolean(c.due && isOpen(c.status) && c.due < today);
}

export interface CaseFilter {
  status?: CaseStatus | 'alla öppna' | 'alla';
  /** Owner name (exact, case-insensitive) or "" for no filter. */
  owner?: string;
  /** A tag or organisation. */
  tag?: string;
  overdue?: boolean;
  /** Free text over number, title, owner, tags, diarienummer. */
  search?: string;
}

export function matches(c: Case, f: CaseFilter, today: string): boolean {
  const status = f.status ?? 'alla öppna';
  if (status === 'alla öppna' && !isOpen(c.status)) return false;
  if (status !== 'alla öppna' && status !== 'alla' && c.status !== status) return false;
  if (f.owner && (c.owner ?? '').toLocaleLowerCase('sv') !== f.owner.toLocaleLowerCase('sv')) return false;
  if (f.tag && !c.tags.some((t) => t.toLocaleLowerCase('sv') === f.tag!.toLocaleLowerCase('sv'))) return false;
  if (f.overdue && !isOverdue(c, today)) return false;
  if (f.search) {
    const hay = [c.number, c.title, c.owner ?? '', c.diarienummer ?? '', c.origin.raisedBy ?? '', ...c.tags].join(' ').toLocaleLowerCase('sv');
    if (!f.search.toLocaleLowerCase('sv').split(/\s+/).filter(Boolean).every((w) => hay.includes(w))) return false;
  }
  return true;
}

/** Newest activity first; ties by number, newest first. */
export function byActivity(a: Case, b: Case): number {
  return b.lastActivityAt.localeCompare(a.lastActivityAt) || b.id.localeCompare(a.id);
}

export function filterCases(cases: Case[], f: CaseFilter, today: string): Case[] {
  return cases.filter((c) => matches(c, f, today)).sort(byActivity);
}

export interface Page<T> {
  items: T[];
  offset: number;
  total: number;
  nextOffset?: number;
}

export function paginate<T>(all: T[], offset: number, size: number): Page<T> {
  const start = Math.max(0, Math.min(offset, all.length));
  const items = all.slice(start, start + size);
  const next = start + items.length;
  return { items, offset: start, total: all.length, nextOffset: next < all.length ? next : undefined };
}

/** Distinct owners and tags of a set of cases, for filter choices. */
export function facets(cases: Case[]): { owners: string[]; tags: string[] } {
  const owners = new Set<string>();
  const tags = new Set<string>();
  for (const c of cases) {
    if (c.owner) owners.add(c.owner);
    c.tags.forEach((t) => tags.add(t));
  }
  const sv = (a: string, b: string) => a.localeCompare(b, 'sv');
  return { owners: [...owners].sort(sv), tags: [...tags].sort(sv) };
}

export interface Proposal {
  caseId: string;
  title: string;
  reason: string;
}

/** Bordlagda, återremitterade and "tas upp på nästa möte" cases, for the next föredragningslista. */
export function proposals(cases: Case[]): Proposal[] {
  const out: Proposal[] = [];
  for (const c of [...cases].sort((a, b) => a.id.localeCompare(b.id))) {
    if (c.status === 'bordlagt') out.push({ caseId: c.id, title: c.title, reason: 'bordlagt' });
    else if (c.status === 'återremitterat') out.push({ caseId: c.id, title: c.title, reason: 'återremitterat' });
    else if (c.nextMeeting && isOpen(c.status)) out.push({ caseId: c.id, title: c.title, reason: 'tas upp på nästa möte' });
  }
  return out;
}

export interface NewCaseInput {
  title: string;
  owner?: string;
  due?: string;
  origin: CaseOrigin;
  tags: string[];
  diarienummer?: string;
}

/**
 * `nytt ärende <titel>` with optional lines "Ägare: …", "Senast: 2022-03-01",
 * "Ursprung: skrivelse från Säter", "Taggar: Säter, äldreomsorg", "Diarienummer: …".
 */
export function parseNewCase(rawTitle: string, rawBody: string): NewCaseInput {
  // Free text: invisible characters are removed (see invisible-text.ts).
  const [title, body] = [stripInvisible(rawTitle), stripInvisible(rawBody)];
  const t = title.trim();
  if (!t) throw new UserError('Skriv ärendets rubrik efter "nytt ärende", t.ex. "nytt ärende Tillgänglighet i hemtjänsten".');
  if (t.length > MAX_TITLE) throw new UserError(`Rubriken är för lång (högst ${MAX_TITLE} tecken).`);
  const out: NewCaseInput = { title: t, origin: { kind: 'direkt' }, tags: [] };
  for (const line of body.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const m = /^([A-Za-zÅÄÖåäö]+)\s*:\s*(.*)$/.exec(line);
    if (!m) throw new UserError(`Raden "${line.slice(0, 60)}" förstods inte. Använd Ägare:, Senast:, Ursprung:, Taggar: eller Diarienummer:.`);
    const key = m[1].toLocaleLowerCase('sv');
    const value = m[2].trim();
    if (key === 'ägare') {
      if (!value || value.length > 120) throw new UserError('Ange ägarens namn efter "Ägare:" (högst 120 tecken).');
      out.owner = value;
    } else if (key === 'senast') out.due = parseDate(value);
    else if (key === 'ursprung') out.origin = parseOrigin(value);
    else if (key === 'taggar') out.tags = value.split(',').map((s) => s.trim()).filter(Boolean).slice(0, 20).map((s) => s.slice(0, 60));
    else if (key === 'diarienummer') out.diarienummer = value.slice(0, 60) || undefined;
    else throw new UserError(`"${m[1]}:" känns inte igen. Använd Ägare:, Senast:, Ursprung:, Taggar: eller Diarienummer:.`);
  }
  return out;
}

/** "skrivelse från Säter" → {kind: skrivelse, raisedBy: Säter}; "Anna Berg" → {kind: direkt, raisedBy: Anna Berg}. */
export function parseOrigin(text: string): CaseOrigin {
  const v = text.trim().slice(0, 120);
  const m = /^(skrivelse|övrig fråga|uppdrag|ärende)\b\s*(?:från|av)?\s*(.*)$/i.exec(v);
  if (m) return { kind: m[1].toLocaleLowerCase('sv') as OriginKind, raisedBy: m[2].trim() || undefined };
  return { kind: 'direkt', raisedBy: v || undefined };
}

export function originText(o: CaseOrigin): string {
  const where = o.paragraph !== undefined ? ` (§ ${o.paragraph})` : '';
  const who = o.raisedBy ? ` – ${o.raisedBy}` : '';
  return `${o.kind}${where}${who}`;
}

/** Which reminders are due today for a case's due date: 2 days before, and when it has passed. */
export function reminderKind(due: string, today: string): 'före' | 'försenat' | undefined {
  if (today > due) return 'försenat';
  if (today >= addDays(due, -2)) return today < due ? 'före' : undefined;
  return undefined;
}
