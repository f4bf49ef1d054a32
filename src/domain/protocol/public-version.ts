/**
 * The public version of a protocol: derived mechanically from the same model as the complete one,
 * never written by hand, so it cannot drift from the original. Each part a § has marked as covered
 * by sekretess is replaced by "Sekretess enligt <provision>", each covered person's name by their
 * role ("den enskilde"). What is kept is chosen field by field (a whitelist): a field this file
 * does not know is dropped, so a new field of the model cannot slip through to the public side. Pure.
 */
import { replacePersons, sekretessText, type SekretessMark } from '../sekretess';
import { canonical } from './markdown';
import type { ProtocolModel, ProtocolSection, ProtocolVote } from './model';

export const PUBLIC_NOTE =
  'Offentlig version. Delar som omfattas av sekretess enligt offentlighets- och sekretesslagen är ersatta med en hänvisning till bestämmelsen, och namn på enskilda med deras roll.';

/** "Eva Stuge (m) reserverar sig mot beslutet: …" → "Eva Stuge (m) reserverar sig mot beslutet." (who is public, the text is not). */
function whoOnly(line: string, phrase: string, replacement: string): string {
  const at = line.indexOf(` ${phrase}`);
  return at > 0 ? `${line.slice(0, at)} ${phrase}.` : replacement;
}

const röster = (n: number, kind: string) => `${n} ${kind}-${n === 1 ? 'röst' : 'röster'}`;

/** The counts only: the result text may repeat a yrkande's words. */
function countsText(v: ProtocolVote): string {
  return `Omröstningen utföll med ${röster(v.ja, 'ja')} mot ${röster(v.nej, 'nej')}${v.avstar ? ` och ${v.avstar} som avstår` : ''}${v.castingVote ? '; ordförandens utslagsröst avgjorde' : ''}.`;
}

/** The whole § covered: its number stays, with "Sekretess enligt …" for everything else. */
function wholeSection(s: ProtocolSection, mark: SekretessMark): ProtocolSection {
  return {
    paragraph: s.paragraph,
    title: sekretessText(mark.provision),
    ...(s.quorum ? { quorum: s.quorum } : {}),
    attachments: [],
    account: [],
    motions: [],
    votes: [],
    jav: [],
    reservations: [],
    protocolNotes: [],
    assignments: [],
    questions: [],
    immediateJustering: s.immediateJustering,
  };
}

/** The § with its text covered: title, kind, who took part and how they voted stay; every written text is replaced. */
function textSection(s: ProtocolSection, mark: SekretessMark): ProtocolSection {
  const S = sekretessText(mark.provision);
  return {
    paragraph: s.paragraph,
    title: s.title,
    ...(s.kind ? { kind: s.kind } : {}),
    ...(s.quorum ? { quorum: s.quorum } : {}),
    ...(s.presenters ? { presenters: s.presenters } : {}),
    attachments: s.attachments.length ? [S] : [],
    account: [S],
    ...(s.proposal ? { proposal: S } : {}),
    motions: s.motions.map((m) => ({ by: m.by, text: S })),
    ...(s.propositionOrder ? { propositionOrder: s.propositionOrder } : {}),
    votes: s.votes.map((v) => ({ question: S, lines: v.lines.map((l) => ({ name: l.name, choice: l.choice })), ja: v.ja, nej: v.nej, avstar: v.avstar, castingVote: v.castingVote, resultText: countsText(v) })),
    jav: [...s.jav],
    reservations: s.reservations.map((r) => whoOnly(r, 'reserverar sig mot beslutet', S)),
    protocolNotes: s.protocolNotes.map((r) => whoOnly(r, 'lämnar en protokollsanteckning', S)),
    ...(s.decision ? { decision: S } : {}),
    assignments: s.assignments.map(() => S),
    questions: s.questions.map(() => S),
    immediateJustering: s.immediateJustering,
    sekretess: { provision: mark.provision, scope: 'text', persons: [] },
  };
}

/** Only persons covered: every field kept (whitelisted), each covered name replaced by its role. */
function personsSection(s: ProtocolSection, mark: SekretessMark): ProtocolSection {
  return {
    paragraph: s.paragraph,
    title: s.title,
    ...(s.kind ? { kind: s.kind } : {}),
    ...(s.quorum ? { quorum: s.quorum } : {}),
    ...(s.presenters ? { presenters: s.presenters } : {}),
    attachments: [...s.attachments],
    account: [...s.account],
    ...(s.proposal ? { proposal: s.proposal } : {}),
    motions: s.motions.map((m) => ({ by: m.by, text: m.text })),
    ...(s.propositionOrder ? { propositionOrder: s.propositionOrder } : {}),
    votes: s.votes.map((v) => ({ question: v.question, lines: v.lines.map((l) => ({ name: l.name, choice: l.choice })), ja: v.ja, nej: v.nej, avstar: v.avstar, castingVote: v.castingVote, resultText: v.resultText })),
    jav: [...s.jav],
    reservations: [...s.reservations],
    protocolNotes: [...s.protocolNotes],
    ...(s.decision ? { decision: s.decision } : {}),
    assignments: [...s.assignments],
    questions: [...s.questions],
    immediateJustering: s.immediateJustering,
    sekretess: { provision: mark.provision, persons: [] },
  };
}

/** Every string in a value (a section's), with the covered persons' names replaced. */
function mapStrings<T>(value: T, f: (s: string) => string): T {
  if (typeof value === 'string') return f(value) as T;
  if (Array.isArray(value)) return value.map((x) => mapStrings(x, f)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)])) as T;
  return value;
}

export function publicSection(s: ProtocolSection): ProtocolSection {
  const mark = s.sekretess;
  if (!mark) return s;
  const covered = mark.scope === 'paragraf' ? wholeSection(s, mark) : mark.scope === 'text' ? textSection(s, mark) : personsSection(s, mark);
  if (!mark.persons.length) return covered;
  const { sekretess, ...rest } = covered;
  return { ...mapStrings(rest, (t) => replacePersons(t, mark.persons)), ...(sekretess ? { sekretess } : {}) };
}

/** The public version of a complete protocol model. */
export function publicModel(m: ProtocolModel): ProtocolModel {
  return { ...m, sections: m.sections.map(publicSection), publicNote: PUBLIC_NOTE };
}

/** The public version's canonical Markdown and its hash, fixed at locking beside the complete one's. */
export function publicCanonical(m: ProtocolModel): { markdown: string; contentHash: string } {
  return canonical(publicModel(m));
}
