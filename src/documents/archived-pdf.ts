/**
 * The archived PDF of a justerat protocol. Its bytes are fixed at locking: rather than store them
 * (tens of kilobytes in the meeting's partition, copied on every later write of the meeting), the
 * file is made deterministically from the locked version — model, approvals, lock time, content
 * hash; the creation date is the lock — and the SHA-256 of the bytes made at locking is recorded
 * beside the content hash. Every later copy is made again and served only if it hashes the same,
 * so a changed store, or a PDFKit or font upgrade that would change the bytes, is caught rather
 * than served as the archived file.
 */
import { createHash } from 'node:crypto';
import type { Meeting, ProtocolVersion } from '../domain/meeting';
import type { Seal } from '../domain/protocol/model';
import { UserError } from '../domain/errors';
import { protocolPdf } from './protocol-pdf';
import { renderPublicPdf } from './public-pdf';

export function sealOf(v: ProtocolVersion): Seal {
  return { version: v.version, approvals: v.approvals, lockedAt: v.lockedAt, contentHash: v.lockedAt ? v.contentHash : undefined, lateJustering: v.lateJustering, ...(v.lockedAt && v.public ? { publicHash: v.public.contentHash } : {}) };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The PDF of a locked version with its stored model (versions made before the model was stored have none). */
export function renderLockedPdf(v: ProtocolVersion): Buffer | undefined {
  if (!v.lockedAt || !v.model) return undefined;
  return protocolPdf(v.model, sealOf(v));
}

/**
 * Records the PDF's hash on the latest version when it has just been locked. Runs inside the
 * justering's write (after the pure approve), so the lock and the hash are stored together.
 */
export function withArchivedPdf(m: Meeting): Meeting {
  const latest = m.protocol[m.protocol.length - 1];
  if (!latest?.lockedAt || latest.pdfHash) return m;
  const bytes = renderLockedPdf(latest);
  if (!bytes) return m;
  // The public version's PDF/A is fixed in the same write (public-pdf.ts).
  const withPdf = { ...latest, pdfHash: sha256(bytes) };
  const publicBytes = renderPublicPdf(withPdf);
  const done = publicBytes && withPdf.public ? { ...withPdf, public: { ...withPdf.public, pdfHash: sha256(publicBytes) } } : withPdf;
  return { ...m, protocol: m.protocol.map((v) => (v === latest ? done : v)) };
}

export class ArchivedPdfMismatchError extends UserError {
  constructor(readonly version: number, readonly reason: string) {
    super(
      `PDF-filen för protokollet (version ${version}) blir inte densamma som när protokollet justerades och visas inte. Word- och Markdown-dokumenten kan fortfarande laddas ned. Kontakta sekreteraren eller den som driftar Paragraf.`,
      'tampered',
    );
  }
}

/** The archived PDF of a locked version, checked against the hash recorded at locking. */
export function archivedPdf(v: ProtocolVersion): Buffer | undefined {
  const bytes = renderLockedPdf(v);
  if (!bytes || !v.pdfHash) return bytes;
  const got = sha256(bytes);
  if (got !== v.pdfHash) throw new ArchivedPdfMismatchError(v.version, `pdf sha256 ${got} != recorded ${v.pdfHash}`);
  return bytes;
}
