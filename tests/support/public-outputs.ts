import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publicProtocolPath } from '../../src/http/public-links';
import { readZipEntry } from './zip';

/**
 * The public version of one justerad protocol version as a reader gets it, without sign-in, from
 * the public path: each format's status and its text (DOCX: the XML of its parts, tags stripped;
 * PDF: pdftotext). For leak tests of the public side (sekretess, anslagstavla).
 */
export interface PublicOutputs {
  md: { status: number; text: string };
  docx: { status: number; text: string };
  pdf: { status: number; text: string };
}

export function docxText(docx: Buffer): string {
  return ['word/document.xml', 'word/footer1.xml', 'word/header1.xml', 'docProps/core.xml', 'docProps/app.xml']
    .map((n) => readZipEntry(docx, n) ?? '')
    .join('\n')
    .replace(/<[^>]+>/g, '');
}

export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'paragraf-public-'));
  try {
    const file = join(dir, 'p.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function publicOutputs(baseUrl: string, bodyId: string, meetingId: string, version: number): Promise<PublicOutputs> {
  const get = (ext: 'md' | 'docx' | 'pdf') => fetch(`${baseUrl}${publicProtocolPath(bodyId, meetingId, version, ext)}`);
  const [md, docx, pdf] = await Promise.all([get('md'), get('docx'), get('pdf')]);
  const bytes = async (r: Response) => Buffer.from(await r.arrayBuffer());
  return {
    md: { status: md.status, text: await md.text() },
    docx: { status: docx.status, text: docx.status === 200 ? docxText(await bytes(docx)) : await docx.text() },
    pdf: { status: pdf.status, text: pdf.status === 200 ? pdfText(await bytes(pdf)) : await pdf.text() },
  };
}
