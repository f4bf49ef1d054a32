/**
 * The föredragningslista: § numbering that runs on through the body's year, the standard opening
 * and closing items, and editing before the meeting. Pure.
 */
import { emptyItem, type Item, type ItemKind, type Meeting, type StandardItem } from './meeting';
import { UserError, NotFoundError } from './errors';
import type { ParsedItem } from './agenda-parser';

interface StandardDef {
  standard: StandardItem;
  title: string;
  match: RegExp;
  place: 'opening' | 'closing';
}

/** In the order they stand on a list (seed 002). */
export const STANDARD_ITEMS: StandardDef[] = [
  { standard: 'upprop', title: 'Godkännande av föredragningslistan och upprop', match: /^(godkännande av föredragningslistan( och upprop)?|upprop( och godkännande av föredragningslistan)?)$/i, place: 'opening' },
  { standard: 'föregående protokoll', title: 'Föregående protokoll', match: /^föregående (protokoll|minnesanteckningar)\b/i, place: 'opening' },
  { standard: 'övriga frågor', title: 'Övriga frågor', match: /^övriga frågor$/i, place: 'closing' },
  { standard: 'ärenden till annan', title: 'Ärenden till …', match: /^ärenden till \S/i, place: 'closing' },
  { standard: 'sammanfattning', title: 'Genomgång och sammanfattning av beslut', match: /^(genomgång och )?sammanfattning av beslut$/i, place: 'closing' },
  { standard: 'nästa möte', title: 'Nästa möte', match: /^nästa möte$/i, place: 'closing' },
];

/** Which standard items `Lägg till standardpunkter` adds when missing ("Ärenden till …" needs a name, so not that one). */
const ADDABLE: StandardItem[] = ['upprop', 'föregående protokoll', 'övriga frågor', 'sammanfattning', 'nästa möte'];

export function standardOf(title: string): StandardItem | undefined {
  const t = title.trim().replace(/\s+/g, ' ').replace(/[.:]$/, '');
  return STANDARD_ITEMS.find((d) => d.match.test(t))?.standard;
}

function nextItemId(items: Item[]): () => string {
  let n = Math.max(0, ...items.map((i) => Number(i.id.replace(/^i/, '')) || 0));
  return () => `i${++n}`;
}

/** Numbers the parsed items: a given number is kept, an item without one follows the one before (or the year's next §). */
export function numberItems(parsed: ParsedItem[], firstFree: number): Item[] {
  const newId = nextItemId([]);
  let next = firstFree;
  const seen = new Set<number>();
  return parsed.map((p) => {
    const paragraph = p.paragraph ?? next;
    if (seen.has(paragraph)) throw new UserError(`§ ${paragraph} står två gånger i föredragningslistan. Ändra numren eller skriv "§ Rubrik" utan nummer.`);
    if (paragraph < 1) throw new UserError('Paragrafnummer börjar på 1.');
    seen.add(paragraph);
    next = paragraph + 1;
    const item = emptyItem({ id: newId(), paragraph, title: p.title, attachments: [...p.attachments] });
    if (p.kind) item.kind = p.kind;
    if (p.standard) item.standard = p.standard;
    if (p.presenters) item.presenters = p.presenters;
    if (p.proposal) item.proposal = p.proposal;
    if (p.description) item.description = p.description;
    return item;
  });
}

/** Numbers the list consecutively from its first §, after items were added or removed. */
export function renumber(items: Item[], first: number): Item[] {
  return items.map((item, i) => (item.paragraph === first + i ? item : { ...item, paragraph: first + i }));
}

function firstParagraph(meeting: Meeting, firstFree: number): number {
  return meeting.items.length ? Math.min(...meeting.items.map((i) => i.paragraph)) : firstFree;
}

/** Adds the missing standard opening items first and the missing closing items last, then renumbers. */
export function addStandardItems(meeting: Meeting, firstFree: number): Meeting {
  const has = new Set(meeting.items.map((i) => i.standard).filter(Boolean));
  const newId = nextItemId(meeting.items);
  const make = (d: StandardDef) => emptyItem({ id: newId(), paragraph: 0, title: d.title, standard: d.standard });
  const missing = STANDARD_ITEMS.filter((d) => ADDABLE.includes(d.standard) && !has.has(d.standard));
  if (missing.length === 0) throw new UserError('Alla standardpunkter finns redan på föredragningslistan.');
  const opening = missing.filter((d) => d.place === 'opening').map(make);
  // Closing items keep their standard order, also relative to those already there.
  const closingOrder = STANDARD_ITEMS.map((d) => d.standard);
  const body = meeting.items.filter((i) => !i.standard || STANDARD_ITEMS.find((d) => d.standard === i.standard)?.place !== 'closing');
  const closing = [...meeting.items.filter((i) => !body.includes(i)), ...missing.filter((d) => d.place === 'closing').map(make)].sort(
    (a, b) => closingOrder.indexOf(a.standard!) - closingOrder.indexOf(b.standard!),
  );
  const items = [...opening, ...body, ...closing];
  return { ...meeting, items: renumber(items, firstParagraph(meeting, firstFree)) };
}

export function addItem(meeting: Meeting, item: { title: string; kind?: ItemKind; presenters?: string; caseId?: string }, firstFree: number): Meeting {
  const newId = nextItemId(meeting.items);
  const added = emptyItem({ id: newId(), paragraph: 0, title: item.title });
  if (item.kind) added.kind = item.kind;
  if (item.presenters) added.presenters = item.presenters;
  if (item.caseId) added.caseId = item.caseId;
  // New items go before the closing standard items, where a secretary would put them.
  const closingAt = meeting.items.findIndex((i) => i.standard && STANDARD_ITEMS.find((d) => d.standard === i.standard)?.place === 'closing');
  const at = closingAt < 0 ? meeting.items.length : closingAt;
  const items = [...meeting.items.slice(0, at), added, ...meeting.items.slice(at)];
  return { ...meeting, items: renumber(items, firstParagraph(meeting, firstFree)) };
}

export interface ItemPatch {
  title?: string;
  kind?: ItemKind | '';
  presenters?: string;
  proposal?: string;
}

export function editItem(meeting: Meeting, itemId: string, patch: ItemPatch): Meeting {
  const item = meeting.items.find((i) => i.id === itemId);
  if (!item) throw new NotFoundError('Ärendet finns inte längre på föredragningslistan.');
  const title = patch.title?.trim();
  if (patch.title !== undefined && !title) throw new UserError('Rubriken får inte vara tom.');
  const next: Item = { ...item };
  if (title) {
    next.title = title;
    const std = standardOf(title);
    if (std) next.standard = std;
    else delete next.standard;
  }
  if (patch.kind !== undefined) {
    if (patch.kind) next.kind = patch.kind;
    else delete next.kind;
  }
  if (patch.presenters !== undefined) {
    if (patch.presenters.trim()) next.presenters = patch.presenters.trim();
    else delete next.presenters;
  }
  if (patch.proposal !== undefined) {
    if (patch.proposal.trim()) next.proposal = patch.proposal.trim();
    else delete next.proposal;
  }
  return { ...meeting, items: meeting.items.map((i) => (i.id === itemId ? next : i)) };
}

export function removeItem(meeting: Meeting, itemId: string): Meeting {
  if (!meeting.items.some((i) => i.id === itemId)) throw new NotFoundError('Ärendet finns inte längre på föredragningslistan.');
  const first = Math.min(...meeting.items.map((i) => i.paragraph));
  const items = meeting.items.filter((i) => i.id !== itemId);
  if (items.length === 0) throw new UserError('Föredragningslistan måste ha minst ett ärende.');
  return { ...meeting, items: renumber(items, first) };
}
