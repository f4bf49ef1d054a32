import type { Meeting } from '../domain/meeting';
import { meetingDay } from '../domain/meeting';
import { guard, isStatus, odataEscape, type TableStore } from './table-store';

/**
 * The index of upcoming deadlines that drives the reminder jobs (table 'deadlines'), so that a
 * minute's jobs read what is due rather than every meeting:
 *
 *   partition = the kind of deadline, row = "<day>|<bodyId>|<id>"
 *     kallelse    a kallad meeting, on its day (reminders run from N days before it until it starts)
 *     justering   a meeting under justering, on its meeting day (the deadline follows from it)
 *     ärende      an open case with an owner, on its due date (who owns it is read from the case)
 *
 * Rows are written (idempotent upserts) when a meeting enters such a status or a case's due date,
 * owner or openness changes; they are never trusted on their own: each job checks the meeting or
 * case it points to, so a row left behind by a later change costs a read and reminds nobody. The
 * hourly repair (`repairDeadlines`) adds rows a failed write missed and removes stale ones.
 */
export type DeadlineKind = 'kallelse' | 'justering' | 'ärende';

export interface DeadlineRef {
  kind: DeadlineKind;
  day: string;
  bodyId: string;
  id: string;
}

const rowKey = (r: Pick<DeadlineRef, 'day' | 'bodyId' | 'id'>) => `${r.day}|${r.bodyId}|${r.id}`;

/** The deadlines a meeting in this state stands in the index under (none for most states). */
export function meetingDeadlines(bodyId: string, m: Meeting | undefined): DeadlineRef[] {
  if (!m) return [];
  if (m.status === 'kallat') return [{ kind: 'kallelse', day: m.start.slice(0, 10), bodyId, id: m.id }];
  if (m.status === 'under justering') return [{ kind: 'justering', day: meetingDay(m), bodyId, id: m.id }];
  return [];
}

export const sameRef = (a: DeadlineRef, b: DeadlineRef) => a.kind === b.kind && rowKey(a) === rowKey(b);

export class DeadlineIndex {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('deadlines');
  }

  /** Enters the refs that are in `after` but not in `before`; no round trip when there are none. */
  async enter(after: DeadlineRef[], before: DeadlineRef[] = []): Promise<void> {
    const added = after.filter((a) => !before.some((b) => sameRef(a, b)));
    await Promise.all(added.map((r) => guard(() => this.table.upsertEntity({ partitionKey: r.kind, rowKey: rowKey(r), bodyId: r.bodyId, id: r.id}, 'Replace'))));
  }

  async remove(r: DeadlineRef): Promise<void> {
    await guard(() => this.table.deleteEntity(r.kind, rowKey(r))).catch((err) => (isStatus(err, 404) ? undefined : Promise.reject(err)));
  }

  /** The deadlines of a kind with their day from `from` to `to` (both included, YYYY-MM-DD): one range read. */
  async due(kind: DeadlineKind, from: string, to: string): Promise<DeadlineRef[]> {
    const filter = `PartitionKey eq '${odataEscape(kind)}' and RowKey ge '${odataEscape(from)}' and RowKey lt '${odataEscape(to)}~'`;
    const out: DeadlineRef[] = [];
    await guard(async () => {
      for await (const e of this.table.listEntities<{ bodyId: string; id: string }>({ queryOptions: { filter } })) {
        out.push({ kind, day: String(e.rowKey).slice(0, 10), bodyId: String(e.bodyId), id: String(e.id) });
      }
    });
    return out;
  }

  /** Every row of a kind (the repair). */
  async all(kind: DeadlineKind): Promise<DeadlineRef[]> {
    return this.due(kind, '0000', '9999');
  }
}
