/**
 * Sekretess per § (offentlighets- och sekretesslagen): the secretary marks a § — the whole of it,
 * only its written text (account, förslag, yrkanden, decision …), or named persons in it — as
 * covered, with the provision as text ("26 kap. 1 § OSL"). The marking is part of the item, so it
 * is audited with every other change, and the public version of the protocol is derived from it
 * (protocol/public-version.ts). Pure.
 */
import { UserError } from './errors';

export type SekretessScope = 'paragraf' | 'text';

/** A person covered by sekretess in a §, and the role that stands for the name in public ("den enskilde"). */
export interface CoveredPerson {
  name: string;
  role: string;
}

/** What a § has marked; the same shape travels into the protocol model. */
export interface SekretessMark {
  provision: string;
  /** 'paragraf': the whole §, title too; 'text': everything written in it but the title; absent: only the named persons. */
  scope?: SekretessScope;
  persons: CoveredPerson[];
}

export interface Sekretess extends SekretessMark {
  markedBy: string;
  markedAt: string;
}

export const DEFAULT_ROLE = 'den enskilde';

/** "Sekretess enligt 26 kap. 1 § OSL" — what stands in public where a covered part was. */
export function sekretessText(provision: string): string {
  return `Sekretess enligt ${provision}`;
}

/** The note under the § heading, in the complete protocol and the public version alike, as secretaries write it. */
export function sekretessNote(m: SekretessMark): string {
  if (m.scope === 'paragraf') return `${sekretessText(m.provision)}.`;
  if (m.scope === 'text') return `Paragrafens redogörelse och beslut omfattas av sekretess enligt ${m.provision}.`;
  return `Uppgifter om enskilda personer i paragrafen omfattas av sekretess enligt ${m.provision}.`;
}

const PROVISION_MAX = 120;
const NAME_MAX = 80;

/**
 * A provision as given: trimmed, one line, and it must cite something (a digit: "26 kap. 1 §",
 * "OSL 26:1"), so a word typed by mistake is not taken for a law.
 */
export function checkedProvision(raw: string | undefined): string {
  // A closing full stop belongs to the sentence, not to the provision ("… 1 § OSL." → "… 1 § OSL").
  const p = (raw ?? '').replace(/\s+/g, ' ').trim().replace(/^enligt\s+/i, '').replace(/(?<!kap)\.$/, '').trim();
  if (!p) throw new UserError('Ange vilken bestämmelse sekretessen gäller enligt, t.ex. "26 kap. 1 § OSL". Inget har ändrats.', 'invalid');
  if (p.length > PROVISION_MAX) throw new UserError(`Bestämmelsen är för lång (högst ${PROVISION_MAX} tecken). Inget har ändrats.`, 'invalid');
  if (!/\d/.test(p)) throw new UserError(`"${p}" ser inte ut som en bestämmelse. Skriv till exempel "26 kap. 1 § OSL". Inget har ändrats.`, 'invalid');
  return p;
}

/** "Anna Andersson (vårdnadshavaren), Bo Ek" → persons; the role defaults to "den enskilde". */
export function parsePersons(raw: string): CoveredPerson[] {
  const out: CoveredPerson[] = [];
  for (const part of raw.split(/[,;]|\soch\s/).map((s) => s.trim()).filter(Boolean)) {
    const m = /^(.*?)\s*(?:\(([^)]*)\))?$/.exec(part)!;
    const name = m[1].replace(/\s+/g, ' ').trim();
    const role = (m[2] ?? '').replace(/\s+/g, ' ').trim() || DEFAULT_ROLE;
    if (name.length < 2 || name.length > NAME_MAX || /\d/.test(name)) throw new UserError(`"${part}" kan inte vara ett namn. Skriv namnen med kommatecken emellan, t.ex. "sekretess §12 person Anna Andersson, Bo Ek: 26 kap. 1 § OSL". Inget har ändrats.`, 'invalid');
    if (role.length > 40) throw new UserError('Rollen inom parentes är för lång (högst 40 tecken). Inget har ändrats.', 'invalid');
    out.push({ name, role });
  }
  if (out.length === 0) throw new UserError('Ange vilka personer som omfattas, t.ex. "sekretess §12 person Anna Andersson: 26 kap. 1 § OSL". Inget har ändrats.', 'invalid');
  return out;
}

export type SekretessCommand =
  | { kind: 'markera'; paragraph: number; scope: SekretessScope | 'personer'; provision: string; persons: CoveredPerson[] }
  | { kind: 'ta bort'; paragraph: number };

export const SEKRETESS_PATTERN = /^sekretess(?=\s|§|$)/iu;

export const SEKRETESS_EXAMPLES = [
  'sekretess §12 26 kap. 1 § OSL',
  'sekretess §12 beslut 26 kap. 1 § OSL',
  'sekretess §12 person Anna Andersson, Bo Ek (vårdnadshavaren): 26 kap. 1 § OSL',
  'sekretess §12 bort',
];

const usage = () => `Skriv till exempel:\n${SEKRETESS_EXAMPLES.map((e) => `- ${e}`).join('\n')}`;

/**
 * The typed command:
 *   sekretess §12 26 kap. 1 § OSL                       the whole §
 *   sekretess §12 beslut 26 kap. 1 § OSL                its text (account, förslag, yrkanden, beslut …), not the title
 *   sekretess §12 person Anna Andersson, Bo Ek (…): 26 kap. 1 § OSL   named persons, replaced by their role
 *   sekretess §12 bort                                  the marking removed
 */
export function parseSekretessCommand(line: string): SekretessCommand {
  const text = line.replace(/\s+/g, ' ').trim();
  const m = /^sekretess\s*§\s*(\d{1,4})\s*(.*)$/iu.exec(text);
  if (!m) throw new UserError(`Ange paragrafen med §. ${usage()}`, 'syntax');
  const paragraph = Number(m[1]);
  const rest = m[2].trim();
  if (/^(bort|ingen|tas bort|ta bort)$/i.test(rest)) return { kind: 'ta bort', paragraph };
  const word = /^(beslut|text|person|personer)\b\s*(.*)$/iu.exec(rest);
  if (!word) return { kind: 'markera', paragraph, scope: 'paragraf', provision: checkedProvision(rest), persons: [] };
  const kind = word[1].toLocaleLowerCase('sv');
  if (kind === 'beslut' || kind === 'text') return { kind: 'markera', paragraph, scope: 'text', provision: checkedProvision(word[2]), persons: [] };
  // Names and provision: split at ":" or " enligt ", else where the provision's first digit begins.
  const after = word[2];
  const split = /^(.*?)(?::|\senligt\s)(.*)$/iu.exec(after) ?? /^(\D*?)\s*(\d.*)$/u.exec(after);
  if (!split) throw new UserError(`Ange både namnen och bestämmelsen. ${usage()}`, 'syntax');
  return { kind: 'markera', paragraph, scope: 'personer', provision: checkedProvision(split[2]), persons: parsePersons(split[1]) };
}

/**
 * The § after a marking: a whole-§ or text marking sets the scope (the wider one stays: the whole §
 * covers its text), persons add to those already named; the provision is the one given last.
 */
export function withMark(current: Sekretess | undefined, mark: { scope: SekretessScope | 'personer'; provision: string; persons: CoveredPerson[] }, by: string, at: string): Sekretess {
  const provision = checkedProvision(mark.provision);
  const persons = [...(current?.persons ?? [])];
  for (const p of mark.persons) {
    const i = persons.findIndex((x) => x.name.toLocaleLowerCase('sv') === p.name.toLocaleLowerCase('sv'));
    if (i >= 0) persons[i] = p;
    else persons.push(p);
  }
  const scope: SekretessScope | undefined = mark.scope === 'paragraf' || current?.scope === 'paragraf' ? 'paragraf' : mark.scope === 'text' || current?.scope === 'text' ? 'text' : undefined;
  return { provision, ...(scope ? { scope } : {}), persons, markedBy: by, markedAt: at };
}

/** What the secretary is told: "§ 12 omfattas av sekretess enligt 26 kap. 1 § OSL (hela paragrafen)." */
export function markSummary(paragraph: number, s: SekretessMark | undefined): string {
  if (!s) return `§ ${paragraph} omfattas inte längre av sekretess.`;
  const what = s.scope === 'paragraf' ? 'hela paragrafen' : s.scope === 'text' ? 'redogörelse och beslut, inte rubriken' : '';
  const who = s.persons.length ? `${what ? ', ' : ''}${s.persons.map((p) => `${p.name} som "${p.role}"`).join(', ')}` : '';
  return `§ ${paragraph} omfattas av sekretess enligt ${s.provision} (${what}${who}).`;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Every covered person's name in `text` replaced by their role: the full name first, then each part
 * of it standing alone ("Anna", "Andersson"), so a first name written on its own does not give the
 * person away. Case-insensitive, whole words only.
 */
export function replacePersons(text: string, persons: CoveredPerson[]): string {
  let out = text;
  // The genitive s goes with the role: "Anna Anderssons ansökan" → "den enskildes ansökan".
  const whole = (s: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(s)}(s?)(?![\\p{L}\\p{N}])`, 'giu');
  // A function, not a replacement string: a role typed as "$&" must not put the name back.
  const by = (role: string) => (_m: string, s: string) => `${role}${s}`;
  for (const p of persons) out = out.replace(whole(p.name), by(p.role));
  for (const p of persons) {
    for (const part of p.name.split(/[\s-]+/).filter((x) => x.length >= 2)) out = out.replace(whole(part), by(p.role));
  }
  return out;
}

/** A § title fit to show outside the body's own conversation (personal cards, reminders, case titles). */
export function shownTitle(item: { title: string; sekretess?: SekretessMark }): string {
  const s = item.sekretess;
  if (!s) return item.title;
  if (s.scope === 'paragraf') return sekretessText(s.provision);
  return replacePersons(item.title, s.persons);
}

/** Free text of a covered § (an uppdrag, a fråga) fit to show outside the body's conversation. */
export function shownText(item: { sekretess?: SekretessMark }, text: string): string {
  const s = item.sekretess;
  if (!s) return text;
  if (s.scope) return sekretessText(s.provision);
  return replacePersons(text, s.persons);
}
