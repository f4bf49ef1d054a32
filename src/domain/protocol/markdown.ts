/**
 * The protocol as Markdown. The canonical form (no seal) is what is hashed and approved; the
 * served form adds the filled "Justerat" lines and, for a locked version, the hash. User text is
 * escaped so a title or a note can never become a heading, a list, a link or emphasis. Pure.
 */
import { createHash } from 'node:crypto';
import { replacedText, type ProtocolModel, type ProtocolSection, type Replaced, type Seal } from './model';
import { approvalLine, lateLine, lockedLine, pairedHashText } from './justering-text';
import { sekretessNote } from '../sekretess';
import { escapeMarkdownBlock, escapeMarkdownInline } from '../markdown-escape';

/** User text as Markdown that shows as typed (the one rule for cards and documents). */
export const escapeMd = escapeMarkdownBlock;
/** For text that follows a label on the same line ("Bilaga: 48. …"): only later lines can start a block. */
export const escapeInline = escapeMarkdownInline;

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
  if (s.sekretess) out.push(`**${escapeInline(sekretessNote(s.sekretess))}**`, '');
  if (s.kind) out.push(`*${escapeInline(s.kind)}*`, '');
  if (s.immediateJustering) out.push('Paragrafen justerades omedelbart.', '');
  if (s.quorum) out.push(escapeMd(s.quorum), '');
  if (s.presenters) out.push(`Föredragande: ${escapeInline(s.presenters)}`, '');
  for (const a of s.attachments) out.push(`Bilaga: ${escapeInline(a)}`, '');
  // Jäv is stated before the handling (the member leaves before it), the förslag before the discussion.
  out.push(...list('Jäv', s.jav));
  if (s.proposal) out.push(`Förslag till beslut: ${escapeInline(s.proposal)}`, '');
  for (const a of s.account) out.push(...block(a));
  out.push(...list('Yrkanden', s.motions.map((m) => `${m.by} yrkar: ${m.text}`)));
  if (s.propositionOrder) out.push(`**Propositionsordning**`, '', escapeMd(s.propositionOrder), '');
  for (const v of s.votes) {
    out.push('**Votering**', '', `Voteringsproposition: ${escapeInline(v.question)}`, '');
    if (v.lines.length) out.push('| Ledamot | Röst |', '|---|---|', ...v.lines.map((l) => `| ${escapeInline(l.name)} | ${l.choice} |`), '');
    out.push(escapeMd(v.resultText), '');
  }
  // Each att-sats of a decision on its own line; minnesanteckningar state the outcome as a plain
  // sentence ("Kalendariet fastställdes."), without the Beslut heading.
  if (s.decision) out.push(...(form === 'minnesanteckningar' ? [] : ['**Beslut**', '']), ...block(s.decision));
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

/** The notice at the top of a replaced version's document: a quote block no reader can miss, with the link. */
export function replacedNoticeMd(r: Replaced): string {
  return `> **${replacedText(r)}** <${r.currentUrl}>\n>\n> Den här versionen gäller inte. Läs och hänvisa till version ${r.current}.\n\n`;
}

/** The protocol; a replaced version (`replaced`) starts with the notice. The canonical form never has one. */
export function renderMarkdown(p: ProtocolModel, seal?: Seal, replaced?: Replaced): string {
  const out: string[] = [...(replaced ? [replacedNoticeMd(replaced)] : []), `# ${escapeInline(p.heading)} ${escapeInline(p.bodyName)}`, ''];
  if (p.publicNote) out.push(`*${escapeInline(p.publicNote)}*`, '');
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
      out.push(a ? approvalLine(a, seal!.version, escapeInline(a.name)) : 'Justerat: ____________________', '');
    }
  }
  if (seal?.lockedAt && seal.contentHash) {
    const late = lateLine(seal);
    out.push('## Justering', '', lockedLine(seal), '', ...(late ? [late, ''] : []), `Innehållets kontrollsumma (SHA-256): ${seal.contentHash}`, '');
    const paired = pairedHashText(seal);
    if (paired) out.push(paired, '');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

/**
 * A version's .md as served: rendered from its model, with the filled Justerat lines, as long as the
 * model still renders to exactly the stored canonical text (the text whose hash was recorded and
 * justerad). When it does not — the version predates a change to this renderer, or has no model —
 * the stored text is served unchanged, with the justering after it, so the stated hash stays the hash
 * of what the reader holds.
 */
export function servedMarkdown(stored: string, model: ProtocolModel | undefined, seal: Seal, replaced?: Replaced): string {
  if (model && renderMarkdown(model) === stored) return renderMarkdown(model, seal, replaced);
  const out: string[] = [...(replaced ? [replacedNoticeMd(replaced)] : []), stored.trimEnd(), ''];
  if (seal.approvals.length) out.push('## Justerat', '', ...seal.approvals.flatMap((a) => [approvalLine(a, seal.version, escapeInline(a.name)), '']));
  if (seal.lockedAt && seal.contentHash) {
    const late = lateLine(seal);
    out.push('## Justering', '', lockedLine(seal), '', ...(late ? [late, ''] : []), `Innehållets kontrollsumma (SHA-256): ${seal.contentHash}`, '');
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
