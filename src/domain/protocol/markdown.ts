/**
 * The protocol as Markdown. The canonical form (no seal) is what is hashed and approved; the
 * served form adds the filled "Justerat" lines and, for a locked version, the hash. User text is
 * escaped so a title or a note can never become a heading, a list, a link or emphasis. Pure.
 */
import { createHash } from 'node:crypto';
import type { ProtocolModel, ProtocolSection, Seal } from './model';

/** Escapes Markdown's inline characters and a block marker at the start of any line. */
export function escapeMd(text: string): string {
  return markLines(escapeChars(text), /^/gm);
}

/** For text that follows a label on the same line ("Bilaga: 48. …"): only later lines can start a block. */
export function escapeInline(text: string): string {
  return markLines(escapeChars(text), /\n/g);
}

function escapeChars(text: string): string {
  return text.replace(/[\\`*_[\]<>~|#]/g, (c) => `\\${c}`);
}

function markLines(text: string, lineStart: RegExp): string {
  const flags = lineStart.flags;
  const start = lineStart.source;
  return text
    .replace(new RegExp(`(${start})(\\s*)([+\\-=])(?=\\s|$)`, flags), '$1$2\\$3')
    .replace(new RegExp(`(${start})(\\s*)(\\d+)([.)])(?=\\s|$)`, flags), '$1$2$3\\$4');
}

/** A block of user text: each line its own paragraph, so the line breaks the secretary typed stay. */
function block(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map(escapeMd)
    .flatMap((l) => [l, '']);
}

function list(title: string, lines: string[]): string[] {
  if (lines.length === 0) return [];
  return [`**${title}**`, '', ...lines.map((l) => `- ${escapeInline(l)}`), ''];
}

/** "§ 42" in a protocol; minnesanteckningar number their points "1." without § (seed 000). */
export function sectionLabel(form: ProtocolModel['form'], paragraph: number): string {
  return form === 'minnesanteckningar' ? `${paragraph}.` : `§ ${paragraph}`;
}

function sectionMd(s: ProtocolSection, form: ProtocolModel['form']): string[] {
  const label = sectionLabel(form, s.paragraph);
  const out: string[] = [`## ${form === 'minnesanteckningar' ? label : `${label}.`} ${escapeInline(s.title)}`, ''];
  if (s.kind) out.push(`*${escapeInline(s.kind)}*`, '');
  if (s.immediateJustering) out.push('Paragrafen justerades omedelbart.', '');
  if (s.presenters) out.push(`Föredragande: ${escapeInline(s.presenters)}`, '');
  for (const a of s.attachments) out.push(`Bilaga: ${escapeInline(a)}`, '');
  // Jäv is stated before the handling (the member leaves before it), the förslag before the discussion.
  out.push(...list('Jäv', s.jav));
  if (s.proposal) out.push(`Förslag till beslut: ${escapeInline(s.proposal)}`, '');
  for (const a of s.account) out.push(...block(a));
  out.push(...list('Yrkanden', s.motions.map((m) => `${m.by} yrkar: ${m.text}`)));
  if (s.propositionOrder) out.push(`**Propositionsordning**`, '', escapeMd(s.propositionOrder), '');
  for (const v of s.votes) {
    out.push(`**Omröstning:** ${escapeInline(v.question)}`, '');
    out.push('| Ledamot | Röst |', '|---|---|', ...v.lines.map((l) => `| ${escapeInline(l.name)} | ${l.choice} |`), '');
    out.push(escapeMd(v.resultText), '');
  }
  // Minnesanteckningar state the outcome as a plain sentence ("Kalendariet fastställdes.").
  if (s.decision) out.push(...(form === 'minnesanteckningar' ? [] : ['**Beslut**', '']), escapeMd(s.decision), '');
  out.push(...list('Reservationer', s.reservations));
  out.push(...list('Protokollsanteckningar', s.protocolNotes));
  if (form === 'minnesanteckningar') {
    // Prose, as seed 000: the question, then who took it on.
    for (const line of [...s.questions, ...s.assignments]) out.push(escapeMd(line), '');
    return out;
  }
  out.push(...list('Uppdrag', s.assignments));
  out.push(...list('Frågor', s.questions));
  return out;
}

const SWEDISH_MINUTE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

function formatAt(iso: string): string {
  // Stored instants are UTC; the protocol states Swedish time.
  const parts = SWEDISH_MINUTE.format(new Date(iso));
  return parts.replace(/(\d{2}):(\d{2})$/, 'kl. $1.$2');
}

export function renderMarkdown(p: ProtocolModel, seal?: Seal): string {
  const out: string[] = [`# ${escapeInline(p.heading)} ${escapeInline(p.bodyName)}`, ''];
  if (p.diarienummer) out.push(escapeMd(p.diarienummer), '');
  out.push(`Datum och tid: ${escapeInline(p.dateTime)}`, '');
  if (p.place) out.push(`Plats: ${escapeInline(p.place)}`, '');
  if (p.paragraphs) out.push(`Ärenden: ${escapeInline(p.paragraphs)}`, '');
  out.push(...list('Närvarande', p.present));
  out.push(...list('Frånvarande', p.absent));
  out.push(...list('Tjänstepersoner', p.officials));
  for (const line of p.organisations ?? []) out.push(escapeMd(line), '');
  if (p.justering) out.push(`Utses att justera: ${escapeInline(p.justering.by)}`, '', `Justeringens plats och tid: ${escapeInline(p.justering.placeAndTime)}`, '');
  for (const s of p.sections) out.push(...sectionMd(s, p.form));
  if (p.nextMeeting) {
    const label = p.nextMeetingParagraph ? `${sectionLabel(p.form, p.nextMeetingParagraph)}${p.form === 'minnesanteckningar' ? '' : '.'} ` : '';
    out.push(`## ${label}Nästa möte`, '', escapeMd(p.nextMeeting), '');
  }
  if (p.signatures.length) {
    out.push('## Underskrifter', '');
    for (const s of p.signatures) {
      out.push(`${s.role}: ${escapeInline(s.name)}`, '');
      if (s.role === 'Sekreterare') continue;
      const a = seal?.approvals.find((x) => x.memberId === s.memberId);
      out.push(a ? `Justerat ${formatAt(a.at)} av ${escapeInline(a.name)} (version ${seal!.version})` : 'Justerat: ____________________', '');
    }
  }
  if (seal?.lockedAt && seal.contentHash) {
    out.push('## Justering', '', `Protokollet (version ${seal.version}) låstes ${formatAt(seal.lockedAt)}.`, '', `Innehållets kontrollsumma (SHA-256): ${seal.contentHash}`, '');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The canonical Markdown of a protocol (no approvals) and its content hash. */
export function canonical(p: ProtocolModel): { markdown: string; contentHash: string } {
  const markdown = renderMarkdown(p);
  return { markdown, contentHash: sha256Hex(markdown) };
}
