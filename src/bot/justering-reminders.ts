import type { Services } from '../services';
import { justeringDeadline, justeringReminderDays } from '../domain/deadlines';
import { swedishDate } from '../domain/meeting-time';
import { latestVersion, pendingApprovers } from '../domain/protocol/versions';
import { meetingDay } from '../domain/meeting';
import { addDays } from '../domain/cases';
import type { Meeting } from '../domain/meeting';
import { localToday, reviewCard } from './protocol-cards';

/**
 * Reminds the ordförande and justerare who have not justerat the current version: two days before
 * the justering deadline and on the day. Idempotent and safe on several instances: each reminder
 * has an outbox key (meeting, member, which reminder), and the outbox queues a key once.
 */
export async function runJusteringReminders(services: Services, now: Date = services.clock()): Promise<number> {
  const today = localToday(now);
  let queued = 0;
  for (const meeting of await underJustering(services, today)) {
    const body = (await services.bodies.get(meeting.bodyId))?.value;
    const v = latestVersion(meeting);
    if (!body || !v) continue;
    const deadline = justeringDeadline(meetingDay(meeting), body.justeringDays);
    const due = justeringReminderDays(deadline).find((r) => r.date === today);
    if (!due) continue;
    for (const r of pendingApprovers(body, meeting)) {
      if (!r.aadObjectId) continue;
      const when = due.kind === 'sista dagen' ? 'i dag' : `senast ${swedishDate(deadline.date)}`;
      await services.outbox.enqueue({
        key: `justering-reminder|${meeting.id}|${r.id}|${due.kind}`,
        to: { aadObjectId: r.aadObjectId, name: r.name, viaConversationId: body.conversationId, teamsUserId: r.teamsUserId },
        text: `Påminnelse: protokollet från ${body.name} ${meetingDay(meeting)} ska vara justerat ${when}. Du har inte justerat version ${v.version} ännu.`,
        card: reviewCard(services, body, meeting, r.id, now),
      });
      queued++;
    }
  }
  return queued;
}

/**
 * Meetings under justering, from the deadline index (one range read by meeting day, then each
 * meeting): the justering period is at most 365 days plus the days it moves off holidays.
 */
async function underJustering(services: Services, today: string): Promise<Meeting[]> {
  const refs = await services.meetings.due('justering', addDays(today, -400), today);
  const loaded = await Promise.all(refs.map((r) => services.meetings.get(r.bodyId, r.id)));
  return loaded.map((l) => l?.value).filter((m): m is Meeting => m?.status === 'under justering');
}
