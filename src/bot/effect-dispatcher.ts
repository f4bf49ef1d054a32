import type { Services } from '../services';
import type { Body } from '../domain/body';
import type { Meeting } from '../domain/meeting';
import type { Effect } from '../domain/effects';
import type { PendingEffects, PendingRow } from '../storage/pending-effects';
import { caseForAssignment, caseForItem, caseForQuestion } from './case-service';
import { substituteQuestion, substituteRequestCard } from '../cards/substitute-request/substitute-request';
import { sharedKallelseCard } from './meeting-view';
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

  /** The minute job: every effect row due now, wherever a crash or a failure left it. */
  async sweep(now: Date = this.services.clock()): Promise<{ done: number; failed: number }> {
    return this.run(await this.pending.due(now.getTime()));
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
    case 'ersättare.förfrågan':
      await askSubstitute(services, b, m, e.index);
      return;
    case 'kallelse.skicka':
      await services.outbox.enqueue({ key: `kallelse|${m.id}`, to: { conversationId: b.conversationId }, card: sharedKallelseCard(services, b, m) });
      return;
  }
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
