/**
 * A small PDF/A-2b writer over PDFKit for Paragraf's documents: A4, 2 cm margins, DejaVu Sans
 * embedded (from the npm package dejavu-fonts-ttf, so no system font is needed at runtime), tagged
 * paragraphs, "Sida X av Y" footers, and deterministic bytes: the creation date is given by the
 * caller (taken from the locked content) and PDFKit derives the file ID from the info dictionary,
 * so the same content always gives the same file.
 */
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import * as fontkit from 'fontkit';

const FONT_DIR = 'dejavu-fonts-ttf/ttf/';
const FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', italic: 'DejaVuSans-Oblique.ttf' };
type FontName = keyof typeof FILES;

// Parsed once per process: reading and parsing 2 MB of TrueType took most of a document's time.
// PDFKit takes a fontkit font as a font source; each document still makes its own subset.
let parsed: Record<FontName, fontkit.Font> | undefined;
function fonts(): Record<FontName, fontkit.Font> {
  parsed ??= Object.fromEntries(Object.entries(FILES).map(([k, f]) => [k, fontkit.create(readFileSync(require.resolve(FONT_DIR + f))) as fontkit.Font])) as Record<FontName, fontkit.Font>;
  return parsed;
}

/** A4 in points with 2 cm margins, as the DOCX. */
export const PAGE = { width: 595.28, height: 841.89, margin: 56.69 };
export const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;

export interface TextOptions {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  /** Space after, in points. */
  after?: number;
  x?: number;
  width?: number;
  align?: 'left' | 'center' | 'right';
  /** Structure type for the tagged PDF: P, H1, H2, Lbl … */
  tag?: string;
}

export interface PdfaInput {
  title: string;
  /** The document's fixed creation date (part of its bytes). */
  createdAt: Date;
  /** Footer text of page n of total. */
  footer(page: number, total: number): string;
}

export class PdfaWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly root: PDFKit.PDFStructureElement;
  private readonly footer: PdfaInput['footer'];
  private current: FontName = 'regular';

  constructor(input: PdfaInput) {
    this.footer = input.footer;
    this.doc = new PDFDocument({
      size: 'A4',
      margin: PAGE.margin,
      pdfVersion: '1.7',
      subset: 'PDF/A-2b',
      tagged: true,
      lang: 'sv-SE',
      displayTitle: true,
      bufferPages: true,
      // @types/pdfkit types a font source as a path; PDFKit also takes a parsed fontkit font.
      font: fonts().regular as unknown as string,
      info: { Title: input.title, Creator: 'Paragraf', Producer: 'Paragraf (PDFKit)', CreationDate: input.createdAt },
    });
    for (const [name, font] of Object.entries(fonts())) this.doc.registerFont(name, font as unknown as string);
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
  }

  get y(): number {
    return this.doc.y;
  }

  set y(v: number) {
    this.doc.y = v;
  }

  /** Points left on the current page above the bottom margin. */
  get room(): number {
    return this.doc.page.height - this.doc.page.margins.bottom - this.doc.y;
  }

  /** Starts a new page unless `height` points still fit on this one (keeps a heading with its text). */
  keep(height: number): void {
    if (this.room < height) this.doc.addPage();
  }

  font(o: TextOptions): this {
    this.current = o.bold ? 'bold' : o.italic ? 'italic' : 'regular';
    this.doc.font(this.current).fontSize(o.size ?? 11);
    return this;
  }

  /**
   * PDF/A forbids showing a glyph the font lacks (.notdef): a character DejaVu Sans has no glyph for
   * (an emoji in a note) is printed as "?". The Markdown and the content hash keep the original text.
   */
  private printable(text: string): string {
    const font = fonts()[this.current];
    return text.replace(/\t/g, ' ').replace(/[^\n\r ]/gu, (c) => (font.hasGlyphForCodePoint(c.codePointAt(0)!) ? c : '?'));
  }

  /** One paragraph of text at the current y; line breaks in the text are kept. */
  text(text: string, o: TextOptions = {}): this {
    const x = o.x ?? PAGE.margin;
    const width = o.width ?? TEXT_WIDTH;
    this.font(o);
    const y = this.doc.y;
    const shown = this.printable(text);
    this.root.add(this.doc.struct(o.tag ?? 'P', {}, () => void this.doc.text(shown, x, y, { width, align: o.align ?? 'left' })));
    this.doc.y += o.after ?? 6;
    this.doc.x = PAGE.margin;
    return this;
  }

  line(x1: number, x2: number, y: number): void {
    this.doc.save();
    this.doc.markContent('Artifact', { type: 'Layout' });
    this.doc.moveTo(x1, y).lineTo(x2, y).lineWidth(0.5).strokeColor('#999999').stroke();
    this.doc.endMarkedContent();
    this.doc.restore();
  }

  /** Writes the footers and returns the whole file; synchronous, since PDFKit writes into its stream buffer. */
  finish(): Buffer {
    this.root.end();
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const bottom = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.doc.markContent('Artifact', { type: 'Pagination' });
      this.font({ size: 8.5 });
      this.doc.text(this.printable(this.footer(i - range.start + 1, range.count)), PAGE.margin, PAGE.height - PAGE.margin / 2 - 6, { width: TEXT_WIDTH, align: 'center', lineBreak: false });
      this.doc.endMarkedContent();
      this.doc.page.margins.bottom = bottom;
    }
    this.doc.end();
    // With no 'data' listener the stream keeps every chunk; end() has pushed them all by now.
    const chunks: Buffer[] = [];
    for (let c = this.doc.read() as Buffer | null; c !== null; c = this.doc.read() as Buffer | null) chunks.push(c);
    if (!(this.doc as unknown as { _readableState: { ended: boolean } })._readableState.ended) throw new Error('PDFKit did not finish synchronously');
    return Buffer.concat(chunks);
  }
}
