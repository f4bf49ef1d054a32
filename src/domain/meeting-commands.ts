/**
 * The secretary's short messages during a meeting ("jäv Eva Stuge §46", "votering §48 ja: A, B;
 * nej: C; avstår: D", …) parsed into commands. Names stay as typed here; the bot matches them
 * against the roster. An unreadable message gets back an example of the right form. Pure.
 */
import { isValid, parseISO } from 'date-fns';
import type { VoteChoice } from './meeting';
import { stripInvisible } from './invisible-text';
import { parseNextMeetingDate } from './closing';

export type SimpleOutcome = 'informationen' | 'bordläggs' | 'återremitteras' | 'handlingarna';

export type MeetingCommand =
  | { kind: 'starta' }
  | { kind: 'avsluta' }
  | { kind: 'ankom' | 'lämnar'; name: string }
  | { kind: 'jäv'; name: string; paragraph: number }
  | { kind: 'votering'; paragraph: number; votes: { name: string; choice: VoteChoice }[] }
  | { kind: 'reservation' | 'protokollsanteckning'; name: string; paragraph: number; text?: string }
  | { kind: 'yrkande'; name: string; paragraph: number; text: string }
  | { kind: 'propositionsordning'; paragraph: number; order: number[] }
  | { kind: 'bifall'; paragraph: number; motion: number }
  | { kind: 'uppdrag'; name: string; paragraph: number; text: string; due?: string }
  | { kind: 'fråga'; askedBy: string; paragraph: number; text: string }
  | { kind: 'beslut'; paragraph: number; text: string }
  | { kind: 'utfall'; paragraph: number; outcome: SimpleOutcome }
  | { kind: 'fritt utfall'; paragraph: number; text: string }
  | { kind: 'anteckning'; paragraph: number; text: string }
  | { kind: 'omedelbar'; paragraph: number }
  | { kind: 'nästa möte'; text: string };

export const EXAMPLES: Record<string, string> = {
  'starta mötet': 'starta mötet',
  'avsluta mötet': 'avsluta mötet',
  ankom: 'ankom Eva Stuge',
  lämnar: 'lämnar Eva Stuge',
  jäv: 'jäv Eva Stuge §46',
  votering: 'votering §48 ja: Carin Nilsson, Eva Stuge; nej: Lars Bäckström; avstår: Veronica Kerr',
  reservation: 'reservation Eva Stuge §48: Jag reserverar mig mot beslutet.',
  protokollsanteckning: 'protokollsanteckning Eva Stuge §48: text',
  yrkande: 'yrkande Eva Stuge §48: bifall till förslaget',
  propositionsordning: 'propositionsordning §48: 1, 2',
  bifall: 'bifall §48: 1',
  uppdrag: 'uppdrag Tanja Mårtensson §8: Ta frågan vidare senast 2019-11-30',
  fråga: 'fråga Säter §49: Hur går arbetet med patientråden?',
  beslut: 'beslut §48: godkänna layout för Framtidsbild Nära vård 2030',
  informationen: 'informationen §44',
  bordlägg: 'bordlägg §46',
  återremiss: 'återremiss §46',
  handlingarna: 'handlingarna §43',
  utfall: 'utfall §42: Föredragningslistan godkändes.',
  anteckning: 'anteckning §50: Inga',
  'omedelbar justering': 'omedelbar justering §48',
  'nästa möte': 'nästa möte fredag 18 mars',
};

/** First words that make a message a meeting command (for the registry's pattern). */
export const KEYWORDS = Object.keys(EXAMPLES);
export const COMMAND_PATTERN = new RegExp(`^(${KEYWORDS.map((k) => k.replace(/ /g, '\\s+')).join('|')})(?=\\s|:|§|$)`, 'iu');

export type Parsed = { ok: true; command: MeetingCommand } | { ok: false; message: string };

const P = String.raw`§\s*(\d{1,4})`;
const fail = (key: string, why?: string): Parsed => ({ ok: false, message: `${why ? `${why} ` : ''}Skriv till exempel: ${EXAMPLES[key]}` });
const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

function keywordOf(line: string): string | undefined {
  const m = line.match(COMMAND_PATTERN);
  if (!m) return undefined;
  const typed = m[1].toLocaleLowerCase('sv').replace(/\s+/g, ' ');
  return KEYWORDS.find((k) => k === typed);
}

function parseVotes(rest: string): { name: string; choice: VoteChoice }[] | undefined {
  const out: { name: string; choice: VoteChoice }[] = [];
  for (const part of rest.split(';').map((x) => x.trim()).filter(Boolean)) {
    const m = part.match(/^(ja|nej|avstår|avstod|avstående)\s*:\s*(.*)$/iu);
    if (!m) return undefined;
    const choice: VoteChoice = /^ja$/i.test(m[1]) ? 'ja' : /^nej$/i.test(m[1]) ? 'nej' : 'avstår';
    for (const name of list(m[2])) out.push({ name, choice });
  }
  return out.some((v) => v.choice !== 'avstår') ? out : undefined;
}

/**
 * "Ta frågan vidare senast 2019-11-30" → text and due date. With `today` (the Swedish calendar
 * day), a date without a year is read too: "senast 28 februari", "senast fredag 19 mars" is the
 * next such day from today on. A tail that is no date stays in the text.
 */
export function splitDue(text: string, today?: string): { text: string; due?: string } {
  const m = text.match(/^(.*?)[,\s]*\bsenast\s+(?:den\s+)?(.+?)\.?\s*$/iu);
  if (!m) return { text: text.trim() };
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(m[2]) ? (isValid(parseISO(m[2])) ? m[2] : undefined) : today ? parseNextMeetingDate(m[2], today, { sameDay: true }) : undefined;
  if (!iso) return { text: text.trim() };
  return { text: m[1].trim() || text.trim(), due: iso };
}

/** `today`: the Swedish calendar day, for due dates written without a year. */
export function parseMeetingCommand(raw: string, today?: string): Parsed {
  // Texts are stripped of invisible characters; typed names are only looked up on the roster (see invisible-text.ts).
  const line = stripInvisible(raw).replace(/\s+/g, ' ').trim();
  const key = keywordOf(line);
  if (!key) return { ok: false, message: `Okänt kommando. Skriv till exempel: ${EXAMPLES.jäv}` };
  const rest = line.slice(line.match(COMMAND_PATTERN)![0].length).trim();
  let m: RegExpMatchArray | null;
  switch (key) {
    case 'starta mötet':
      return rest ? fail(key) : { ok: true, command: { kind: 'starta' } };
    case 'avsluta mötet':
      return rest ? fail(key) : { ok: true, command: { kind: 'avsluta' } };
    case 'ankom':
    case 'lämnar':
      return rest && !rest.includes('§') ? { ok: true, command: { kind: key, name: rest } } : fail(key, 'Ange vem.');
    case 'jäv':
      m = rest.match(new RegExp(`^(.+?)\\s*${P}$`, 'u'));
      return m ? { ok: true, command: { kind: 'jäv', name: m[1].trim(), paragraph: Number(m[2]) } } : fail(key, 'Ange namn och §.');
    case 'votering': {
      m = rest.match(new RegExp(`^${P}\\s*:?\\s*(.*)$`, 'u'));
      const votes = m ? parseVotes(m[2]) : undefined;
      return m && votes ? { ok: true, command: { kind: 'votering', paragraph: Number(m[1]), votes } } : fail(key, 'Ange § och vilka som röstade ja, nej och avstod.');
    }
    case 'reservation':
    case 'protokollsanteckning':
      m = rest.match(new RegExp(`^(.+?)\\s*${P}\\s*(?::\\s*(.*))?$`, 'u'));
      // The text may be left out (4 kap. 27 §: a reservation need not be motivated), the name may not.
      if (m && !/\p{L}/u.test(m[1])) return fail(key, key === 'reservation' ? 'Ange vem som reserverar sig.' : 'Ange vem som lämnar protokollsanteckningen.');
      return m ? { ok: true, command: { kind: key, name: m[1].trim(), paragraph: Number(m[2]), ...(m[3]?.trim() ? { text: m[3].trim() } : {}) } } : fail(key, 'Ange namn och §.');
    case 'yrkande':
      m = rest.match(new RegExp(`^(.+?)\\s*${P}\\s*:\\s*(.+)$`, 'u'));
      return m ? { ok: true, command: { kind: 'yrkande', name: m[1].trim(), paragraph: Number(m[2]), text: m[3].trim() } } : fail(key, 'Ange namn, § och yrkandet.');
    case 'propositionsordning': {
      m = rest.match(new RegExp(`^${P}\\s*:\\s*([\\d,\\s]+)$`, 'u'));
      const order = m ? list(m[2]).map(Number) : [];
      return m && order.length && order.every((n) => Number.isInteger(n) && n > 0) ? { ok: true, command: { kind: 'propositionsordning', paragraph: Number(m[1]), order } } : fail(key);
    }
    case 'bifall':
      m = rest.match(new RegExp(`^${P}\\s*:\\s*(\\d+)$`, 'u'));
      return m ? { ok: true, command: { kind: 'bifall', paragraph: Number(m[1]), motion: Number(m[2]) } } : fail(key, 'Ange § och numret på yrkandet som vann.');
    case 'uppdrag': {
      m = rest.match(new RegExp(`^(.+?)\\s*${P}\\s*:\\s*(.+)$`, 'u'));
      if (!m) return fail(key, 'Ange vem, § och uppdraget.');
      const { text, due } = splitDue(m[3], today);
      return { ok: true, command: { kind: 'uppdrag', name: m[1].trim(), paragraph: Number(m[2]), text, ...(due ? { due } : {}) } };
    }
    case 'fråga':
      m = rest.match(new RegExp(`^(.+?)\\s*${P}\\s*:\\s*(.+)$`, 'u'));
      return m ? { ok: true, command: { kind: 'fråga', askedBy: m[1].trim(), paragraph: Number(m[2]), text: m[3].trim() } } : fail(key, 'Ange vem som frågade, § och frågan.');
    case 'beslut':
    case 'utfall':
    case 'anteckning': {
      m = rest.match(new RegExp(`^${P}\\s*:\\s*(.+)$`, 'u'));
      if (!m) return fail(key, 'Ange § och text.');
      const kind = key === 'utfall' ? 'fritt utfall' : key;
      return { ok: true, command: { kind, paragraph: Number(m[1]), text: m[2].trim() } };
    }
    case 'informationen':
    case 'bordlägg':
    case 'återremiss':
    case 'handlingarna': {
      m = rest.match(new RegExp(`^${P}\\.?$`, 'u'));
      const outcome: SimpleOutcome = key === 'informationen' ? 'informationen' : key === 'bordlägg' ? 'bordläggs' : key === 'återremiss' ? 'återremitteras' : 'handlingarna';
      return m ? { ok: true, command: { kind: 'utfall', paragraph: Number(m[1]), outcome } } : fail(key, 'Ange §.');
    }
    case 'omedelbar justering':
      m = rest.match(new RegExp(`^${P}$`, 'u'));
      return m ? { ok: true, command: { kind: 'omedelbar', paragraph: Number(m[1]) } } : fail(key, 'Ange §.');
    case 'nästa möte': {
      const text = rest.replace(/^:\s*/, '').trim();
      return text ? { ok: true, command: { kind: 'nästa möte', text } } : fail(key, 'Ange när nästa möte är.');
    }
  }
  return fail('jäv');
}
