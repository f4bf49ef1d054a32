import type { Services } from '../services';
import type { Body } from '../domain/body';
import type { Meeting } from '../domain/meeting';
import type { Effect } from '../domain/effects';
import { IN_REQUEST_MS, type PendingEffects, type PendingRow } from '../storage/pending-effects';
import { caseForAssignment, caseForItem, coverCases, caseForQuestion } from './case-writes';
import { substituteQuestion, substituteRequestCard } from '../cards/substitute-request/substitute-request';
import { sharedKallelseCard } from './meeting-view';
import { secretaryCard, sendReviewCards } from './protocol-cards';
import { latestVersion, pendingApprovers } from '../domain/protocol/versions';
import { meetingDay } from '../domain/meeting';
import { joinSv } from '../domain/sv-text';
import { crashPoint } from './crash-point';

/**
 * Carries out the effects a meeting change stored with it (domain/effects.ts, storage/
 * pending-effects.ts): right after the commit, and each minute for rows a crash or a failure left.
 * Every effect is idempotent where it lands — a case write is keyed per meeting, § and record, a
 * message by its outbox key — so carrying one out twice (a crash between doing it and deleting its
 * row, two instances at once) records it once. A row is deleted only once its effect is done.
 */
export class EffectDispatcher {
  constructor(private readonly services: Services, private readonly pending: PendingEffects) {}

  /** Right after a commit, in the request that made it: the user sees the effects at once. */
  async afterCommit(rows: PendingRow[]): Promise<void> {
    crashPoint('effekter');
    await this.run(rows);
  }

  /** Carries out the rows; a failure is logged and the row waits for the sweep, with a backoff. */
  async run(rows: PendingRow[]): Promise<{ done: number; failed: number }> {
    let done = 0;
    let failed = 0;
    for (const row of rows) {
      try {
        await carryOut(this.services, row.data as Effect);
        await this.pending.done(row);
        done++;
      } catch (err) {
        failed++;
        const message = (err as Error).message;
        const later = await this.pending.retryLater(row, err, this.services.clock().getTime()).catch(() => ({ failed: false }));
        if (later.failed) this.services.log.error({ effect: row.key, attempts: row.attempts + 1, err: { message } }, 'effect given up');
        else this.services.log.warn({ effect: row.key, attempts: row.attempts + 1, err: { message } }, 'effect failed; retried later');
      }
    }
    return { done, failed };
  }

  /**
   * The minute job: every effect row due now, wherever a crash or a failure left it (a row younger
   * than IN_REQUEST_MS is left to the request that committed it). `atStart`: also the young ones,
   * since no request of this process can be carrying them out.
   */
  async sweep(now: Date = this.services.clock(), opts: { atStart?: boolean } = {}): Promise<{ done: number; failed: number }> {
    return this.run(await this.pending.due(now.getTime() + (opts.atStart ? IN_REQUEST_MS : 0)));
  }
}

async function carryOut(services: Services, e: Effect): Promise<void> {
  const [body, meeting] = await Promise.all([services.bodies.get(e.bodyId), services.meetings.get(e.bodyId, e.meetingId)]);
  // The meeting or body is gone (erased): there is nothing left to act for.
  if (!body || !meeting) {
    services.log.warn({ effect: e.kind, bodyId: e.bodyId, meetingId: e.meetingId }, 'effect dropped: its meeting is gone');
    return;
  }
  const b = body.value;
  const m = meeting.value;
  switch (e.kind) {
    case 'ärendelogg.utfall':
      await caseForItem(services, b, m, { ...e.item, outcome: e.outcome });
      return;
    case 'ärendelogg.uppdrag':
      await caseForAssignment(services, b, m, e.item, e.assignment, e.index);
      return;
    case 'ärendelogg.fråga':
      await caseForQuestion(services, b, m, e.item, e.question, e.index);
      return;
    case 'ärendelogg.sekretess':
      await coverCases(services, b, m, e.item, e);
      return;
    case 'ersättare.förfrågan':
      await askSubstitute(services, b, m, e.index);
      return;
    case 'kallelse.skicka':
      await services.outbox.enqueue({ key: `kallelse|${m.id}`, to: { conversationId: b.conversationId }, card: sharedKallelseCard(services, b, m) });
      return;
    case 'protokoll.justering':
      // Only while that version is the one to justera; a newer version sends its own cards.
      if (latestVersion(m)?.version !== e.version || m.status !== 'under justering') return;
      await sendReviewCards(services, b, m, pendingApprovers(b, m), services.clock(), 'protokoll-justering', e.version > 1 ? `Version ${e.version} ersätter tidigare versioner; justera den här.` : undefined);
      return;
    case 'protokoll.justerat':
      await postJusterat(services, b, m, e.version);
      return;
    case 'protokoll.ändringsbegäran':
      await postChangeRequest(services, b, m, e.version, e.index);
      return;
  }
}

/** The locked protocol to the body's chat, once per version. */
async function postJusterat(services: Services, body: Body, meeting: Meeting, version: number): Promise<void> {
  const v = meeting.protocol.find((x) => x.version === version);
  if (!v?.lockedAt) return;
  await services.outbox.enqueue({
    key: `protokoll-justerat|${meeting.id}|v${v.version}`,
    to: { conversationId: body.conversationId },
    text: `Protokollet från ${body.name} ${meetingDay(meeting)} är justerat av ${joinSv(v.approvals.map((a) => a.name))} och låst (version ${v.version}).${v.lateJustering ? ` Justeringen skedde efter fristen (senast ${v.lateJustering.deadline}).` : ''}`,
    card: secretaryCard(services, body, meeting, services.clock()),
  });
}

/** A justerare's change request, told to the body's chat for the secretary. */
async function postChangeRequest(services: Services, body: Body, meeting: Meeting, version: number, index: number): Promise<void> {
  const r = meeting.protocol.find((x) => x.version === version)?.changeRequests[index];
  if (!r) return;
  const name = body.roster.find((x) => x.id === r.memberId)?.name ?? r.memberId;
  const where = r.paragraph !== undefined ? ` i § ${r.paragraph}` : '';
  await services.outbox.enqueue({
    key: `protokoll-ändring|${meeting.id}|v${version}|${r.memberId}|${index + 1}`,
    to: { conversationId: body.conversationId },
    text: `${name} begär ändring${where} i protokollet från ${meetingDay(meeting)} (version ${version}): ${r.comment.trim()}\nRätta paragrafen på protokollkortet (skriv "protokoll"); då blir det en ny version som skickas till justering igen.`,
  });
}

/** "Kan du tjänstgöra för …?" to the ersättare asked, once per call (outbox key); not if the call was withdrawn meanwhile. */
async function askSubstitute(services: Services, body: Body, meeting: Meeting, index: number): Promise<void> {
  const call = meeting.substitutes[index];
  if (!call || call.cancelledAt) return;
  const asked = body.roster.find((r) => r.id === call.askedMemberId);
  const forMember = body.roster.find((r) => r.id === call.forMemberId);
  if (!asked?.aadObjectId || !forMember) return;
  await services.outbox.enqueue({
    key: `ersättare|${meeting.id}|${index}`,
    to: { aadObjectId: asked.aadObjectId, name: asked.name, viaConversationId: body.conversationId, teamsUserId: asked.teamsUserId },
    text: substituteQuestion(forMember, meeting),
    card: substituteRequestCard(body, meeting, forMember),
  });
}
