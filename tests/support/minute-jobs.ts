import type { RoundTrips } from '../../src/storage/table-store';
import { MeetingRepo } from '../../src/storage/meetings';
import { groupChat, type TestBot } from './bot';
import { bodyFixture, meetingFixture, store } from './fixtures';

/** The meeting of the scenario is 2030-12-17 09.00; its kallelse reminders are due from two days before. */
export const MINUTE = new Date('2030-12-15T08:00:00.000Z');

/**
 * What one minute's scheduled jobs cost in storage round trips, against a body with a kallad
 * meeting (members who have not answered), a meeting under justering, and an archive of held
 * meetings that grows. Used by tests/bot/minute-jobs.test.ts and `npm run bench:jobs`.
 * Start the bot with PARAGRAF_DOC_CACHE_MS=0 so that every pass reads the same way.
 */
export class MinuteJobs {
  private archived = 0;
  private minutes = 0;
  private bodyId = '';

  constructor(private readonly bot: TestBot) {}

  async setUp(): Promise<void> {
    const s = this.bot.services;
    // The outbox would deliver the reminders meanwhile and its round trips would be counted too.
    await s.outbox.stop();
    const body = bodyFixture(groupChat('minute-jobs'), { name: 'Minutnämnden' });
    this.bodyId = body.id;
    const kallad = { ...meetingFixture(body, { start: '2030-12-17T09:00', end: '2030-12-17T12:00' }), rsvps: {} };
    await store(s, body, kallad);
    const justering = { ...meetingFixture(body, { start: '2030-12-10T09:00', end: '2030-12-10T12:00' }), status: 'under justering' as const };
    await s.meetings.change(body.id, justering.id, { actor: { id: 'fixture', name: 'Fixture' }, action: 'möte.skapa', apply: () => justering });
    // The first pass claims the leases, queues the reminders and runs the hourly repairs.
    await s.scheduler.runDue(MINUTE);
  }

  /** Adds held meetings (laga kraft) from earlier years until the body has `n` of them. */
  async archiveTo(n: number): Promise<void> {
    const s = this.bot.services;
    const body = (await s.bodies.get(this.bodyId))!.value;
    while (this.archived < n) {
      const batch = Math.min(50, n - this.archived);
      await Promise.all(
        Array.from({ length: batch }, (_, i) => {
          const k = this.archived + i;
          const day = `${2000 + Math.floor(k / 300)}-${String(1 + (k % 12)).padStart(2, '0')}-${String(1 + (k % 28)).padStart(2, '0')}`;
          const m = { ...meetingFixture(body, { start: `${day}T09:00`, end: `${day}T12:00` }), id: MeetingRepo.newId(), status: 'laga kraft' as const };
          return s.meetings.change(body.id, m.id, { actor: { id: 'fixture', name: 'Fixture' }, action: 'möte.skapa', apply: () => m });
        }),
      );
      this.archived += batch;
    }
  }

  /** The round trips of the next minute's pass of every scheduled job. */
  async minute(): Promise<RoundTrips & { ran: string[] }> {
    const counter = this.bot.paragraf.store.counter;
    const mark = counter.mark();
    const ran = await this.bot.services.scheduler.runDue(new Date(MINUTE.getTime() + ++this.minutes * 60_000));
    return { ...counter.since(mark), ran };
  }
}
