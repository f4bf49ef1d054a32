import type restify from 'restify';
import type { Services } from '../services';
import { verify } from './signed-links';
import { renderMarkdown, servedMarkdown } from '../domain/protocol/markdown';
import { protocolDocx } from '../documents/protocol-docx';
import type { ProtocolModel, Replaced, Seal } from '../domain/protocol/model';
import type { ProtocolVersion } from '../domain/meeting';
import { immediateProtocol } from '../domain/protocol/immediate';
import { assertLockedIntact, TamperedProtocolError } from '../domain/protocol/integrity';
import { verifiedForShowing } from '../bot/protocol-cards';
import { NotFoundError } from '../domain/errors';
import { meetingDay } from '../domain/meeting';
import { replacedBy } from '../domain/protocol/versions';
import { protocolLink } from './protocol-links';
import { archivedPdf, ArchivedPdfMismatchError, sealOf } from '../documents/archived-pdf';
import { sendAnslagsbevis } from './anslagsbevis-document';

/**
 * GET /protocols/<bodyId>/<meetingId>/v<version>.md|.docx|.pdf: one protocol version as a document
 * (the PDF/A only for a justerad version, checked against the hash recorded at locking), and
 * …/anslagsbevis.md|.docx|.pdf (anslagsbevis-document.ts).
 * Only with a link the bot signed (HMAC over the path and expiry); anything else gets 401. A
 * justerat version carries its approvals and content hash; a locked version stays readable after
 * a rättelse has made a newer one. A version a newer one has replaced stays readable through its
 * old link (30 days) but says so at the top — "Ersatt: detta är version 1. Den gällande versionen
 * är version 2:" with a freshly signed link to that version's document of the same kind.
 */

export const HEADERS = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' };

/**
 * Answers a document request whose locked protocol could not be verified: 404 when the meeting is
 * gone, 409 (logged as an error) when its text or audit chain does not hold. Anything else is rethrown.
 */
export function refuseUnverified(res: restify.Response, services: Services, err: unknown, ids: { bodyId: string; meetingId: string; what: string }): void {
  if (err instanceof NotFoundError) return plain(res, 404, `${ids.what} finns inte.`);
  if (!(err instanceof TamperedProtocolError)) throw err;
  services.log.error({ bodyId: ids.bodyId, meetingId: ids.meetingId, version: err.version, reason: err.reason, document: ids.what }, 'locked protocol does not match its content hash or audit chain; not served');
  plain(res, 409, err.userMessage);
}

export function plain(res: restify.Response, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...HEADERS });
  res.end(text);
}

export function registerProtocolDocuments(server: restify.Server, services: Services): void {
  server.get('/protocols/:bodyId/:meetingId/:file', async (req, res) => {
    const { bodyId, meetingId, file } = req.params as Record<string, string>;
    const path = `/protocols/${encodeURIComponent(bodyId)}/${encodeURIComponent(meetingId)}/${encodeURIComponent(file)}`;
    const query = (req.query ?? {}) as Record<string, unknown>;
    if (!verify(path, query, services.config.linkSecret, { keys: [], now: services.clock() })) {
      plain(res, 401, 'Länken är ogiltig eller har gått ut. Öppna protokollet på nytt från Paragraf i Teams (skriv "protokoll").');
      return;
    }
    const excerpt = /^omedelbar-(\d{1,5})\.(md|docx)$/.exec(file);
    if (excerpt) {
      await sendImmediate(res, services, bodyId, meetingId, Number(excerpt[1]), excerpt[2] as 'md' | 'docx');
      return;
    }
    const bevis = /^anslagsbevis\.(md|docx|pdf)$/.exec(file);
    if (bevis) {
      await sendAnslagsbevis(res, services, bodyId, meetingId, bevis[1] as 'md' | 'docx' | 'pdf');
      return;
    }
    const m = /^v(\d{1,4})\.(md|docx|pdf)$/.exec(file);
    if (!m) {
      plain(res, 404, 'Dokumentet finns inte.');
      return;
    }
    let meeting = (await services.meetings.get(bodyId, meetingId))?.value;
    let v = meeting?.protocol.find((x) => x.version === Number(m[1]));
    if (!meeting || !v) {
      plain(res, 404, 'Protokollversionen finns inte.');
      return;
    }
    // A justerad version is served only while its text matches its kontrollsumma, and the meeting its keyed audit chain.
    try {
      if (v.lockedAt) {
        meeting = await verifiedForShowing(services, meeting);
        v = meeting.protocol.find((x) => x.version === v!.version)!;
        assertLockedIntact([v]);
      }
    } catch (err) {
      refuseUnverified(res, services, err, { bodyId, meetingId, what: 'Protokollversionen' });
      return;
    }
    const ext = m[2] as 'md' | 'docx' | 'pdf';
    const seal: Seal = sealOf(v);
    if (ext === 'pdf') {
      sendArchivedPdf(res, services, v, `protokoll-${meetingDay(meeting)}-v${v.version}.pdf`, { bodyId, meetingId });
      return;
    }
    const newer = replacedBy(meeting, v.version);
    const replaced: Replaced | undefined = newer && { version: v.version, current: newer.version, currentUrl: protocolLink(services, bodyId, meetingId, newer.version, ext, services.clock()) };
    const name = `protokoll-${meetingDay(meeting)}-v${v.version}${replaced ? '-ersatt' : ''}.${ext}`;
    if (ext === 'md') {
      // The stored canonical text whenever the model no longer renders to it, so its hash still holds.
      res.writeHead(200, { 'Content-Type': 'text/markdown; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, ...HEADERS });
      res.end(servedMarkdown(v.markdown, v.model, seal, replaced));
      return;
    }
    if (v.model) {
      await sendDocument(res, v.model, seal, name, ext, replaced);
      return;
    }
    // Versions made before the model was stored exist only as their Markdown.
    plain(res, 404, 'Den här versionen finns bara som Markdown.');
  });
}

/** The PDF/A of a justerad version, only while it hashes to what was recorded at locking. */
function sendArchivedPdf(res: restify.Response, services: Services, v: ProtocolVersion, name: string, where: { bodyId: string; meetingId: string }): void {
  let bytes: Buffer | undefined;
  try {
    bytes = archivedPdf(v);
  } catch (err) {
    if (!(err instanceof ArchivedPdfMismatchError)) throw err;
    services.log.error({ ...where, version: v.version, reason: err.reason }, 'archived PDF does not match the hash recorded at locking; not served');
    plain(res, 409, err.userMessage);
    return;
  }
  if (!bytes) {
    plain(res, 404, v.lockedAt ? 'Den här versionen finns bara som Markdown.' : 'PDF-filen görs när protokollet är justerat. Utkastet finns som Word och Markdown.');
    return;
  }
  sendPdf(res, bytes, name);
}

export function sendPdf(res: restify.Response, bytes: Buffer, name: string): void {
  res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${name}"`, 'Content-Length': bytes.length, ...HEADERS });
  res.end(bytes);
}

/** The small protocol of a § justerad at once: /protocols/<bodyId>/<meetingId>/omedelbar-<§>.md|.docx */
async function sendImmediate(res: restify.Response, services: Services, bodyId: string, meetingId: string, paragraph: number, ext: 'md' | 'docx'): Promise<void> {
  const [body, meeting] = await Promise.all([services.bodies.get(bodyId), services.meetings.get(bodyId, meetingId)]);
  const doc = body && meeting ? immediateProtocol(body.value, meeting.value, paragraph) : undefined;
  if (!doc) {
    plain(res, 404, 'Paragrafen är inte omedelbart justerad.');
    return;
  }
  await sendDocument(res, doc.model, doc.seal, `protokollsutdrag-${meetingDay(meeting!.value)}-paragraf-${paragraph}.${ext}`, ext);
}

async function sendDocument(res: restify.Response, model: ProtocolModel, seal: Seal, name: string, ext: 'md' | 'docx', replaced?: Replaced): Promise<void> {
  if (ext === 'md') {
    res.writeHead(200, { 'Content-Type': 'text/markdown; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, ...HEADERS });
    res.end(renderMarkdown(model, seal, replaced));
    return;
  }
  const buf = await protocolDocx(model, seal, replaced);
  res.writeHead(200, {
    'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'Content-Disposition': `attachment; filename="${name}"`,
    'Content-Length': buf.length,
    ...HEADERS,
  });
  res.end(buf);
}
