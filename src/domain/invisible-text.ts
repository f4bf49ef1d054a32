/**
 * Invisible formatting characters in what people type or paste: bidi controls (U+202A–U+202E,
 * U+2066–U+2069, U+200E/U+200F, U+061C) reorder what a reader sees ("‮fdp.exe" reads "exe.pdf"),
 * and zero-width characters (U+200B–U+200D, U+2060, U+FEFF) make two different texts look the same.
 * Paragraf writes only Swedish, left to right, so none of them is ever needed. Pure.
 *
 * The rule per field, applied once where the text is parsed:
 * * a name (a person on the roster, the body's name, a member organisation) is **refused**: a name
 *   identifies someone, so "Eva Stuge" and "Eva\u200BStuge" must never both exist looking alike,
 *   and silently changing what the secretary pasted would store a name they did not write;
 * * free text (titles, agenda lines, decisions, notes, comments, the Teams display name) is
 *   **stripped**: Word, Outlook and web pages leave these marks in copied text, nobody can see or
 *   fix them, and removing them changes nothing a reader sees except the reordering they cause.
 */
import { UserError } from './errors';

const INVISIBLE_SOURCE = '[\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C\\u200B-\\u200D\\u2060\\uFEFF]';
const INVISIBLE = new RegExp(INVISIBLE_SOURCE, 'g');
const HAS_INVISIBLE = new RegExp(INVISIBLE_SOURCE);

/** Free text without bidi controls and zero-width characters. */
export function stripInvisible(text: string): string {
  return HAS_INVISIBLE.test(text) ? text.replace(INVISIBLE, '') : text;
}

export function hasInvisible(text: string): boolean {
  return HAS_INVISIBLE.test(text);
}

/** "U+202E" for each invisible character in the text, once each, for a message that names them. */
export function invisibleCodes(text: string): string[] {
  const codes = (text.match(INVISIBLE) ?? []).map((c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  return [...new Set(codes)];
}

/** The text with each invisible character shown as ⟨U+202E⟩, so a message can quote it safely. */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

/** Why a name with invisible characters is refused, in Swedish (for a line-by-line report). */
export function invisibleReason(text: string): string | undefined {
  if (!hasInvisible(text)) return undefined;
  return `raden innehåller osynliga styrtecken (${invisibleCodes(text).join(', ')}) som kan vända eller dölja text; skriv namnet för hand i stället för att klistra in det`;
}

/** Refuses a name with invisible characters; `what` is "Organets namn", "Organisationen" … */
export function refuseInvisible(text: string, what: string): string {
  if (!hasInvisible(text)) return text;
  throw new UserError(
    `${what} "${showInvisible(text.trim()).slice(0, 80)}" innehåller osynliga styrtecken (${invisibleCodes(text).join(', ')}) som kan vända eller dölja text. Skriv det för hand i stället för att klistra in det. Inget har ändrats.`,
    'invalid',
  );
}

/** Every string in a card's submitted data, stripped (every card input is free text or an id; names are picked, not typed). */
export function stripInvisibleDeep(value: unknown): unknown {
  if (typeof value === 'string') return stripInvisible(value);
  if (Array.isArray(value)) return value.map(stripInvisibleDeep);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripInvisibleDeep(v)]));
  return value;
}
