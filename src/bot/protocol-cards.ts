import type { Services } from '../services';
import type { Body, RosterEntry } from '../domain/body';
import type { Meeting, ProtocolVersion } from '../domain/meeting';
import { latestVersion, lockedVersion } from '../domain/protocol/versions';
import { protocolLinks } from '../http/protocol-links';
import { protocolCard } from '../cards/protocol/protocol';
import { protocolReviewCard } from '../cards/protocol-review/protocol-review';
import type { AdaptiveCard } from '../cards/render';
import { assertLockedIntact, TamperedProtocolError } from '../domain/protocol/integrity';
import { NotFoundError } from '../domain/errors';
import { swedishDay } from '../domain/meeting-time';
import { archiveUrl } from '../http/protocol-archive';

import { anslagsbevisLinks } from '../http/protocol-links';
export { anslagsbevisLinks, immediateLinks, protocolLinks, protocolPath } from '../http/protocol-links';

/** Today as the Swedish calendar day. */
export function localToday(now: Date): string {
  return swedishDay(now);
}

/**
 * A meeting with a justerad version, read afresh together with its audit chain and checked with the
 * key before it is shown: a protocol edited in storage with its kontrollsumma recomputed still
 * breaks the chain, which no one without PARAGRAF_AUDIT_KEY can re-seal. One partition query, only
 * for meetings whose protocol is locked. Throws TamperedProtocolError (the user reads it, the error
 * is logged) when the chain does not hold.
 */
export async function verifiedForShowing(services: Services, meeting: Meeting): Promise<Meeting> {
  const locked = lockedVersion(meeting);
  if (!locked) return meeting;
  const { doc, problems, hashOnly } = await services.meetings.readVerified(meeting.bodyId, meeting.id);
  if (!doc) throw new NotFoundError('Mötet finns inte längre.');
  if (problems.length) throw new TamperedProtocolError(locked.version, `audit chain: ${problems.map((p) => `post ${p.seq}: ${p.problem}`).join('; ')}`);
  if (hashOnly) services.log.warn({ bodyId: meeting.bodyId, meetingId: meeting.id }, 'locked protocol shown on a chain sealed only with plain SHA-256');
  return doc.value;
}

/**
 * The cards refuse (TamperedProtocolError, which the user reads and src/bot/app.ts logs as an
 * error) to show a justerad version whose text no longer matches its kontrollsumma: the latest
 * version and the one that stands while a rättelse is under way.
 */
export function secretaryCard(services: Services, body: Body, meeting: Meeting, now: Date, notice?: string): AdaptiveCard {
  assertLockedIntact([latestVersion(meeting), lockedVersion(meeting)]);
  const v = latestVersion(meeting)!;
  const locked = lockedVersion(meeting);
  return protocolCard({
    body,
    meeting,
    links: protocolLinks(services, body.id, meeting.id, v.version, now),
    lockedLinks: locked && locked !== v ? protocolLinks(services, body.id, meeting.id, locked.version, now) : undefined,
    bevisLinks: meeting.anslag ? anslagsbevisLinks(services, body.id, meeting.id, now) : undefined,
    archiveUrl: archiveUrl(services, body.id, now),
    notice,
    today: localToday(now),
  });
}

export function reviewCard(services: Services, body: Body, meeting: Meeting, memberId: string, now: Date, notice?: string): AdaptiveCard {
  const v = latestVersion(meeting)!;
  assertLockedIntact([v]);
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
