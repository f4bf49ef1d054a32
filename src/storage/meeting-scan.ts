import type { Meeting } from '../domain/meeting';
import { decodeDoc } from './document-store';
import { guard, type TableStore } from './table-store';

/**
 * Every meeting document across bodies with one of the given statuses. A scan of the meetings
 * table's document rows, so only for the hourly repair of the deadline index (deadline-repair.ts);
 * the minute's reminder jobs read the index instead.
 */
export async function meetingsWithStatus(store: TableStore, statuses: Meeting['status'][]): Promise<Meeting[]> {
  const wanted = new Set(statuses);
  const out: Meeting[] = [];
  await guard(async () => {
    for await (const e of store.table('meetings').listEntities({ queryOptions: { filter: `RowKey eq 'doc'` } })) {
      const m = decodeDoc<Meeting>(e as Record<string, unknown>);
      if (wanted.has(m.status)) out.push(m);
    }
  });
  return out;
}
