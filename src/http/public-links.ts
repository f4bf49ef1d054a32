/**
 * Paths of the public side (no sign-in, anyone may read): the digital anslagstavla and the public
 * version of a justerat protocol, where every part covered by sekretess is replaced. Nothing under
 * these paths may ever serve the complete protocol.
 */

/** The anslagstavla page (HTML, works without JavaScript). */
export const ANSLAGSTAVLA_PATH = '/anslagstavla';

/** Its Atom feed, for the municipality's website to embed. */
export const ANSLAGSTAVLA_FEED_PATH = '/anslagstavla/feed';

export type PublicDocExt = 'md' | 'docx' | 'pdf';

/** The public version of one justerad protocol version. */
export function publicProtocolPath(bodyId: string, meetingId: string, version: number, ext: PublicDocExt): string {
  return `/anslagstavla/protokoll/${encodeURIComponent(bodyId)}/${encodeURIComponent(meetingId)}/v${version}.${ext}`;
}
