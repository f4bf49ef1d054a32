/** The anslagsbevis as a Word document: A4, the same font and margins as the protocol (protocol-docx.ts). */
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { bevisText, type Anslagsbevis } from '../domain/protocol/anslagsbevis';

const FONT = 'Calibri';

function p(children: TextRun[], after = 120): Paragraph {
  return new Paragraph({ spacing: { after }, children });
}

const run = (text: string, o: { bold?: boolean; size?: number } = {}) => new TextRun({ text, bold: o.bold, font: FONT, size: o.size ?? 22 });

export function anslagsbevisDocx(b: Anslagsbevis): Promise<Buffer> {
  const t = bevisText(b);
  const doc = new Document({
    creator: 'Paragraf',
    title: `Anslagsbevis ${b.bodyName} ${b.meetingDate}`,
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        children: [
          p([run('Anslagsbevis', { bold: true, size: 32 })], 240),
          p([run(t.intro)], 240),
          ...t.facts.map(([k, v]) => p([run(`${k}: `, { bold: true }), run(v)], 80)),
          p([run(t.footnote, { size: 16 })], 0),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
