import type { TableEntity, TransactionAction } from '@azure/data-tables';
import { sha256 } from '../domain/audit-chain';
import { guard, isStatus, listPartition, type TableName, type TableStore } from './table-store';

/**
 * Effects that cannot be lost. A change's effects (domain/effects.ts) are written as `fx|<sha(key)>`
 * rows in the aggregate's own partition, in the same entity-group transaction as the document: the
 * change and what it owes the world are stored together or not at all. A dispatcher carries each
 * out (idempotently) and deletes its row; a failure leaves the row with a later `notBefore`.
 *
 * So that a crashed instance's rows are found without scanning every aggregate, each one is
 * announced first in the `effects` table's one partition (`pending`), row
 * `<table>|<partition>|fx|<sha>`, before the transaction is sent. An announcement whose row never
 * came (the transaction lost or was refused) is removed by the minute's sweep once it is older than
 * any commit can take (GRACE_MS); the row itself is deleted before its announcement, so a row is
 * never left without one.
 */

export interface PendingEffect {
  /** Deterministic: the same effect always has the same key (a resend writes the same row). */
  key: string;
  kind: string;
  data: unknown;
}

export interface PendingRow {
  table: TableName;
  partition: string;
  rowKey: string;
  key: string;
  kind: string;
  data: unknown;
  attempts: number;
  notBefore: number;
  failed: boolean;
}

const FX = 'fx|';
const INDEX = 'pending';
/** Longer than any commit can take (a storage call gives up after seconds): an announcement older than this without its row is stale. */
export const GRACE_MS = 5 * 60_000;
/** A new row is the committing request's to carry out; the sweep takes it only once it is this old. */
export const IN_REQUEST_MS = 30_000;
/** After this many failed attempts an effect is left marked failed, for an operator (logged as an error). */
export const MAX_ATTEMPTS = 12;

export const fxRowKey = (key: string) => FX + sha256(key).slice(0, 40);
const indexRowKey = (table: TableName, partition: string, rowKey: string) => `${table}|${partition}|${rowKey}`;

/** Backoff with jitter as the outbox's, but from 30 s (the sweep runs each minute) up to an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1)) * (0.5 + Math.random());
}

export class PendingEffects {
  constructor(private readonly store: TableStore) {}

  private get index() {
    return this.store.table('effects');
  }

  /** The rows a change writes in its own transaction. */
  rows(partition: string, effects: PendingEffect[], now: number): TableEntity<Record<string, unknown>>[] {
    return effects.map((e) => ({ partitionKey: partition, rowKey: fxRowKey(e.key), key: e.key.slice(0, 1000), kind: e.kind, data: JSON.stringify(e.data), attempts: 0, notBefore: now + IN_REQUEST_MS }));
  }

  /** Before the transaction: where its rows will be, so the sweep finds them even if this process dies. */
  async announce(table: TableName, partition: string, effects: PendingEffect[], now: number): Promise<void> {
    for (let i = 0; i < effects.length; i += 100) {
      const actions: TransactionAction[] = effects.slice(i, i + 100).map((e) => ['upsert', { partitionKey: INDEX, rowKey: indexRowKey(table, partition, fxRowKey(e.key)), table, partition, at: now }, 'Replace']);
      await guard(() => this.index.submitTransaction(actions));
    }
  }

  /** The effect rows still in one partition (a resent change finds what its first attempt left). */
  async inPartition(table: TableName, partition: string): Promise<PendingRow[]> {
    const rows = await listPartition<Record<string, unknown>>(this.store.table(table), partition, FX);
    return rows.map((r) => toRow(table, partition, r));
  }

  /** Carried out: the row goes, then its announcement. */
  async done(row: PendingRow): Promise<void> {
    await ignore404(() => this.store.table(row.table).deleteEntity(row.partition, row.rowKey));
    await ignore404(() => this.index.deleteEntity(INDEX, indexRowKey(row.table, row.partition, row.rowKey)));
  }

  /** Failed: tried again after a backoff, or left marked failed after MAX_ATTEMPTS. */
  async retryLater(row: PendingRow, err: unknown, now: number): Promise<{ failed: boolean }> {
    const attempts = row.attempts + 1;
    const failed = attempts >= MAX_ATTEMPTS;
    const lastError = String((err as Error)?.message ?? err).slice(0, 500);
    await ignore404(() => this.store.table(row.table).updateEntity({ partitionKey: row.partition, rowKey: row.rowKey, attempts, notBefore: now + retryDelayMs(attempts), failed, lastError }, 'Merge'));
    return { failed };
  }

  /**
   * Every effect row due now, found through the announcements (one range read of a partition that
   * holds only what is pending, then a point read per announcement). Stale announcements are removed.
   */
  async due(now: number): Promise<PendingRow[]> {
    const announced = await listPartition<{ table: string; partition: string; at: number }>(this.index, INDEX);
    const out: PendingRow[] = [];
    for (const a of announced) {
      const table = String(a.table) as TableName;
      const rowKey = a.rowKey.slice(a.rowKey.lastIndexOf(FX));
      let row: PendingRow | undefined;
      try {
        row = toRow(table, String(a.partition), await guard(() => this.store.table(table).getEntity<Record<string, unknown>>(String(a.partition), rowKey)));
      } catch (err) {
        if (!isStatus(err, 404)) throw err;
      }
      if (!row) {
        if (now - Number(a.at) > GRACE_MS) await ignore404(() => this.index.deleteEntity(INDEX, a.rowKey));
        continue;
      }
      if (!row.failed && row.notBefore <= now) out.push(row);
    }
    return out;
  }
}

function toRow(table: TableName, partition: string, r: Record<string, unknown>): PendingRow {
  return {
    table,
    partition,
    rowKey: String(r.rowKey),
    key: String(r.key),
    kind: String(r.kind),
    data: JSON.parse(String(r.data)),
    attempts: Number(r.attempts ?? 0),
    notBefore: Number(r.notBefore ?? 0),
    failed: r.failed === true,
  };
}

async function ignore404(op: () => Promise<unknown>): Promise<void> {
  try {
    await guard(op);
  } catch (err) {
    if (!isStatus(err, 404)) throw err;
  }
}
