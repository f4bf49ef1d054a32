import { randomUUID } from 'node:crypto';
import type { Meeting } from '../domain/meeting';
import { DocumentStore, type Change, type Committed, type DocumentStoreOptions, type Loaded } from './document-store';
import { guard, odataEscape, type TableStore } from './table-store';
import { DeadlineIndex, meetingDeadlines } from './deadlines';
import { PendingEffects, type PendingRow } from './pending-effects';
import { effectKey, meetingEffects } from '../domain/effects';
import type { AuditEntry, ChainProblem } from '../domain/audit-chain';
import type { DeadlineKind, DeadlineRef } from './deadlines';
import type { MeetingStore } from './ports';

/** Carries out effect rows (the bot's dispatcher, set at start-up); errors are its own to handle. */
export type Dispatch = (rows: PendingRow[]) => Promise<void>;

/**
 * Meetings: one partition per meeting ("<bodyId>|<meetingId>") holding the meeting document and
 * its audit trail, so a meeting reads in one request. Which meetings a body has is kept in the
 * meetingIndex table, one partition per body, one row per meeting: listing them is one
 * single-partition query. (A key-range query over the meetings' own partitions would also walk
 * every audit row, and on Azure it comes back a partition at a time: a round trip per meeting.)
 */
export class MeetingRepo implements MeetingStore {
  readonly docs: DocumentStore<Meeting>;
  readonly deadlines: DeadlineIndex;
  readonly pending: PendingEffects;
  /** Set at start-up: every commit's effects are carried out right after it (see effect-dispatcher.ts). */
  dispatch?: Dispatch;

  constructor(private readonly store: TableStore, opts: DocumentStoreOptions = {}) {
    this.pending = opts.pending ?? new PendingEffects(store);
    this.docs = new DocumentStore<Meeting>(store, 'meetings', { ...opts, pending: this.pending });
    this.deadlines = new DeadlineIndex(store);
  }

  private get index() {
    return this.store.table('meetingIndex');
  }

  static newId(): string {
    return 'm' + randomUUID().replace(/-/g, '').slice(0, 16);
  }

  static pk(bodyId: string, meetingId: string): string {
    return `${bodyId}|${meetingId}`;
  }

  readFresh(bodyId: string, meetingId: string): Promise<Loaded<Meeting> | undefined> {
    return this.docs.read(MeetingRepo.pk(bodyId, meetingId));
  }

  get(bodyId: string, meetingId: string): Promise<Loaded<Meeting> | undefined> {
    return this.docs.get(MeetingRepo.pk(bodyId, meetingId));
  }

  readVerified(bodyId: string, meetingId: string): Promise<{ doc?: Loaded<Meeting>; problems: ChainProblem[]; hashOnly: boolean }> {
    return this.docs.readVerified(MeetingRepo.pk(bodyId, meetingId));
  }

  audit(bodyId: string, meetingId: string): Promise<AuditEntry[]> {
    return this.docs.audit(MeetingRepo.pk(bodyId, meetingId));
  }

  due(kind: DeadlineKind, from: string, to: string): Promise<DeadlineRef[]> {
    return this.deadlines.due(kind, from, to);
  }

  /**
   * A new meeting enters its body's index: side by side with its creating transaction when the
   * caller read that there is none (current: null, as `nytt möte` does), so it costs no extra round
   * trip in sequence; else after a change that turned out to create it. An index row whose creation
   * then failed is skipped by the listing. A failed index write does not fail the change (the
   * meeting is stored): the hourly repair (ensureIndex) enters it.
   */
  async change(bodyId: string, meetingId: string, given: Change<Meeting>): Promise<Committed<Meeting>> {
    const committed = await this.commit(bodyId, meetingId, given);
    // What the change causes (an item's case, an ersättare's request …) is stored with it; it is
    // carried out now, and a resend carries out whatever its first attempt left.
    const rows = committed.duplicate ? await this.docs.pendingIn(MeetingRepo.pk(bodyId, meetingId)) : committed.effects;
    if (rows.length) await this.dispatch?.(rows);
    return committed;
  }

  private async commit(bodyId: string, meetingId: string, given: Change<Meeting>): Promise<Committed<Meeting>> {
    const pk = MeetingRepo.pk(bodyId, meetingId);
    const change: Change<Meeting> = {
      ...given,
      // A meeting that becomes kallad or goes under justering enters the deadline index, side by side
      // with its transaction (no extra round trip in sequence; most changes write nothing there).
      sideWrite: (next, before) => this.enterDeadlines(bodyId, next, before),
      effects: (next, before) => meetingEffects(before, next).map((e) => ({ key: effectKey(e), kind: e.kind, data: e })),
    };
    if (change.current === null) return this.docs.change(pk, { ...change, alongside: () => this.enter(bodyId, meetingId) });
    const committed = await this.docs.change(pk, change);
    if (committed.version === 1) await this.enter(bodyId, meetingId);
    return committed;
  }

  private enterDeadlines(bodyId: string, next: Meeting, before: Meeting | undefined): Promise<void> | undefined {
    const after = meetingDeadlines(bodyId, next);
    const was = meetingDeadlines(bodyId, before);
    if (after.every((a) => was.some((b) => a.kind === b.kind && a.day === b.day))) return undefined;
    return this.deadlines.enter(after, was);
  }

  private async enter(bodyId: string, meetingId: string): Promise<void> {
    await guard(() => this.index.upsertEntity({ partitionKey: bodyId, rowKey: meetingId }, 'Replace')).catch(() => undefined);
  }

  /**
   * Enters every stored meeting that is missing from the index: meetings stored before the index
   * existed, or whose index write failed. Run at start-up and hourly by the scheduler (index.reparation). Two scans (the
   * index, and the meetings' document rows by key only), then one transaction per body and 100 rows.
   */
  async ensureIndex(): Promise<number> {
    const indexed = new Set<string>();
    const byBody = new Map<string, string[]>();
    await guard(async () => {
      for await (const e of this.index.listEntities({ queryOptions: { select: ['PartitionKey', 'RowKey'] } })) indexed.add(`${e.partitionKey}|${e.rowKey}`);
      for await (const e of this.store.table('meetings').listEntities({ queryOptions: { filter: `RowKey eq 'doc'`, select: ['PartitionKey'] } })) {
        const [bodyId, meetingId] = String(e.partitionKey).split('|');
        if (!bodyId || !meetingId || indexed.has(`${bodyId}|${meetingId}`)) continue;
        const ids = byBody.get(bodyId) ?? [];
        ids.push(meetingId);
        byBody.set(bodyId, ids);
      }
    });
    let n = 0;
    for (const [bodyId, ids] of byBody) {
      for (let i = 0; i < ids.length; i += 100) {
        const chunk = ids.slice(i, i + 100);
        await guard(() => this.index.submitTransaction(chunk.map((id) => ['upsert', { partitionKey: bodyId, rowKey: id }, 'Replace'])));
        n += chunk.length;
      }
    }
    return n;
  }

  /** All meetings of a body (documents only), oldest first by start. */
  async listForBody(bodyId: string): Promise<Meeting[]> {
    return (await this.listLoadedForBody(bodyId)).map((l) => l.value);
  }

  /** The same, with each document's ETag, so a change can commit on this read. */
  async listLoadedForBody(bodyId: string): Promise<Loaded<Meeting>[]> {
    const ids: string[] = [];
    await guard(async () => {
      for await (const e of this.index.listEntities({ queryOptions: { filter: `PartitionKey eq '${odataEscape(bodyId)}'` } })) ids.push(String(e.rowKey));
    });
    // Documents this instance holds come from its cache; the rest are read side by side.
    const loaded = await Promise.all(ids.map((id) => this.get(bodyId, id)));
    return loaded.filter((l): l is Loaded<Meeting> => Boolean(l)).sort((a, b2) => a.value.start.localeCompare(b2.value.start));
  }

  /** The meeting the conversation is working on: the one in progress, else the next planned, else the latest. */
  async current(bodyId: string): Promise<Meeting | undefined> {
    const all = await this.listForBody(bodyId);
    return (
      all.find((m) => m.status === 'pågår') ??
      all.find((m) => m.status === 'planerat' || m.status === 'kallat') ??
      all[all.length - 1]
    );
  }
}
