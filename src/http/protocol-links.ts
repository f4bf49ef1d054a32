import type { Services } from '../services';
import { signUrl } from './signed-links';

/**
 * Signed, expiring links to the protocol documents served by src/http/protocol-documents.ts: one
 * version's .md/.docx, and the small protocol of a § justerad at once.
 */

/** Document links stay valid through a justering period with margin (14 days + reminders). */
export const LINK_TTL_SECONDS = 30 * 24 * 3600;

export interface ProtocolLinks {
  md: string;
  docx: string;
  /** PDF/A: made for justerade versions and the anslagsbevis only. */
  pdf?: string;
}

export type DocExt = 'md' | 'docx' | 'pdf';

export function protocolPath(bodyId: string, meetingId: string, version: number, ext: DocExt): string {
  return `/protocols/${encodeURIComponent(bodyId)}/${encodeURIComponent(meetingId)}/v${version}.${ext}`;
}

/** One version's document, signed. */
export function protocolLink(services: Services, bodyId: string, meetingId: string, version: number, ext: DocExt, now: Date): string {
  return `${services.config.publicUrl}${signUrl(protocolPath(bodyId, meetingId, version, ext), {}, services.config.linkSecret, LINK_TTL_SECONDS, now)}`;
}

/** Signed, expiring links to one version's documents. */
export function protocolLinks(services: Services, bodyId: string, meetingId: string, version: number, now: Date): ProtocolLinks {
  const link = (ext: DocExt) => protocolLink(services, bodyId, meetingId, version, ext, now);
  return { md: link('md'), docx: link('docx'), pdf: link('pdf') };
}

/** Signed, expiring links to a meeting's anslagsbevis (src/http/anslagsbevis-document.ts). */
export function anslagsbevisLinks(services: Services, bodyId: string, meetingId: string, now: Date): ProtocolLinks {
  const path = (ext: DocExt) => `/protocols/${encodeURIComponent(bodyId)}/${encodeURIComponent(meetingId)}/anslagsbevis.${ext}`;
  const link = (ext: DocExt) => `${services.config.publicUrl}${signUrl(path(ext), {}, services.config.linkSecret, LINK_TTL_SECONDS, now)}`;
  return { md: link('md'), docx: link('docx'), pdf: link('pdf') };
}

/** Signed, expiring links to the small protocol of a § justerad at once (omedelbar justering). */
export function immediateLinks(services: Services, bodyId: string, meetingId: string, paragraph: number, now: Date): ProtocolLinks {
  const path = (ext: 'md' | 'docx') => `/protocols/${encodeURIComponent(bodyId)}/${encodeURIComponent(meetingId)}/omedelbar-${paragraph}.${ext}`;
  const link = (ext: 'md' | 'docx') => `${services.config.publicUrl}${signUrl(path(ext), {}, services.config.linkSecret, LINK_TTL_SECONDS, now)}`;
  return { md: link('md'), docx: link('docx') };
}
