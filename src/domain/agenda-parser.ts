/**
 * Reads a föredragningslista written the way a protocol prints it (seed 002):
 *   Datum: 2021-12-17 09.00-12.00      (also "kl. 09.00 -12.00" and "09:00–12:00")
 *   Plats: Teams
 *   Diarienummer: HSN 418:5-2021
 *   44. Uppföljning beslut hos respektive huvudman
 *   Muntligt informationsärende
 *   Föredragande: Britta Edström och Katarina Lindahl
 *   Bilaga 48. Layout Framtidsbild Nära vård 2030
 *   Förslag till beslut: …
 *   - sub points and free text become the description
 * An item without a number is written "§ Titel" (or is a standard item such as "Övriga frågor");
 * it gets its number later from the body's year. Pure; bad input is a Swedish UserError.
 */
import { isExists } from 'date-fns';
import type { Item, ItemKind } from './meeting';
import { UserError } from './errors';
import { standardOf } from './agenda';
import { stripInvisible } from './invisible-text';

/** An item as the agenda text gives it: the item's own fields, and its § only if the text numbers it. */
export type ParsedItem = Pick<Item, 'title' | 'kind' | 'standard' | 'presenters' | 'attachments' | 'proposal' | 'description'> & { paragraph?: number };

export interface ParsedAgenda {
  /** "2021-12-17T09:00", Swedish wall-clock time. */
  start: string;
  end?: string;
  place?: string;
  diarienummer?: string;
  items: ParsedItem[];
}

export const DATE_EXAMPLE = 'Datum: 2021-12-17 09.00-12.00';
export const AGENDA_EXAMPLE = `nytt möte\n${DATE_EXAMPLE}\nPlats: Teams\nDiarienummer: HSN 418:5-2021\n44. Uppföljning beslut hos respektive huvudman\nMuntligt informationsärende\nFöredragande: Britta Edström`;
export const MAX_ITEMS = 100;
const MAX_TITLE = 300;
const MAX_TEXT = 4000;

const KINDS: Record<string, ItemKind> = {
  'muntligt informationsärende': 'Muntligt informationsärende',
  informationsärende: 'Informationsärende',
  beslutsärende: 'Beslutsärende',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** A calendar date that exists (no 30 February); no time zone is involved. */
function validDate(y: number, mo: number, d: number): boolean {
  return isExists(y, mo - 1, d);
}

function clock(h: string, m: string, raw: string): string {
  const hh = Number(h);
  const mm = Number(m);
  if (hh > 23 || mm > 59) throw new UserError(`Tiden i "${raw.slice(0, 60)}" finns inte. Skriv till exempel: ${DATE_EXAMPLE}`);
  return `${pad(hh)}:${pad(mm)}`;
}

/** "2021-12-17 09.00-12.00" → start and end as Swedish wall-clock ISO without offset. */
export function parseDatum(value: string): { start: string; end?: string } {
  const raw = value.trim();
  const m = raw.match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:,?\s+(?:kl\.?\s*)?(\d{1,2})[.:](\d{2})(?:\s*[-–—]\s*(?:kl\.?\s*)?(\d{1,2})[.:](\d{2}))?)?$/i);
  if (!m) throw new UserError(`Datumet "${raw.slice(0, 60)}" kunde inte läsas. Skriv datum och tid så här: ${DATE_EXAMPLE}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validDate(y, mo, d)) throw new UserError(`Datumet ${m[1]}-${m[2]}-${m[3]} finns inte. Skriv datum och tid så här: ${DATE_EXAMPLE}`);
  if (m[4] === undefined) throw new UserError(`Ange också när mötet börjar, t.ex. ${DATE_EXAMPLE}`);
  const date = `${y}-${pad(mo)}-${pad(d)}`;
  const start = `${date}T${clock(m[4], m[5], raw)}`;
  if (m[6] === undefined) return { start };
  const end = `${date}T${clock(m[6], m[7], raw)}`;
  if (end <= start) throw new UserError(`Mötet slutar (${m[6]}.${m[7]}) innan det börjar. Skriv till exempel: ${DATE_EXAMPLE}`);
  return { start, end };
}

function cut(text: string, max: number, what: string): string {
  if (text.length > max) throw new UserError(`${what} är för lång (högst ${max} tecken): "${text.slice(0, 40)}…"`);
  return text;
}

export function parseAgenda(text: string): ParsedAgenda {
  let datum: { start: string; end?: string } | undefined;
  let time: string | undefined;
  let place: string | undefined;
  let diarienummer: string | undefined;
  const items: (ParsedItem & { lines: string[] })[] = [];
  let current: (ParsedItem & { lines: string[] }) | undefined;

  const startItem = (title: string, paragraph?: number) => {
    const t = cut(title.trim(), MAX_TITLE, 'Rubriken');
    current = { title: t, paragraph, attachments: [], lines: [] };
    const std = standardOf(t);
    if (std) current.standard = std;
    items.push(current);
    if (items.length > MAX_ITEMS) throw new UserError(`Föredragningslistan har fler än ${MAX_ITEMS} ärenden. Dela upp den på flera möten.`);
  };

  // Titles and agenda lines are free text pasted from Word: invisible characters are removed (see invisible-text.ts).
  for (const raw of stripInvisible(text).split('\n')) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (!line) {
      current?.lines.push('');
      continue;
    }
    const header = line.match(/^(datum|datum och tid|tid|plats|diarienummer|dnr|ärenden)\s*:\s*(.*)$/i);
    if (header && !current) {
      const key = header[1].toLowerCase();
      const value = header[2].trim();
      if (key === 'datum' || key === 'datum och tid') datum = parseDatum(value);
      else if (key === 'tid') time = value;
      else if (key === 'plats') place = cut(value, 200, 'Platsen');
      else if (key === 'diarienummer' || key === 'dnr') diarienummer = cut(value, 60, 'Diarienumret');
      continue;
    }
    const numbered = line.match(/^(?:§\s*)?(\d{1,4})\.\s*(\S.*)$/) ?? line.match(/^§\s*(\d{1,4})\s+(\S.*)$/);
    if (numbered) {
      startItem(numbered[2], Number(numbered[1]));
      continue;
    }
    const unnumbered = line.match(/^§\s+(\D.*)$/);
    if (unnumbered) {
      startItem(unnumbered[1]);
      continue;
    }
    if (!current || standardOf(line)) {
      startItem(line);
      continue;
    }
    const kind = KINDS[line.toLowerCase().replace(/\.$/, '')];
    if (kind) {
      current.kind = kind;
      continue;
    }
    const presenter = line.match(/^föredragande\s*:?\s+(.+)$/i);
    if (presenter) {
      current.presenters = cut(presenter[1].trim(), 300, 'Föredragande');
      continue;
    }
    const attachment = line.match(/^bilag(?:a|or)\s*:?\s*(.+)$/i);
    if (attachment) {
      for (const a of attachment[1].split(/;\s*/)) if (a.trim()) current.attachments.push(cut(a.trim(), 300, 'Bilagan'));
      continue;
    }
    const proposal = line.match(/^förslag till beslut\s*:\s*(.+)$/i);
    if (proposal) {
      current.proposal = cut(proposal[1].trim(), MAX_TEXT, 'Förslaget till beslut');
      continue;
    }
    current.lines.push(line);
  }

  if (time && datum && !datum.end && !/T/.test(time)) {
    const t = parseDatum(`${datum.start.slice(0, 10)} ${time}`);
    datum = t;
  }
  if (!datum) throw new UserError(`Mötet behöver ett datum. Skriv till exempel:\n${AGENDA_EXAMPLE}`);
  if (items.length === 0) throw new UserError(`Föredragningslistan har inga ärenden. Skriv dem som i protokollet, t.ex.:\n${AGENDA_EXAMPLE}`);

  const out: ParsedItem[] = items.map(({ lines, ...item }) => {
    const description = lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
    return description ? { ...item, description: cut(description, MAX_TEXT, 'Beskrivningen') } : item;
  });
  return { ...datum, place, diarienummer, items: out };
}
