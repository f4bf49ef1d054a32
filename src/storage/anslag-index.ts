import type { AnslagEntry } from '../domain/anslagstavla';
import { guard, odataEscape, type TableStore } from './table-store';

/**
 * The anslagstavla's index: one row per recorded anslag in the `anslag` table, all in one partition,
 * written when the secretary records the anslag (and by the hourly repair for one whose write
 * failed). The public page reads the rows still up in one query, never the meeting documents. The
 * row holds only what the notice shows: no names, nothing a § says.
 */
const PARTITION = 'anslag';

export class AnslagIndex {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('anslag');
  }

  static rowKey(bodyId: string, meetingId: string): string {
    return `${bodyId}|${meetingId}`;
  }

  /** Idempotent: the same anslag written twice is one row. */
  async put(e: AnslagEntry): Promise<void> {
    await guard(() => this.table.upsertEntity({ partitionKey: PARTITION, rowKey: AnslagIndex.rowKey(e.bodyId, e.meetingId), takenDownDate: e.takenDownDate, entry: JSON.stringify(e) }, 'Replace'));
  }

  /** Every anslag not yet taken down before `fromDay` (one single-partition query). */
  async listUpFrom(fromDay: string): Promise<AnslagEntry[]> {
    const out: AnslagEntry[] = [];
    const filter = `PartitionKey eq '${PARTITION}' and takenDownDate ge '${odataEscape(fromDay)}'`;
    await guard(async () => {
      for await (const e of this.table.listEntities<{ entry: string }>({ queryOptions: { filter, select: ['entry'] } })) out.push(JSON.parse(e.entry) as AnslagEntry);
    });
    return out;
  }

  /** The row keys present, for the repair to find anslag whose row is missing. */
  async keys(): Promise<Set<string>> {
    const out = new Set<string>();
    await guard(async () => {
      for await (const e of this.table.listEntities({ queryOptions: { filter: `PartitionKey eq '${PARTITION}'`, select: ['RowKey'] } })) out.add(String(e.rowKey));
    });
    return out;
  }
}
