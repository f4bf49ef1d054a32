import type restify from 'restify';
import type { Services } from '../services';
import type { Meeting, ProtocolVersion } from '../domain/meeting';
import { meetingDay } from '../domain/meeting';
import { lockedVersion } from '../domain/protocol/versions';
import { assertLockedIntact, TamperedProtocolError } from '../domain/protocol/integrity';
import { sha256Hex, servedMarkdown } from '../domain/protocol/markdown';
import { publicCanonical, publicModel } from '../domain/protocol/public-version';
import { NotFoundError } from '../domain/errors';
import { verifiedForShowing } from '../bot/protocol-cards';
import { protocolDocx } from '../documents/protocol-docx';
import { checkedPublicPdf, publicSeal } from '../documents/public-pdf';
import { HEADERS, plain, refuseUnverified, sendPdf } from './protocol-documents';
import { publicProtocolPath, type PublicDocExt } from './public-links';

/**
 * GET /anslagstavla/protokoll/<bodyId>/<meetingId>/v<n>.md|.docx|.pdf: the public version of a
 * justerat protocol (public-version.ts), for anyone, with no sign-in — the anslagstavla links here.
 * Served only for the version in force (the newest justerad one: a rättelse takes the old public
 * version down, as it may be the reason for the rättelse), and only while everything checks: the
 * meeting's keyed audit chain, the complete protocol's text against its kontrollsumma, the public
 * text against its own, and the DOCX and PDF against that text and the PDF hash recorded at locking.
 * Whatever does not check is refused (409) and logged; nothing else is ever served from here.
 */
export function registerPublicProtocol(server: restify.Server, services: Services): void {
  server.get('/anslagstavla/protokoll/:bodyId/:meetingId/:file', async (req, res) => {
    const { bodyId, meetingId, file } = req.params as Record<string, string>;
    const m = /^v(\d{1,4})\.(md|docx|pdf)$/.exec(file ?? '');
    if (!m || !/^[A-Za-z0-9_-]{1,80}$/.test(bodyId ?? '') || !/^[A-Za-z0-9_-]{1,80}$/.test(meetingId ?? '')) return plain(res, 404, 'Dokumentet finns inte.');
    const ext = m[2] as PublicDocExt;
    const stored = (await services.meetings.get(bodyId, meetingId))?.value;
    const asked = stored?.protocol.find((x) => x.version === Number(m[1]));
    if (!stored || !asked?.lockedAt) return plain(res, 404, 'Det finns inget justerat protokoll här.');
    const inForce = lockedVersion(stored)!;
    // (publicVersionOf gives the same version, for the anslagstavla's links.)
    if (inForce.version !== asked.version) {
      return plain(res, 404, `Version ${asked.version} är ersatt av en rättelse. Den gällande versionen finns på ${services.config.publicUrl}${publicProtocolPath(bodyId, meetingId, inForce.version, ext)}`);
    }
    let meeting: Meeting;
    let v: ProtocolVersion;
    try {
      meeting = await verifiedForShowing(services, stored);
      v = meeting.protocol.find((x) => x.version === asked.version)!;
      assertLockedIntact([v]);
      const problem = publicProblem(v);
      if (problem) throw new TamperedProtocolError(v.version, problem);
    } catch (err) {
      if (err instanceof NotFoundError) return plain(res, 404, 'Det finns inget justerat protokoll här.');
      return refuseUnverified(res, services, err, { bodyId, meetingId, what: 'Den offentliga versionen' });
    }
    if (!v.public) return plain(res, 404, 'Det här protokollet justerades innan offentliga versioner gjordes och finns inte här. Kontakta registraturen.');
    const name = `protokoll-${meetingDay(meeting)}-v${v.version}-offentlig.${ext}`;
    const seal = publicSeal(v);
    const model = v.model && publicModel(v.model);
    if (ext === 'md') {
      res.writeHead(200, { 'Content-Type': 'text/markdown; charset=utf-8', 'Content-Disposition': `inline; filename="${name}"`, ...HEADERS });
      res.end(servedMarkdown(v.public.markdown, model, seal));
      return;
    }
    if (ext === 'docx') {
      // Made anew from the model: served only while it still says exactly the text fixed at locking
      // (a later change to how the public version is written leaves the fixed Markdown and PDF/A served).
      if (publicCanonical(v.model!).markdown !== v.public.markdown) {
        services.log.error({ bodyId, meetingId, version: v.version }, 'public DOCX would not say the text fixed at locking; not served');
        return plain(res, 409, 'Word-filen för den offentliga versionen skulle inte bli densamma som när protokollet justerades och visas inte. Den fastställda texten finns som Markdown och PDF/A.');
      }
      const buf = await protocolDocx(model!, seal);
      res.writeHead(200, { 'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Content-Disposition': `attachment; filename="${name}"`, 'Content-Length': buf.length, ...HEADERS });
      res.end(buf);
      return;
    }
    const pdf = checkedPublicPdf(v);
    if (pdf.mismatch) {
      services.log.error({ bodyId, meetingId, version: v.version, reason: pdf.mismatch }, 'public PDF does not match the hash recorded at locking; not served');
      return plain(res, 409, 'PDF-filen för den offentliga versionen blir inte densamma som när protokollet justerades och visas inte. Kontakta registraturen.');
    }
    if (!pdf.bytes) return plain(res, 404, 'Den offentliga versionen finns inte som PDF.');
    sendPdf(res, pdf.bytes, name);
  });
}

/**
 * The version whose public version the public side serves, for the anslagstavla to link
 * (publicProtocolPath): the justerad version in force, when it has one. Undefined otherwise.
 */
export function publicVersionOf(meeting: Meeting): ProtocolVersion | undefined {
  const v = lockedVersion(meeting);
  return v?.public ? v : undefined;
}

/**
 * Why a locked version's public side may not be served: its stored text no longer hashes to the
 * recorded kontrollsumma, or it has no model (the keyed audit chain, checked before, guards the
 * model itself). As for the complete protocol, the fixed text is what is checked: a renderer that
 * today writes it differently is no tampering, and only the DOCX, made anew, depends on it.
 */
export function publicProblem(v: ProtocolVersion): string | undefined {
  // Justerad before public versions were made: nothing to serve (404 below), nothing wrong either.
  if (!v.public) return undefined;
  if (sha256Hex(v.public.markdown) !== v.public.contentHash) return 'the stored public Markdown does not match its contentHash';
  if (!v.model) return 'the public version has no model to derive from';
  return undefined;
}
