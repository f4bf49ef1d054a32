/**
 * The protocol as a Word document (npm `docx`), laid out like a Swedish protocol: A4, the header
 * block, then one two-column table per § with the § number in the left margin column, the
 * signature block with "Justerat" lines, and "Sida X av Y" in the footer.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ITableCellOptions,
} from 'docx';
import { stripInvisible } from '../domain/invisible-text';
import { replacedText, type ProtocolModel, type ProtocolSection, type Replaced, type Seal } from '../domain/protocol/model';
import { approvalLine, lateLine, lockedLine, pairedHashText } from '../domain/protocol/justering-text';
import { sekretessNote } from '../domain/sekretess';
import { sectionLabel } from '../domain/protocol/markdown';

const FONT = 'Calibri';
// A4 in twips, with 2 cm margins: 11906 − 2 × 1134 = 9638 twips of text width.
const PAGE = { width: 11906, height: 16838 };
const MARGIN = 1134;
const TEXT_WIDTH = PAGE.width - 2 * MARGIN;
const LEFT = 1300;
const RIGHT = TEXT_WIDTH - LEFT;
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

function p(text: string, opts: { bold?: boolean; italics?: boolean; size?: number; after?: number; keepNext?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}): Paragraph {
  return new Paragraph({
    alignment: opts.align,
    keepNext: opts.keepNext,
    keepLines: opts.keepNext,
    spacing: { after: opts.after ?? 120 },
    // Text stored before bidi and zero-width characters were refused at input must not reorder what is printed.
    children: [new TextRun({ text: stripInvisible(text), bold: opts.bold, italics: opts.italics, font: FONT, size: opts.size ?? 22 })],
  });
}

function lines(text: string): Paragraph[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => p(l));
}

function labelled(label: string, items: string[]): Paragraph[] {
  if (items.length === 0) return [];
  return [p(label, { bold: true, after: 60 }), ...items.map((t) => p(t, { after: 60 }))];
}

function cell(children: (Paragraph | Table)[], width: number, extra: Partial<ITableCellOptions> = {}): TableCell {
  return new TableCell({ children: children.length ? children : [p('')], width: { size: width, type: WidthType.DXA }, borders: NO_BORDERS, ...extra });
}

function voteTable(v: ProtocolSection['votes'][number]): Table {
  const thin = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
  const b = { top: thin, bottom: thin, left: thin, right: thin };
  const row = (a: string, c: string, bold = false) =>
    new TableRow({
      children: [
        new TableCell({ children: [p(a, { bold, after: 0 })], width: { size: RIGHT - 1800, type: WidthType.DXA }, borders: b }),
        new TableCell({ children: [p(c, { bold, after: 0 })], width: { size: 1800, type: WidthType.DXA }, borders: b }),
      ],
    });
  return new Table({ width: { size: RIGHT, type: WidthType.DXA }, columnWidths: [RIGHT - 1800, 1800], rows: [row('Ledamot', 'Röst', true), ...v.lines.map((l) => row(l.name, l.choice))] });
}

function sectionBody(s: ProtocolSection, form: ProtocolModel['form']): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [p(s.title, { bold: true, size: 24 })];
  if (s.sekretess) out.push(p(sekretessNote(s.sekretess), { bold: true }));
  if (s.kind) out.push(p(s.kind, { italics: true }));
  if (s.immediateJustering) out.push(p('Paragrafen justerades omedelbart.', { italics: true }));
  if (s.quorum) out.push(p(s.quorum));
  if (s.presenters) out.push(p(`Föredragande: ${s.presenters}`));
  for (const a of s.attachments) out.push(p(`Bilaga: ${a}`));
  out.push(...labelled('Jäv', s.jav));
  if (s.proposal) out.push(p(`Förslag till beslut: ${s.proposal}`));
  for (const a of s.account) out.push(...lines(a));
  out.push(...labelled('Yrkanden', s.motions.map((m) => `${m.by} yrkar: ${m.text}`)));
  if (s.propositionOrder) out.push(...labelled('Propositionsordning', [s.propositionOrder]));
  for (const v of s.votes) {
    out.push(p('Votering', { bold: true, after: 60 }), p(`Voteringsproposition: ${v.question}`, { after: 60 }), ...(v.lines.length ? [voteTable(v)] : []), p(v.resultText));
  }
  // Each att-sats on its own line; minnesanteckningar state the outcome as a plain sentence.
  if (s.decision) out.push(...(form === 'minnesanteckningar' ? s.decision.split('\n').map((l) => p(l)) : labelled('Beslut', s.decision.split('\n'))));
  out.push(...labelled('Reservationer', s.reservations));
  out.push(...labelled('Protokollsanteckningar', s.protocolNotes));
  if (form === 'minnesanteckningar') {
    out.push(...[...s.questions, ...s.assignments].map((a) => p(a)));
    return out;
  }
  out.push(...labelled('Uppdrag', s.assignments));
  out.push(...labelled('Frågor', s.questions));
  return out;
}

/** One § as a two-column table: "§ 42" in the margin column, the text beside it. */
function marginTable(label: string, body: (Paragraph | Table)[]): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [LEFT, RIGHT],
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell([p(label, { bold: true, size: 24 })], LEFT), cell(body, RIGHT)] })],
  });
}

function signatureBlock(m: ProtocolModel, seal?: Seal): (Paragraph | Table)[] {
  if (m.signatures.length === 0) return [];
  // keepNext on every row but the last keeps the signature block on one page.
  const rows = m.signatures.map((s, i) => {
    const a = seal?.approvals.find((x) => x.memberId === s.memberId);
    const line = s.role === 'Sekreterare' ? 'Vid protokollet' : a ? approvalLine(a, seal!.version) : 'Justerat: ____________________';
    const keepNext = i < m.signatures.length - 1;
    return new TableRow({ cantSplit: true, children: [cell([p(s.role, { bold: true, keepNext })], LEFT + 1200), cell([p(s.name, { keepNext: true }), p(line, { italics: true, keepNext })], RIGHT - 1200)] });
  });
  const out: (Paragraph | Table)[] = [p('Underskrifter', { bold: true, size: 26, after: 200, keepNext: true }), new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: [LEFT + 1200, RIGHT - 1200], borders: NO_BORDERS, rows })];
  if (seal?.lockedAt && seal.contentHash) {
    const late = lateLine(seal);
    if (late) out.push(p(late, { bold: true }));
    out.push(p(`${lockedLine(seal)} Innehållets kontrollsumma (SHA-256): ${seal.contentHash}`, { size: 16 }));
    const paired = pairedHashText(seal);
    if (paired) out.push(p(paired, { size: 16 }));
  }
  return out;
}

const WARNING = 'C00000';

/** The notice on the first page of a replaced version: red, boxed, with the link to the version in force. */
function replacedNotice(r: Replaced): Paragraph[] {
  const border = { style: BorderStyle.SINGLE, size: 12, color: WARNING, space: 4 };
  const box = { top: border, bottom: border, left: border, right: border };
  const shading = { type: ShadingType.CLEAR, color: 'auto', fill: 'FDECEA' };
  return [
    new Paragraph({
      border: box,
      shading,
      spacing: { after: 0 },
      children: [
        new TextRun({ text: `${replacedText(r)} `, bold: true, color: WARNING, font: FONT, size: 24 }),
        new ExternalHyperlink({ link: r.currentUrl, children: [new TextRun({ text: `version ${r.current}`, style: 'Hyperlink', bold: true, font: FONT, size: 24 })] }),
      ],
    }),
    new Paragraph({
      border: box,
      shading,
      spacing: { after: 240 },
      children: [new TextRun({ text: `Den här versionen gäller inte. Läs och hänvisa till version ${r.current}: ${r.currentUrl}`, color: WARNING, font: FONT, size: 18 })],
    }),
  ];
}

/** The protocol as a Word document; a replaced version (`replaced`) says so at the top and in every page's footer. */
export function protocolDocument(m: ProtocolModel, seal?: Seal, replaced?: Replaced): Document {
  const head: (Paragraph | Table)[] = [
    ...(replaced ? replacedNotice(replaced) : []),
    p(`${m.heading} ${m.bodyName}`, { bold: true, size: 32, after: 120 }),
    ...(m.publicNote ? [p(m.publicNote, { italics: true })] : []),
    ...(m.diarienummer ? [p(m.diarienummer)] : []),
    p(`Datum och tid: ${m.dateTime}`),
    ...(m.place ? [p(`Plats: ${m.place}`)] : []),
    ...(m.paragraphs ? [p(`Ärenden: ${m.paragraphs}`, { after: 240 })] : []),
    ...labelled('Närvarande', m.present),
    ...labelled('Frånvarande', m.absent),
    ...labelled('Tjänstepersoner', m.officials),
    ...(m.organisations ?? []).map((line) => p(line)),
    ...(m.justering ? [p(`Utses att justera: ${m.justering.by}`), p(`Justeringens plats och tid: ${m.justering.placeAndTime}`)] : []),
    p('', { after: 240 }),
  ];
  const sections = m.sections.flatMap((s) => [marginTable(sectionLabel(m.form, s.paragraph), sectionBody(s, m.form)), p('', { after: 120 })]);
  // "Nästa möte" has no § of its own; it stands in the same layout without a number.
  const next = m.nextMeeting ? [marginTable(m.nextMeetingParagraph ? sectionLabel(m.form, m.nextMeetingParagraph) : '', [p('Nästa möte', { bold: true, size: 24 }), ...lines(m.nextMeeting)])] : [];
  return new Document({
    creator: 'Paragraf',
    title: stripInvisible(`${m.heading} ${m.bodyName} ${m.date}`),
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [
      {
        properties: { page: { size: PAGE, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: [stripInvisible(`${m.heading} ${m.bodyName} ${m.date} · Sida `), PageNumber.CURRENT, ' av ', PageNumber.TOTAL_PAGES], font: FONT, size: 18 }),
                  ...(replaced ? [new TextRun({ text: ` · ERSATT av version ${replaced.current}, gäller inte`, bold: true, color: WARNING, font: FONT, size: 18 })] : []),
                ],
              }),
            ],
          }),
        },
        children: [...head, ...sections, ...next, p(''), ...signatureBlock(m, seal)],
      },
    ],
  });
}

export function protocolDocx(m: ProtocolModel, seal?: Seal, replaced?: Replaced): Promise<Buffer> {
  return Packer.toBuffer(protocolDocument(m, seal, replaced));
}
