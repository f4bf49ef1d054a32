import type restify from 'restify';
import type { Services } from '../services';
import { anslagsbevisOf, renderBevisMarkdown } from '../domain/protocol/anslagsbevis';
import { lockedVersion } from '../domain/protocol/versions';
import { assertLockedIntact } from '../domain/protocol/integrity';
import { verifiedForShowing } from '../bot/protocol-cards';
import { anslagsbevisDocx } from '../documents/anslagsbevis-docx';
import { anslagsbevisPdf } from '../documents/anslagsbevis-pdf';
import { HEADERS, plain, refuseUnverified, sendPdf } from './protocol-documents';

/**
 * GET /protocols/<bodyId>/<meetingId>/anslagsbevis.md|.docx|.pdf (signed like the protocol
 * documents, checked by the caller): the anslagsbevis of a justerat and anslaget protocol, shown
 * only while the locked version it names matches its kontrollsumma and the meeting's audit chain.
 */
export async function sendAnslagsbevis(res: restify.Response, services: Services, bodyId: string, meetingId: string, ext: 'md' | 'docx' | 'pdf'): Promise<void> {
  const [body, loaded] = await Promise.all([services.bodies.get(bodyId), services.meetings.get(bodyId, meetingId)]);
  if (!body || !loaded || !lockedVersion(loaded.value)) {
    plain(res, 404, 'Anslagsbeviset finns inte.');
    return;
  }
  let meeting = loaded.value;
  try {
    meeting = await verifiedForShowing(services, meeting);
    assertLockedIntact([lockedVersion(meeting)]);
  } catch (err) {
    refuseUnverified(res, services, err, { bodyId, meetingId, what: 'Anslagsbeviset' });
    return;
  }
  const bevis = anslagsbevisOf(body.value, meeting);
  if (!bevis) {
    plain(res, 404, 'Anslagsbeviset finns när protokollet är justerat och anslaget är antecknat (bara för organ som följer kommunallagen).');
    return;
  }
  const name = `anslagsbevis-${bevis.meetingDate}.${ext}`;
  if (ext === 'pdf') return sendPdf(res, anslagsbevisPdf(bevis), name);
  if (ext === 'md') {
    res.writeHead(200, { 'Content-Type': 'text/markdown; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, ...HEADERS });
    res.end(renderBevisMarkdown(bevis));
    return;
  }
  const buf = await anslagsbevisDocx(bevis);
  res.writeHead(200, { 'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Content-Disposition': `attachment; filename="${name}"`, 'Content-Length': buf.length, ...HEADERS });
  res.end(buf);
}
