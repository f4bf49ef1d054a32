import type { ProtocolVersion } from '../meeting';
import { UserError } from '../errors';
import { canonical, sha256Hex } from './markdown';

/**
 * A protocol version's text never changes after it is made (a correction is a new version), and
 * a justerat version is shown with its kontrollsumma. So a version is shown or justerad only while
 * its stored Markdown, and the text its stored model renders to (which the card and the documents
 * are made from), still match its contentHash. A mismatch means the store was changed behind our back.
 */
export function textProblem(v: ProtocolVersion): string | undefined {
  if (sha256Hex(v.markdown) !== v.contentHash) return 'the stored Markdown does not match contentHash';
  if (v.model && canonical(v.model).contentHash !== v.contentHash) return 'the stored model does not render to the text of contentHash';
  return undefined;
}

export class TamperedProtocolError extends UserError {
  constructor(readonly version: number, readonly reason: string, refusal = 'visas inte') {
    super(
      `Protokollet (version ${version}) stämmer inte med sin kontrollsumma och ${refusal}. Kontakta sekreteraren: texten har ändrats i lagringen efter att versionen gjordes, och ändringsloggen behöver kontrolleras (npm run audit:verify).`,
      'tampered',
    );
  }
}

/** Why a justerad version may not be shown, or undefined. */
export function lockedVersionProblem(v: ProtocolVersion): string | undefined {
  return v.lockedAt ? textProblem(v) : undefined;
}

/** Throws for the first justerad (locked) version among those given whose text no longer matches its kontrollsumma. */
export function assertLockedIntact(versions: (ProtocolVersion | undefined)[]): void {
  for (const v of versions) {
    const reason = v && lockedVersionProblem(v);
    if (reason) throw new TamperedProtocolError(v!.version, reason);
  }
}
