import type { Meeting } from '../domain/meeting';
import type { AuditProblem, Partition } from './audit-verify';
import { guard, isStatus, type TableName, type TableStore } from './table-store';

/** What audit-verify read, per table: partition key → document and audit entries. */
export type Partitions = Partial<Record<TableName, Map<string, Partition>>>;

/**
 * Meetings that are gone altogether (document and log) leave no chain to break. They are found
 * from what still refers to them: the body's meeting index (one row per meeting), and the
 * meetings' running numbers (1, 2, 3 … per body), where a removed meeting leaves a gap. Also
 * meetings whose body is gone. Problems of a whole aggregate have seq 0.
 */
export async function missingAggregates(store: TableStore, read: Partitions): Promise<AuditProblem[]> {
  const meetings = read.meetings ?? new Map<string, Partition>();
  const problems: AuditProblem[] = [];
  for (const [bodyId, meetingIds] of await readIndex(store)) {
    for (const id of meetingIds) {
      if (!meetings.has(`${bodyId}|${id}`)) {
        problems.push({ table: 'meetingIndex', partition: bodyId, seq: 0, problem: `mötet ${id} står i organets mötesindex, men mötet (dokument och logg) saknas: borttaget, eller ett skapande som misslyckades` });
      }
    }
  }
  const numbers = new Map<string, number[]>();
  for (const [pk, part] of meetings) {
    const bodyId = pk.split('|')[0];
    const n = (part.value as Meeting | undefined)?.number;
    if (typeof n === 'number') numbers.set(bodyId, [...(numbers.get(bodyId) ?? []), n]);
  }
  for (const [bodyId, ns] of [...numbers].sort(([a], [b]) => a.localeCompare(b))) {
    const gaps = numberGaps(ns);
    if (gaps.length) {
      problems.push({ table: 'meetings', partition: bodyId, seq: 0, problem: `organets möten är numrerade ${Math.min(...ns)}–${Math.max(...ns)}, men möte nr ${gaps.join(', ')} saknas (borttaget ur lagringen)` });
    }
  }
  if (read.bodies) {
    const bodiesWithMeetings = new Set([...meetings.keys()].map((pk) => pk.split('|')[0]));
    for (const bodyId of [...bodiesWithMeetings].sort()) {
      if (!read.bodies.get(bodyId)?.doc) problems.push({ table: 'bodies', partition: bodyId, seq: 0, problem: 'organet saknas, men det har möten' });
    }
  }
  return problems;
}

/** The numbers missing between the lowest and the highest (meetings made before numbering have none and are not counted). */
export function numberGaps(ns: number[]): number[] {
  const have = new Set(ns);
  const out: number[] = [];
  for (let n = Math.min(...ns); n < Math.max(...ns); n++) if (!have.has(n)) out.push(n);
  return out;
}

async function readIndex(store: TableStore): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  try {
    await guard(async () => {
      for await (const e of store.table('meetingIndex').listEntities({ queryOptions: { select: ['PartitionKey', 'RowKey'] } })) {
        out.set(String(e.partitionKey), [...(out.get(String(e.partitionKey)) ?? []), String(e.rowKey)]);
      }
    });
  } catch (err) {
    if (!isStatus(err, 404)) throw err;
  }
  return out;
}
