import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { LeaseStore } from '../storage/ports';
import { NO_TELEMETRY, type Telemetry } from '../telemetry/telemetry';

export type Job = (now: Date) => Promise<void>;

/**
 * Runs registered jobs every minute. Each run of a job is claimed through a lease row in Azure
 * Tables, so with several bot instances only one runs it; jobs themselves are idempotent too.
 */
export class Scheduler {
  readonly holder = randomUUID();
  private readonly jobs = new Map<string, { job: Job; everyMs: number }>();
  /** When this instance last ran each job: a job run rarely is not even asked for its lease before its time. */
  private readonly lastRun = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly leases: LeaseStore,
    private readonly log: Logger,
    private readonly clock: () => Date = () => new Date(),
    private readonly intervalMs = 60_000,
    private readonly telemetry: Telemetry = NO_TELEMETRY,
  ) {}

  /**
   * `everyMs` (default: every pass) runs a job rarely: housekeeping and repairs. Its lease lasts that
   * long, so across all instances it runs once per period.
   */
  register(name: string, job: Job, opts: { everyMs?: number } = {}): void {
    if (this.jobs.has(name)) throw new Error(`job registered twice: ${name}`);
    this.jobs.set(name, { job, everyMs: Math.max(opts.everyMs ?? this.intervalMs, this.intervalMs) });
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
    for (const [name, { job, everyMs }] of this.jobs) {
      try {
        const rare = everyMs > this.intervalMs;
        const last = this.lastRun.get(name);
        if (rare && last !== undefined && now.getTime() - last < everyMs - 5_000) continue;
        // Slightly shorter than the period, so the next period's pass can claim it again. A rare
        // job's lease is not renewed by its holder within the period (that would run it every pass).
        if (!(await this.leases.claim(`job:${name}`, this.holder, everyMs - 5_000, now.getTime(), { renew: !rare }))) continue;
        this.lastRun.set(name, now.getTime());
        await this.telemetry.job(name, () => job(now));
        ran.push(name);
      } catch (err) {
        this.log.warn({ job: name, err: { message: (err as Error).message } }, 'scheduled job failed');
      }
    }
    return ran;
  }
}
