import type { Services } from '../services';
import type { Body, RosterEntry } from '../domain/body';
import type { Meeting, ProtocolVersion } from '../domain/meeting';
import { latestVersion, lockedVersion } from '../domain/protocol/versions';
import { protocolLinks } from '../http/protocol-links';
import { protocolCard } from '../cards/protocol/protocol';
import { protocolReviewCard } from '../cards/protocol-review/protocol-review';
import type { AdaptiveCard } from '../cards/render';

export { immediateLinks, protocolLinks, protocolPath } from '../http/protocol-links';

const SWEDISH_DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

export function localToday(now: Date): string {
  return SWEDISH_DAY.format(now);
}

export function secretaryCard(services: Services, body: Body, meeting: Meeting, now: Date, notice?: string): AdaptiveCard {
  const v = latestVersion(meeting)!;
  const locked = lockedVersion(meeting);
  return protocolCard({
    body,
    meeting,
    links: protocolLinks(services, body.id, meeting.id, v.version, now),
    lockedLinks: locked && locked !== v ? protocolLinks(services, body.id, meeting.id, locked.version, now) : undefined,
    notice,
    today: localToday(now),
  });
}

export function reviewCard(services: Services, body: Body, meeting: Meeting, memberId: string, now: Date, notice?: string): AdaptiveCard {
  const v = latestVersion(meeting)!;
  return protocolReviewCard({ body, meeting, memberId, links: protocolLinks(services, body.id, meeting.id, v.version, now), notice });
}

/** Queues the personal review card for each approver of the version; returns those who could not be reached. */
export async function sendReviewCards(services: Services, body: Body, meeting: Meeting, approvers: RosterEntry[], now: Date, keyPrefix: string, notice?: string): Promise<RosterEntry[]> {
  const unreachable: RosterEntry[] = [];
  const v: ProtocolVersion = latestVersion(meeting)!;
  for (const r of approvers) {
    if (!r.aadObjectId) {
      unreachable.push(r);
      continue;
    }
    await services.outbox.enqueue({
      key: `${keyPrefix}|${meeting.id}|v${v.version}|${r.id}`,
      to: { aadObjectId: r.aadObjectId, name: r.name, viaConversationId: body.conversationId, teamsUserId: r.teamsUserId },
      card: reviewCard(services, body, meeting, r.id, now, notice),
    });
  }
  return unreachable;
}
