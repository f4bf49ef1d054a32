import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Body } from '../../domain/body';
import type { Meeting } from '../../domain/meeting';
import { anslagEntryOf, currentEntries, type AnslagEntry } from '../../domain/anslagstavla';
import { stockholmToDate, swedishDay } from '../../domain/meeting-time';
import { AnslagIndex } from '../../storage/anslag-index';

/**
 * The anslagstavla served from memory: the index rows still up, read in one query at most once per
 * `refreshMs` (PARAGRAF_ANSLAGSTAVLA_CACHE_MS), and each rendered page or feed kept until the rows or
 * the day change. A request between refreshes touches no storage.
 *
 * Several instances converge without talking to each other: the instance that records an anslag has
 * it at once; every other one re-reads the same rows within `refreshMs`. An entry comes down by the
 * date alone (each instance filters by the Swedish day of its clock), so no write is needed for it
 * and no instance can keep one up longer than another. If storage cannot be read, the last rows are
 * served (the public page stays up) and the next request tries again.
 */

export interface Rendered {
  body: string;
  etag: string;
  lastModified: Date;
}

export type RenderKind = 'page' | 'feed';
export type Renderer = (entries: AnslagEntry[], ctx: { today: string; bodyId?: string; lastModified: Date }) => string;

const MAX_RENDERED = 256;

export class AnslagstavlaCache {
  readonly index: AnslagIndex;
  private entries: AnslagEntry[] = [];
  private loadedAt = Number.NEGATIVE_INFINITY;
  private loading?: Promise<void>;
  private generation = 0;
  private readonly rendered = new Map<string, Rendered>();

  constructor(
    index: AnslagIndex,
    private readonly clock: () => Date,
    private readonly refreshMs: number,
    private readonly log: Logger,
  ) {
    this.index = index;
  }

  /**
   * The anslag of a meeting just recorded: written to the index and taken into this instance's
   * rows at once. Nothing for a body without anslag. Idempotent (a resent activity writes the same row).
   */
  async record(body: Body, meeting: Meeting): Promise<AnslagEntry | undefined> {
    const entry = anslagEntryOf(body, meeting);
    if (!entry) return undefined;
    await this.index.put(entry);
    this.take([...this.entries.filter((e) => e.bodyId !== entry.bodyId || e.meetingId !== entry.meetingId), entry]);
    return entry;
  }

  /** The rows up today (optionally one organ's), rendered by `render` once per change of rows or day. */
  async respond(kind: RenderKind, bodyId: string | undefined, render: Renderer): Promise<Rendered> {
    await this.fresh();
    const today = swedishDay(this.clock());
    const key = `${this.generation}|${today}|${kind}|${bodyId ?? ''}`;
    const hit = this.rendered.get(key);
    if (hit) return hit;
    const shown = currentEntries(this.entries, today, bodyId);
    const lastModified = lastModifiedOf(shown, today);
    const body = render(shown, { today, bodyId, lastModified });
    const out = { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`, lastModified };
    // The organ comes from the query string: bound what strangers can make us keep.
    if (this.rendered.size >= MAX_RENDERED) this.rendered.clear();
    this.rendered.set(key, out);
    return out;
  }

  /** Re-reads the rows when they are older than refreshMs; one read at a time per instance. */
  private async fresh(): Promise<void> {
    if (Date.now() - this.loadedAt < this.refreshMs) return;
    this.loading ??= this.reload().finally(() => (this.loading = undefined));
    await this.loading;
  }

  private async reload(): Promise<void> {
    try {
      const rows = await this.index.listUpFrom(swedishDay(this.clock()));
      this.take(rows);
      this.loadedAt = Date.now();
    } catch (err) {
      // Never read yet: nothing to serve, the route answers 503. Else the last rows stay up.
      if (this.loadedAt === Number.NEGATIVE_INFINITY) throw err;
      this.log.warn({ err: { message: (err as Error).message } }, 'anslagstavla: could not refresh, serving the last rows');
    }
  }

  private take(rows: AnslagEntry[]): void {
    const sorted = [...rows].sort((a, b) => `${a.bodyId}|${a.meetingId}`.localeCompare(`${b.bodyId}|${b.meetingId}`));
    if (JSON.stringify(sorted) === JSON.stringify(this.entries)) return;
    this.entries = sorted;
    this.generation++;
    this.rendered.clear();
  }
}

/** The newest anslag shown, or the start of today (an entry may have come down at midnight), whichever is later. */
function lastModifiedOf(shown: AnslagEntry[], today: string): Date {
  const midnight = stockholmToDate(`${today}T00:00`).getTime();
  const newest = Math.max(midnight, ...shown.map((e) => Date.parse(e.recordedAt)));
  // HTTP dates have whole seconds; a validator compared with If-Modified-Since must too.
  return new Date(Math.floor(newest / 1000) * 1000);
}
