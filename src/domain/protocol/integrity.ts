import type { ProtocolVersion } from '../meeting';
import { UserError } from '../errors';
import { sha256Hex } from './markdown';

/**
 * A protocol version's text never changes after it is made (a correction is a new version), and
 * a justerat version is shown with its kontrollsumma. So a version is shown or justerad only while
 * its stored Markdown still matches its contentHash. The stored model is not compared with the text:
 * a later renderer may write the same model differently (versions justerade before a change of
 * wording must stay readable, and are served as stored); an edit of the model in storage is caught
 * by the meeting's keyed audit chain, which the protocol card and the documents verify.
 */
export function textProblem(v: ProtocolVersion): string | undefined {
  if (sha256Hex(v.markdown) !== v.contentHash) return 'the stored Markdown does not match contentHash';
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
