/**
 * Reads a roster pasted the way protocols print it (seed 002):
 *   Carin Nilsson (s) Umeå kommun, ordförande
 *   Kenneth Andersson (s), ersättare för Anna-Lena Danielsson, tillika justerare
 *   Tjänstepersoner:
 *   Britta Edström, regional samverkanskoordinator
 *   Maria Lind, sekreterare
 * Headings (Närvarande:, Frånvarande:, Ledamöter:, Ersättare:, Tjänstepersoner:) switch section.
 * Pure: returns the entries and every line it could not read; the caller saves nothing then.
 */
import type { Role, RosterEntry } from './body';
import { invisibleReason, showInvisible } from './invisible-text';

/** A roster line as pasted: the entry's own fields (no id, order or Teams link yet). */
export type ParsedRosterEntry = Pick<RosterEntry, 'name' | 'party' | 'organisation' | 'role' | 'secretary' | 'title'> & {
  /** "ersättare för Anna-Lena Danielsson": kept for the record, not used for calling order. */
  substituteFor?: string;
};

export interface RosterParseResult {
  entries: ParsedRosterEntry[];
  unreadable: { line: number; text: string; reason: string }[];
}

type Section = 'members' | 'ersättare' | 'tjänstepersoner';

const HEADINGS: [RegExp, Section][] = [
  [/^(närvarande|frånvarande|ledamöter|ordinarie ledamöter|tjänstgörande ledamöter)( ledamöter)?\s*:?$/i, 'members'],
  [/^(ersättare|tjänstgörande ersättare|närvarande ersättare)\s*:?$/i, 'ersättare'],
  [/^(tjänstepersoner|tjänstemän|övriga närvarande|övriga)\s*:?$/i, 'tjänstepersoner'],
];

const NAME = /^[\p{Lu}][\p{L}'’.-]*(?:[ -][\p{L}'’.-]+)+$/u;
const MAX_LINE = 200;

function role(segment: string): { role?: Role; secretary?: boolean; ignore?: boolean; substituteFor?: string } | undefined {
  const s = segment.trim().toLowerCase();
  if (s === 'ordförande') return { role: 'ordförande' };
  if (/^((1|2|3):?e |förste |andre )?vice ordförande$/.test(s)) return { role: 'vice ordförande' };
  if (s === 'ledamot') return { role: 'ledamot' };
  if (s === 'ersättare') return { role: 'ersättare' };
  const forMatch = segment.trim().match(/^ersättare för (.+)$/i);
  if (forMatch) return { role: 'ersättare', substituteFor: forMatch[1].trim() };
  if (/sekreterare$/.test(s)) return { secretary: true };
  if (/^(tillika )?justerare$/.test(s)) return { ignore: true };
  return undefined;
}

export interface RosterParseOptions {
  /**
   * A nämnd's members have a party ("Carin Nilsson (s) Umeå kommun"); a råd keeping
   * minnesanteckningar has organisation representatives without one ("Annica Nilsson, Avesta kommun").
   */
  partyRequired?: boolean;
}

/** "Annica Nilsson, Avesta kommun[, ordförande]": a representative of an organisation, no party. */
function representativeLine(parts: string[], section: Section): ParsedRosterEntry | string {
  const [name, organisation, ...roles] = parts;
  if (!NAME.test(name)) return `"${name.slice(0, 40)}" ser inte ut som ett namn (för- och efternamn)`;
  if (!organisation || role(organisation)) return 'raden saknar organisation, t.ex. "Annica Nilsson, Avesta kommun"';
  if (!/^[\p{L}][\p{L}\d .&'’-]*$/u.test(organisation)) return `"${organisation.slice(0, 40)}" ser inte ut som en organisation`;
  const entry: ParsedRosterEntry = { name, organisation, role: section === 'ersättare' ? 'ersättare' : 'ledamot' };
  for (const seg of roles) {
    const r = role(seg);
    if (!r) return `okänd roll "${seg.slice(0, 40)}" (ordförande, vice ordförande, ledamot, ersättare eller sekreterare)`;
    if (r.role) entry.role = r.role;
    if (r.secretary) entry.secretary = true;
    if (r.substituteFor) entry.substituteFor = r.substituteFor;
  }
  return entry;
}

function memberLine(text: string, section: Section, opts: RosterParseOptions): ParsedRosterEntry | string {
  const m = text.match(/^([^(),]+?)\s*\(([^()]{1,12})\)\s*(.*)$/u);
  if (!m) {
    // A secretary or other named role without party among the members: "Maria Lind, sekreterare".
    const parts = text.split(',').map((x) => x.trim());
    if (parts.length >= 2 && NAME.test(parts[0]) && parts.slice(1).every((p) => role(p)?.secretary)) {
      return { name: parts[0], role: 'tjänsteperson', secretary: true, title: parts.slice(1).join(', ') };
    }
    if (opts.partyRequired === false) return representativeLine(parts, section);
    return 'raden saknar parti inom parentes, t.ex. "Carin Nilsson (s) Umeå kommun, ordförande"';
  }
  const name = m[1].trim();
  if (!NAME.test(name)) return `"${name.slice(0, 40)}" ser inte ut som ett namn (för- och efternamn)`;
  const party = m[2].trim().toLowerCase();
  if (!/^[\p{L}]{1,10}$/u.test(party)) return `"(${m[2].slice(0, 12)})" ser inte ut som en partibeteckning`;
  const rest = m[3].trim();
  const segments = rest.split(',').map((x) => x.trim());
  let organisation: string | undefined = segments[0] || undefined;
  const entry: ParsedRosterEntry = { name, party, role: section === 'ersättare' ? 'ersättare' : 'ledamot' };
  for (let i = 1; i < segments.length; i++) {
    const seg = segments[i];
    if (!seg) return 'tom del mellan kommatecken';
    const r = role(seg);
    if (!r) return `okänd roll "${seg.slice(0, 40)}" (ordförande, vice ordförande, ledamot, ersättare eller sekreterare)`;
    if (r.role && !(entry.role === 'ordförande' || entry.role === 'vice ordförande')) entry.role = r.role;
    if (r.secretary) entry.secretary = true;
    if (r.substituteFor) entry.substituteFor = r.substituteFor;
  }
  // "Carin Nilsson (s), ordförande": the first segment after the party is then a role, not an organisation.
  if (organisation) {
    const r = role(organisation);
    if (r) {
      organisation = undefined;
      if (r.role) entry.role = r.role;
      if (r.secretary) entry.secretary = true;
      if (r.substituteFor) entry.substituteFor = r.substituteFor;
    } else if (!/^[\p{L}][\p{L}\d .&'’-]*$/u.test(organisation)) {
      return `"${organisation.slice(0, 40)}" ser inte ut som en organisation`;
    }
  }
  if (organisation) entry.organisation = organisation;
  return entry;
}

function staffLine(text: string): ParsedRosterEntry | string {
  const [first, ...rest] = text.split(',').map((x) => x.trim());
  if (!NAME.test(first)) return `"${first.slice(0, 40)}" ser inte ut som ett namn (för- och efternamn)`;
  const title = rest.filter(Boolean).join(', ') || undefined;
  const entry: ParsedRosterEntry = { name: first, role: 'tjänsteperson' };
  if (title) entry.title = title;
  if (rest.some((p) => role(p)?.secretary)) entry.secretary = true;
  return entry;
}

export function parseRoster(text: string, opts: RosterParseOptions = {}): RosterParseResult {
  const entries: ParsedRosterEntry[] = [];
  const unreadable: RosterParseResult['unreadable'] = [];
  let section: Section = 'members';
  const seen = new Map<string, number>();
  // A byte order mark before the whole paste is a file's encoding, not part of a name.
  text.replace(/^\uFEFF/, '').split('\n').forEach((raw, index) => {
    // Names identify people: a line with bidi or zero-width characters is refused, never cleaned
    // (see invisible-text.ts). Checked before spaces are collapsed, since \s counts U+FEFF as one.
    const invisible = invisibleReason(raw);
    if (invisible) {
      unreadable.push({ line: index + 1, text: showInvisible(raw.trim()), reason: invisible });
      return;
    }
    // A list pasted from a document keeps its bullets ("- ", "• ", "* ", "– "): they are not part of the name.
    const line = raw.replace(/\s+/g, ' ').trim().replace(/^[-•*–·]\s+/u, '');
    if (!line) return;
    const heading = HEADINGS.find(([re]) => re.test(line));
    if (heading) {
      section = heading[1];
      return;
    }
    if (line.length > MAX_LINE) {
      unreadable.push({ line: index + 1, text: line.slice(0, 60) + '…', reason: 'raden är för lång' });
      return;
    }
    const parsed = section === 'tjänstepersoner' ? staffLine(line) : memberLine(line, section, opts);
    if (typeof parsed === 'string') {
      unreadable.push({ line: index + 1, text: line, reason: parsed });
      return;
    }
    const key = parsed.name.toLowerCase();
    if (seen.has(key)) {
      unreadable.push({ line: index + 1, text: line, reason: `${parsed.name} står redan på rad ${seen.get(key)}` });
      return;
    }
    seen.set(key, index + 1);
    entries.push(parsed);
  });
  return { entries, unreadable };
}
