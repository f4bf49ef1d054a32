import type { TableEntity } from '@azure/data-tables';
import { contentHash, verifyChain, type AuditEntry } from '../domain/audit-chain';
import { decodeDoc, toAuditEntry } from './document-store';
import { verifyHistory, toHistory } from './cases';
import type { HistoryEntry } from '../domain/cases';
import { guard, isStatus, type TableName, type TableStore } from './table-store';

/** The tables whose partitions are DocumentStore documents with an audit chain. */
export const AUDITED_TABLES: TableName[] = ['bodies', 'meetings', 'cases', 'requests'];

export interface AuditProblem {
  table: string;
  partition: string;
  seq: number;
  /** Swedish, for the person running `npm run audit:verify`. */
  problem: string;
}

export interface AuditReport {
  partitions: number;
  entries: number;
  problems: AuditProblem[];
}

interface Partition {
  doc?: Record<string, unknown>;
  entries: AuditEntry[];
}

/**
 * Walks every partition of the audited tables and checks each audit chain against itself and
 * against the stored document: an edited entry, a removed entry, or a document changed outside
 * the log each show up as a problem. Reads only.
 */
export async function verifyAuditLog(store: TableStore, tables: TableName[] = AUDITED_TABLES): Promise<AuditReport> {
  const report: AuditReport = { partitions: 0, entries: 0, problems: [] };
  for (const table of tables) {
    if (table === 'cases') await verifyCaseHistories(store, report);
    const partitions = await readTable(store, table);
    if (!partitions) continue;
    for (const [pk, part] of [...partitions].sort(([a], [b]) => a.localeCompare(b))) {
      report.partitions++;
      report.entries += part.entries.length;
      for (const p of verifyPartition(part)) report.problems.push({ table, partition: pk, ...p });
    }
  }
  return report;
}

async function readTable(store: TableStore, table: TableName): Promise<Map<string, Partition> | undefined> {
  // Only the document and audit rows; idempotency markers and index rows are not part of the chain.
  const filter = `RowKey eq 'doc' or (RowKey ge 'audit|' and RowKey lt 'audit}')`;
  const out = new Map<string, Partition>();
  try {
    await guard(async () => {
      for await (const e of store.table(table).listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
        const row = e as TableEntity<Record<string, unknown>>;
        let part = out.get(row.partitionKey);
        if (!part) out.set(row.partitionKey, (part = { entries: [] }));
        if (row.rowKey === 'doc') part.doc = row;
        else part.entries.push(toAuditEntry(row));
      }
    });
  } catch (err) {
    if (isStatus(err, 404)) return undefined; // the table was never created: nothing to check
    throw err;
  }
  return out;
}

/**
 * The ärendelogg keeps its own chain: per case, `hist|<caseId>|<seq>` rows linked by prevHash,
 * with the case row holding the chain's length (histSeq) and last hash.
 */
async function verifyCaseHistories(store: TableStore, report: AuditReport): Promise<void> {
  const filter = `(RowKey ge 'case|' and RowKey lt 'case}') or (RowKey ge 'hist|' and RowKey lt 'hist}')`;
  const cases = new Map<string, { head?: Record<string, unknown>; rows: Record<string, unknown>[] }>();
  try {
    await guard(async () => {
      for await (const e of store.table('cases').listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
        const row = e as TableEntity<Record<string, unknown>>;
        const [kind, caseId] = row.rowKey.split('|');
        const key = `${row.partitionKey}|${caseId}`;
        let c = cases.get(key);
        if (!c) cases.set(key, (c = { rows: [] }));
        if (kind === 'case') c.head = row;
        else c.rows.push(row);
      }
    });
  } catch (err) {
    if (isStatus(err, 404)) return;
    throw err;
  }
  for (const [key, c] of [...cases].sort(([a], [b]) => a.localeCompare(b))) {
    report.partitions++;
    report.entries += c.rows.length;
    const rows = c.rows.map(toHistory).sort((a, b) => a.seq - b.seq);
    const last = rows[rows.length - 1]?.seq ?? 0;
    const add = (seq: number, problem: string) => report.problems.push({ table: 'cases', partition: key, seq, problem });
    if (!c.head) {
      add(last, `ärendet saknas men historiken har ${rows.length} poster`);
      continue;
    }
    for (const problem of verifyHistory(rows, String(c.head.lastHash))) add(Number(/post (\d+)/.exec(problem)?.[1] ?? last), problem);
    if (Number(c.head.histSeq) !== last) add(Number(c.head.histSeq), `ärendet har ${Number(c.head.histSeq)} historikposter men historiken slutar vid ${last}`);
  }
}


function verifyPartition(part: Partition): { seq: number; problem: string }[] {
  const entries = [...part.entries].sort((a, b) => a.seq - b.seq);
  const last = entries[entries.length - 1];
  if (!part.doc) return [{ seq: last?.seq ?? 0, problem: `dokumentet saknas men loggen har ${entries.length} poster` }];
  let value: unknown;
  try {
    value = decodeDoc(part.doc);
  } catch {
    return [{ seq: Number(part.doc.version) || 0, problem: 'dokumentet kan inte läsas (trasig JSON)' }];
  }
  const version = Number(part.doc.version);
  const problems = verifyChain(entries, contentHash(value), version);
  if (last && String(part.doc.lastHash) !== last.hash && !problems.some((p) => p.seq === last.seq)) {
    problems.push({ seq: last.seq, problem: 'dokumentets senaste hash stämmer inte med loggens sista post' });
  }
  return problems;
}


/** One line per problem, for the command line. */
export function formatProblem(p: AuditProblem): string {
  return `${p.table} / ${p.partition} / post ${p.seq}: ${p.problem}`;
}
