import { shownTitle } from '../domain/sekretess';
import type restify from 'restify';
import { createEvent } from 'ics';
import type { Services } from '../services';
import type { Body } from '../domain/body';
import type { Meeting } from '../domain/meeting';
import { stockholmToDate, swedishDateTime } from '../domain/meeting-time';
import { signUrl, verify } from './signed-links';

/**
 * GET /meetings/<bodyId>/<meetingId>.ics — the meeting as a calendar event. The link on the
 * kallelse is signed (signed-links) and valid until 90 days after the meeting, so meeting ids
 * cannot be guessed into calendar files.
 */
const DAY = 24 * 60 * 60;
const icsPath = (bodyId: string, meetingId: string) => `/meetings/${bodyId}/${meetingId}.ics`;

export function icsUrl(services: Services, bodyId: string, meeting: Pick<Meeting, 'id' | 'start'>): string {
  const now = services.clock();
  const ttl = Math.max(DAY, (stockholmToDate(meeting.start).getTime() - now.getTime()) / 1000 + 90 * DAY);
  const base = services.config.publicUrl.replace(/\/$/, '');
  return base + signUrl(icsPath(bodyId, meeting.id), {}, services.config.linkSecret, ttl, now);
}

/** The ICS carries instants in UTC (…Z), which every calendar shows in its user's own time; what a person reads is in the description. */
function utcArray(d: Date): [number, number, number, number, number] {
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
}

export function meetingIcs(body: Body, meeting: Meeting): string {
  const start = stockholmToDate(meeting.start);
  const end = meeting.end ? stockholmToDate(meeting.end) : new Date(start.getTime() + 60 * 60 * 1000);
  // A calendar file travels outside the body: a § covered by sekretess shows only what the public may read.
  const agenda = meeting.items.map((i) => `§ ${i.paragraph} ${shownTitle(i)}${i.kind ? ` (${i.kind})` : ''}`).join('\n');
  const { error, value } = createEvent({
    uid: `${meeting.id}@paragraf`,
    title: body.name,
    description: `${meeting.diarienummer ? `${meeting.diarienummer}\n\n` : ''}${swedishDateTime(meeting.start, meeting.end)} (svensk tid)\n\nFöredragningslista:\n${agenda}`,
    location: meeting.place,
    start: utcArray(start),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utcArray(end),
    endInputType: 'utc',
    endOutputType: 'utc',
    productId: 'paragraf',
    status: 'CONFIRMED',
  });
  if (error || !value) throw error ?? new Error('ics failed');
  return value;
}

export function registerIcsRoute(server: restify.Server, services: Services): void {
  server.get('/meetings/:bodyId/:file', async (req, res) => {
    const bodyId = String(req.params.bodyId ?? '');
    const m = String(req.params.file ?? '').match(/^([A-Za-z0-9]{1,40})\.ics$/);
    if (!m || !/^[A-Za-z0-9]{1,40}$/.test(bodyId)) {
      res.send(404, { error: 'not found' });
      return;
    }
    const query = (req.query ?? {}) as Record<string, unknown>;
    if (!verify(icsPath(bodyId, m[1]), query, services.config.linkSecret, { keys: [], now: services.clock() })) {
      res.send(401, { error: 'link signature missing or invalid' });
      return;
    }
    try {
      const [body, meeting] = await Promise.all([services.bodies.get(bodyId), services.meetings.get(bodyId, m[1])]);
      if (!body || !meeting) {
        res.send(404, { error: 'not found' });
        return;
      }
      const text = meetingIcs(body.value, meeting.value);
      res.writeHead(200, {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': `attachment; filename="${m[1]}.ics"`,
      });
      res.end(text);
    } catch (err) {
      services.log.warn({ err: { message: (err as Error).message } }, 'ics failed');
      res.send(503, { error: 'Kunde inte läsa mötet, försök igen.' });
    }
  });
}
