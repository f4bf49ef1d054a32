import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { TableStore } from '../storage/table-store';
import { claimLease } from '../storage/leases';

export { claimLease };

export type Job = (now: Date) => Promise<void>;

/**
 * Runs registered jobs every minute. Each run of a job is claimed through a lease row in Azure
 * Tables, so with several bot instances only one runs it; jobs themselves are idempotent too.
 */
export class Scheduler {
  readonly holder = randomUUID();
  private readonly jobs = new Map<string, Job>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly store: TableStore,
    private readonly log: Logger,
    private readonly clock: () => Date = () => new Date(),
    private readonly intervalMs = 60_000,
  ) {}

  register(name: string, job: Job): void {
    if (this.jobs.has(name)) throw new Error(`job registered twice: ${name}`);
    this.jobs.set(name, job);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.runDue()
      .then(() => undefined)
      .finally(() => (this.running = undefined));
    await this.running;
  }

  /** One pass: every job whose lease this instance wins runs once. Returns the names that ran. */
  async runDue(now: Date = this.clock()): Promise<string[]> {
    const ran: string[] = [];
    for (const [name, job] of this.jobs) {
      try {
        // Slightly shorter than the interval, so the next minute's pass can claim it again.
        if (!(await claimLease(this.store, `job:${name}`, this.holder, this.intervalMs - 5_000, now.getTime()))) continue;
        await job(now);
        ran.push(name);
      } catch (err) {
        this.log.warn({ job: name, err: { message: (err as Error).message } }, 'scheduled job failed');
      }
    }
    return ran;
  }
}
