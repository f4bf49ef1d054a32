import type { Services } from '../services';
import { meetingsWithStatus } from '../storage/meeting-scan';
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
  for (const meeting of await meetingsWithStatus(services.store, ['kallat'])) {
    const body = (await services.bodies.get(meeting.bodyId))?.value;
    if (!body || !reminderDue(body, meeting, stockholmToDate(meeting.start), now)) continue;
    for (const member of toRemind(body, meeting)) {
      await services.outbox.enqueue({
        key: `remind|${meeting.id}|${member.id}`,
        to: { aadObjectId: member.aadObjectId!, name: member.name, viaConversationId: body.conversationId, teamsUserId: member.teamsUserId },
        text: `Påminnelse: du har inte svarat på kallelsen till ${body.name} ${swedishDateTime(meeting.start, meeting.end)}.`,
        card: kallelseCard(body, meeting, { icsUrl: icsUrl(services, body.id, meeting), heading: 'Påminnelse om kallelse' }),
      });
      sent++;
    }
  }
  return sent;
}
