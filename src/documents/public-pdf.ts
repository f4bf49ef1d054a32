/**
 * The public version's documents (protocol/public-version.ts): the seal it carries and its PDF/A.
 * Like the complete protocol's archived PDF (archived-pdf.ts), the bytes are made again on request
 * from the locked version and served only if they hash to what was recorded at locking.
 */
import { createHash } from 'node:crypto';
import type { ProtocolVersion } from '../domain/meeting';
import type { Seal } from '../domain/protocol/model';
import { publicModel } from '../domain/protocol/public-version';
import { protocolPdf } from './protocol-pdf';

/** The public version's seal: its own kontrollsumma, and the complete protocol's it was fixed with. */
export function publicSeal(v: ProtocolVersion): Seal {
  return {
    version: v.version,
    approvals: v.approvals.map((a) => ({ memberId: a.memberId, name: a.name, at: a.at, ...(a.late ? { late: true } : {}) })),
    lockedAt: v.lockedAt,
    contentHash: v.public?.contentHash,
    lateJustering: v.lateJustering,
    completeHash: v.contentHash,
  };
}

/** The public PDF/A of a locked version with its model and public text, else undefined. */
export function renderPublicPdf(v: ProtocolVersion): Buffer | undefined {
  if (!v.lockedAt || !v.model || !v.public) return undefined;
  return protocolPdf(publicModel(v.model), publicSeal(v));
}

/** The public PDF/A, only while it hashes to what was recorded at locking; undefined when there is none or it does not. */
export function checkedPublicPdf(v: ProtocolVersion): { bytes?: Buffer; mismatch?: string } {
  const bytes = renderPublicPdf(v);
  if (!bytes || !v.public?.pdfHash) return {};
  const got = createHash('sha256').update(bytes).digest('hex');
  return got === v.public.pdfHash ? { bytes } : { mismatch: `public pdf sha256 ${got} != recorded ${v.public.pdfHash}` };
}
