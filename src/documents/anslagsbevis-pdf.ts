/** The anslagsbevis as PDF/A-2b (see pdfa.ts); dated by the anslag's recording, so the same bevis gives the same bytes. */
import { bevisText, type Anslagsbevis } from '../domain/protocol/anslagsbevis';
import { PAGE, PdfaWriter, TEXT_WIDTH } from './pdfa';

export function anslagsbevisPdf(b: Anslagsbevis): Buffer {
  const t = bevisText(b);
  const title = `Anslagsbevis ${b.bodyName} ${b.meetingDate}`;
  const pdf = new PdfaWriter({ title, createdAt: new Date(b.recordedAt), footer: (n, total) => `${title} · Sida ${n} av ${total}` });
  pdf.text('Anslagsbevis', { bold: true, size: 16, after: 12, tag: 'H1' });
  pdf.text(t.intro, { after: 14 });
  const labelW = 215;
  for (const [k, v] of t.facts) {
    const y = pdf.y;
    pdf.text(`${k}:`, { bold: true, width: labelW - 10, after: 0 });
    const below = pdf.y;
    pdf.y = y;
    pdf.text(v, { x: PAGE.margin + labelW, width: TEXT_WIDTH - labelW, after: 0 });
    pdf.y = Math.max(below, pdf.y) + 6;
  }
  pdf.y += 10;
  pdf.text(t.footnote, { size: 8 });
  return pdf.finish();
}
