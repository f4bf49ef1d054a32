import type { Services } from '../services';
import { addDays, localDate } from '../domain/cases';
import type { Meeting } from '../domain/meeting';
import { reminderDue, toRemind } from '../domain/reminders';
import { stockholmToDate, swedishDateTime } from '../domain/meeting-time';
import { kallelseCard } from '../cards/kallelse/kallelse';
import { icsUrl } from '../http/ics';

/**
 * One personal reminder to each linked ledamot who has not answered a kallelse, from the body's
 * reminder day until the meeting. Idempotent: the outbox key makes each reminder once.
 */
export async function runDueReminders(services: Services, now: Date): Promise<number> {
  let sent = 0;
  for (const meeting of await kalladeMeetings(services, now)) {
    const body = (await services.bodies.get(meeting.bodyId))?.value;
    if (!body || !reminderDue(body, meeting, stockholmToDate(meeting.start), now)) continue;
    for (const member of toRemind(body, meeting)) {
      await services.outbox.enqueue({
        key: `remind|${meeting.id}|${member.id}`,
        to: { aadObjectId: member.aadObjectId!, name: member.name, viaConversationId: body.conversationId, teamsUserId: member.teamsUserId },
        text: `Påminnelse: du har inte svarat på kallelsen till ${body.name} ${swedishDateTime(meeting.start, meeting.end)}.`,
        card: kallelseCard(body, meeting, { icsUrl: icsUrl(services, body.id, meeting), heading: 'Påminnelse om kallelse', outside: true }),
        // The job queues it every minute until the meeting starts (up to 365 days): recognised until then.
        keepUntil: stockholmToDate(meeting.start).getTime() + 24 * 60 * 60 * 1000,
      });
      sent++;
    }
  }
  return sent;
}

/**
 * Kallade meetings from today on, from the deadline index (one range read, then each meeting, which
 * the cache often holds): a body's reminder days are at most 365, so a year ahead covers them all.
 */
async function kalladeMeetings(services: Services, now: Date): Promise<Meeting[]> {
  const today = localDate(now);
  const refs = await services.meetings.due('kallelse', today, addDays(today, 366));
  const loaded = await Promise.all(refs.map((r) => services.meetings.get(r.bodyId, r.id)));
  return loaded.map((l) => l?.value).filter((m): m is Meeting => m?.status === 'kallat');
}
