/**
 * The protocol as a Word document (npm `docx`), laid out like a Swedish protocol: A4, the header
 * block, then one two-column table per § with the § number in the left margin column, the
 * signature block with "Justerat" lines, and "Sida X av Y" in the footer.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ITableCellOptions,
} from 'docx';
import type { ProtocolModel, ProtocolSection, Seal } from '../domain/protocol/model';

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
    children: [new TextRun({ text, bold: opts.bold, italics: opts.italics, font: FONT, size: opts.size ?? 22 })],
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

function sectionBody(s: ProtocolSection): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [p(s.title, { bold: true, size: 24 })];
  if (s.kind) out.push(p(s.kind, { italics: true }));
  if (s.immediateJustering) out.push(p('Paragrafen justerades omedelbart.', { italics: true }));
  if (s.presenters) out.push(p(`Föredragande: ${s.presenters}`));
  for (const a of s.attachments) out.push(p(`Bilaga: ${a}`));
  for (const a of s.account) out.push(...lines(a));
  if (s.proposal) out.push(p(`Förslag till beslut: ${s.proposal}`));
  out.push(...labelled('Yrkanden', s.motions.map((m) => `${m.by} yrkar: ${m.text}`)));
  if (s.propositionOrder) out.push(...labelled('Propositionsordning', [s.propositionOrder]));
  for (const v of s.votes) {
    out.push(p(`Omröstning: ${v.question}`, { bold: true, after: 60 }), voteTable(v), p(v.resultText));
  }
  out.push(...labelled('Jäv', s.jav));
  if (s.decision) out.push(...labelled('Beslut', [s.decision]));
  out.push(...labelled('Reservationer', s.reservations));
  out.push(...labelled('Protokollsanteckningar', s.protocolNotes));
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

export function swedishAt(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso)).replace(/(\d{2}):(\d{2})$/, 'kl. $1.$2');
}

function signatureBlock(m: ProtocolModel, seal?: Seal): (Paragraph | Table)[] {
  if (m.signatures.length === 0) return [];
  // keepNext on every row but the last keeps the signature block on one page.
  const rows = m.signatures.map((s, i) => {
    const a = seal?.approvals.find((x) => x.memberId === s.memberId);
    const line = s.role === 'Sekreterare' ? 'Vid protokollet' : a ? `Justerat ${swedishAt(a.at)} (version ${seal!.version})` : 'Justerat: ____________________';
    const keepNext = i < m.signatures.length - 1;
    return new TableRow({ cantSplit: true, children: [cell([p(s.role, { bold: true, keepNext })], LEFT + 1200), cell([p(s.name, { keepNext: true }), p(line, { italics: true, keepNext })], RIGHT - 1200)] });
  });
  const out: (Paragraph | Table)[] = [p('Underskrifter', { bold: true, size: 26, after: 200, keepNext: true }), new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: [LEFT + 1200, RIGHT - 1200], borders: NO_BORDERS, rows })];
  if (seal?.lockedAt && seal.contentHash) {
    out.push(p(`Protokollet (version ${seal.version}) låstes ${swedishAt(seal.lockedAt)}. Innehållets kontrollsumma (SHA-256): ${seal.contentHash}`, { size: 16 }));
  }
  return out;
}

export function protocolDocument(m: ProtocolModel, seal?: Seal): Document {
  const head: (Paragraph | Table)[] = [
    p(`${m.heading} ${m.bodyName}`, { bold: true, size: 32, after: 120 }),
    ...(m.diarienummer ? [p(m.diarienummer)] : []),
    p(`Datum och tid: ${m.dateTime}`),
    ...(m.place ? [p(`Plats: ${m.place}`)] : []),
    ...(m.paragraphs ? [p(`Ärenden: ${m.paragraphs}`, { after: 240 })] : []),
    ...labelled('Närvarande', m.present),
    ...labelled('Frånvarande', m.absent),
    ...labelled('Tjänstepersoner', m.officials),
    p('', { after: 240 }),
  ];
  const sections = m.sections.flatMap((s) => [marginTable(`§ ${s.paragraph}`, sectionBody(s)), p('', { after: 120 })]);
  // "Nästa möte" has no § of its own; it stands in the same layout without a number.
  const next = m.nextMeeting ? [marginTable('', [p('Nästa möte', { bold: true, size: 24 }), ...lines(m.nextMeeting)])] : [];
  return new Document({
    creator: 'Paragraf',
    title: `${m.heading} ${m.bodyName} ${m.date}`,
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [
      {
        properties: { page: { size: PAGE, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [`${m.heading} ${m.bodyName} ${m.date} · Sida `, PageNumber.CURRENT, ' av ', PageNumber.TOTAL_PAGES], font: FONT, size: 18 })],
              }),
            ],
          }),
        },
        children: [...head, ...sections, ...next, p(''), ...signatureBlock(m, seal)],
      },
    ],
  });
}

export function protocolDocx(m: ProtocolModel, seal?: Seal): Promise<Buffer> {
  return Packer.toBuffer(protocolDocument(m, seal));
}
