/**
 * The protocol as PDF/A-2b, laid out as the DOCX (protocol-docx.ts): the header block, each § with
 * its number in the left margin column, the signature block with the e-justering times and the
 * content hash, "Sida X av Y" in the footer. Its bytes depend only on the model and the seal.
 */
import type { ProtocolModel, ProtocolSection, Seal } from '../domain/protocol/model';
import { approvalLine, lateLine, lockedLine, pairedHashText } from '../domain/protocol/justering-text';
import { sekretessNote } from '../domain/sekretess';
import { PAGE, PdfaWriter, TEXT_WIDTH, type TextOptions } from './pdfa';

// The margin column as in the DOCX (1300 of 9638 twips).
const LEFT = 65;
const BODY_X = PAGE.margin + LEFT;
const BODY_W = TEXT_WIDTH - LEFT;

function body(pdf: PdfaWriter, text: string, o: TextOptions = {}): void {
  pdf.text(text, { x: BODY_X, width: BODY_W, ...o });
}

function lines(pdf: PdfaWriter, text: string): void {
  for (const l of text.split(/\r?\n/).map((x) => x.trim()).filter(Boolean)) body(pdf, l);
}

function labelled(pdf: PdfaWriter, label: string, items: string[], x = BODY_X, width = BODY_W): void {
  if (items.length === 0) return;
  pdf.keep(40);
  pdf.text(label, { bold: true, x, width, after: 2 });
  for (const t of items) pdf.text(t, { x, width, after: 3 });
  pdf.y += 4;
}

function voteTable(pdf: PdfaWriter, v: ProtocolSection['votes'][number]): void {
  const choiceX = BODY_X + BODY_W - 90;
  const row = (name: string, choice: string, bold = false) => {
    pdf.keep(18);
    const y = pdf.y;
    pdf.text(name, { x: BODY_X + 3, width: BODY_W - 100, bold, after: 0 });
    const after = pdf.y;
    pdf.y = y;
    pdf.text(choice, { x: choiceX, width: 87, bold, after: 0 });
    pdf.y = Math.max(after, pdf.y) + 2;
    pdf.line(BODY_X, BODY_X + BODY_W, pdf.y);
    pdf.y += 3;
  };
  row('Ledamot', 'Röst', true);
  for (const l of v.lines) row(l.name, l.choice);
  pdf.y += 4;
}

function sectionBody(pdf: PdfaWriter, s: ProtocolSection): void {
  body(pdf, s.title, { bold: true, size: 12, tag: 'H2' });
  if (s.sekretess) body(pdf, sekretessNote(s.sekretess), { bold: true });
  if (s.kind) body(pdf, s.kind, { italic: true });
  if (s.immediateJustering) body(pdf, 'Paragrafen justerades omedelbart.', { italic: true });
  if (s.presenters) body(pdf, `Föredragande: ${s.presenters}`);
  for (const a of s.attachments) body(pdf, `Bilaga: ${a}`);
  for (const a of s.account) lines(pdf, a);
  if (s.proposal) body(pdf, `Förslag till beslut: ${s.proposal}`);
  labelled(pdf, 'Yrkanden', s.motions.map((m) => `${m.by} yrkar: ${m.text}`));
  if (s.propositionOrder) labelled(pdf, 'Propositionsordning', [s.propositionOrder]);
  for (const v of s.votes) {
    pdf.keep(60);
    body(pdf, `Omröstning: ${v.question}`, { bold: true, after: 3 });
    if (v.lines.length) voteTable(pdf, v);
    body(pdf, v.resultText);
  }
  labelled(pdf, 'Jäv', s.jav);
  if (s.decision) labelled(pdf, 'Beslut', [s.decision]);
  labelled(pdf, 'Reservationer', s.reservations);
  labelled(pdf, 'Protokollsanteckningar', s.protocolNotes);
  labelled(pdf, 'Uppdrag', s.assignments);
  labelled(pdf, 'Frågor', s.questions);
}

/** One § with "§ 42" in the margin column beside its text; the heading is kept with its first lines. */
function marginSection(pdf: PdfaWriter, label: string, draw: () => void): void {
  pdf.keep(70);
  const y = pdf.y;
  if (label) pdf.text(label, { bold: true, size: 12, width: LEFT - 6, after: 0, tag: 'Lbl' });
  pdf.y = y;
  draw();
  pdf.y += 8;
}

function signatureBlock(pdf: PdfaWriter, m: ProtocolModel, seal: Seal): void {
  if (m.signatures.length === 0) return;
  // Kept on one page, as the DOCX does with keepNext.
  pdf.keep(40 + m.signatures.length * 42 + (seal.contentHash ? 40 : 0));
  pdf.text('Underskrifter', { bold: true, size: 13, after: 10, tag: 'H2' });
  const roleW = LEFT + 60;
  for (const s of m.signatures) {
    const a = seal.approvals.find((x) => x.memberId === s.memberId);
    const line = s.role === 'Sekreterare' ? 'Vid protokollet' : a ? approvalLine(a, seal.version) : 'Justerat: ____________________';
    const y = pdf.y;
    pdf.text(s.role, { bold: true, width: roleW - 6, after: 0 });
    pdf.y = y;
    pdf.text(s.name, { x: PAGE.margin + roleW, width: TEXT_WIDTH - roleW, after: 1 });
    pdf.text(line, { x: PAGE.margin + roleW, width: TEXT_WIDTH - roleW, italic: true, after: 12 });
  }
  if (seal.lockedAt && seal.contentHash) {
    const late = lateLine(seal);
    const paired = pairedHashText(seal);
    pdf.text(`${lockedLine(seal)}${late ? ` ${late}` : ''} Innehållets kontrollsumma (SHA-256): ${seal.contentHash}${paired ? ` ${paired}` : ''}`, { size: 8, after: 0 });
  }
}

/** The PDF/A-2b file of a protocol version. Its creation date is the lock (else the meeting day), so the bytes are fixed. */
export function protocolPdf(m: ProtocolModel, seal: Seal): Buffer {
  const title = `${m.heading} ${m.bodyName} ${m.date}`;
  const pdf = new PdfaWriter({
    title,
    createdAt: new Date(seal.lockedAt ?? `${m.date}T00:00:00Z`),
    footer: (n, total) => `${title} · Sida ${n} av ${total}`,
  });
  pdf.text(`${m.heading} ${m.bodyName}`, { bold: true, size: 16, after: 8, tag: 'H1' });
  if (m.publicNote) pdf.text(m.publicNote, { italic: true });
  if (m.diarienummer) pdf.text(m.diarienummer);
  pdf.text(`Datum och tid: ${m.dateTime}`);
  if (m.place) pdf.text(`Plats: ${m.place}`);
  if (m.paragraphs) pdf.text(`Ärenden: ${m.paragraphs}`, { after: 14 });
  labelled(pdf, 'Närvarande', m.present, PAGE.margin, TEXT_WIDTH);
  labelled(pdf, 'Frånvarande', m.absent, PAGE.margin, TEXT_WIDTH);
  labelled(pdf, 'Tjänstepersoner', m.officials, PAGE.margin, TEXT_WIDTH);
  pdf.y += 10;
  for (const s of m.sections) marginSection(pdf, `§ ${s.paragraph}`, () => sectionBody(pdf, s));
  // "Nästa möte" has no § of its own; it stands in the same layout without a number.
  if (m.nextMeeting) {
    marginSection(pdf, '', () => {
      body(pdf, 'Nästa möte', { bold: true, size: 12, tag: 'H2' });
      lines(pdf, m.nextMeeting!);
    });
  }
  pdf.y += 10;
  signatureBlock(pdf, m, seal);
  return pdf.finish();
}
