import type { TableEntity } from '@azure/data-tables';
import { auditKey, contentHash, DEV_AUDIT_KEY, hashOnlySeqs, verifyChain, type AuditEntry, type AuditKey } from '../domain/audit-chain';
import { missingAggregates, type Partitions } from './audit-missing';
import { checkHeads, chainKey, type ChainHead } from './audit-heads';
import { decodeDoc, toAuditEntry } from './document-store';
import { verifyHistory, toHistory } from './case-history-legacy';
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
  /** Partitions with entries sealed only with plain SHA-256 (before PARAGRAF_AUDIT_KEY): they verify, but storage access alone could have re-sealed them. */
  hashOnly: { table: string; partition: string; seqs: number[] }[];
}

export interface Partition {
  doc?: Record<string, unknown>;
  entries: AuditEntry[];
  /** The decoded document, when it could be read. */
  value?: unknown;
}

export interface VerifyOptions {
  /** The key the entries were sealed with (config.auditKey); the development key by default, as in local mode. */
  key?: AuditKey;
  tables?: TableName[];
  /** Chain heads anchored outside the store (parseHeads of the bot's log): a chain now shorter or different is reported. */
  heads?: Map<string, ChainHead>;
}

/**
 * Walks every partition of the audited tables and checks each audit chain against itself and
 * against the stored document: an edited entry, a removed entry, or a document changed outside
 * the log each show up as a problem. Reads only.
 */
export async function verifyAuditLog(store: TableStore, opts: VerifyOptions = {}): Promise<AuditReport> {
  const key = opts.key ?? auditKey(DEV_AUDIT_KEY);
  const tables = opts.tables ?? AUDITED_TABLES;
  const report: AuditReport = { partitions: 0, entries: 0, problems: [], hashOnly: [] };
  const read: Partitions = {};
  const chains = new Map<string, Map<number, string>>();
  for (const table of tables) {
    if (table === 'cases') await verifyCaseHistories(store, report, key, chains);
    const partitions = await readTable(store, table);
    if (!partitions) continue;
    read[table] = partitions;
    for (const [pk, part] of [...partitions].sort(([a], [b]) => a.localeCompare(b))) {
      report.partitions++;
      report.entries += part.entries.length;
      for (const p of verifyPartition(part, key)) report.problems.push({ table, partition: pk, ...p });
      chains.set(chainKey(table, pk), new Map(part.entries.map((e) => [e.seq, e.hash])));
      const seqs = hashOnlySeqs(part.entries);
      if (seqs.length) report.hashOnly.push({ table, partition: pk, seqs });
    }
  }
  // Aggregates that are gone altogether leave no chain to break: look for them from what refers to them.
  if (read.meetings) report.problems.push(...(await missingAggregates(store, read)));
  if (opts.heads) report.problems.push(...checkHeads(opts.heads, chains));
  return report;
}

async function readTable(store: TableStore, table: TableName): Promise<Map<string, Partition> | undefined> {
  // Only the document and audit rows; idempotency markers and index rows are not part of the chain.
  // A partition with several documents (the cases of a body) has `doc|<id>` and `audit|<id>|<seq>`:
  // each document is its own chain, named `<partition>|<id>` as in the chain heads.
  const filter = `(RowKey ge 'doc' and RowKey lt 'doc}') or (RowKey ge 'audit|' and RowKey lt 'audit}')`;
  const out = new Map<string, Partition>();
  try {
    await guard(async () => {
      for await (const e of store.table(table).listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
        const row = e as TableEntity<Record<string, unknown>>;
        const parts = row.rowKey.split('|');
        const id = parts[0] === 'doc' ? parts.slice(1).join('|') : parts.slice(1, -1).join('|');
        const name = id ? `${row.partitionKey}|${id}` : row.partitionKey;
        let part = out.get(name);
        if (!part) out.set(name, (part = { entries: [] }));
        if (parts[0] === 'doc') part.doc = row;
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
 * Cases of the layout before the document store (case-history-legacy.ts), until the bot has
 * carried them over at its start: per case, `hist|<caseId>|<seq>` rows linked by prevHash, with the
 * case row holding the chain's length (histSeq) and last hash. Cases on the document store are
 * checked with the other documents.
 */
async function verifyCaseHistories(store: TableStore, report: AuditReport, key: AuditKey, chains: Map<string, Map<number, string>>): Promise<void> {
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
  for (const [name, c] of [...cases].sort(([a], [b]) => a.localeCompare(b))) {
    report.partitions++;
    report.entries += c.rows.length;
    const rows = c.rows.map(toHistory).sort((a, b) => a.seq - b.seq);
    chains.set(chainKey('cases', name), new Map(rows.map((r) => [r.seq, r.hash])));
    const last = rows[rows.length - 1]?.seq ?? 0;
    const add = (seq: number, problem: string) => report.problems.push({ table: 'cases', partition: name, seq, problem });
    if (!c.head) {
      add(last, `ärendet saknas men historiken har ${rows.length} poster`);
      continue;
    }
    const seqs = rows.filter((r) => r.scheme === undefined).map((r) => r.seq);
    if (seqs.length) report.hashOnly.push({ table: 'cases', partition: name, seqs });
    for (const problem of verifyHistory(rows, key, String(c.head.lastHash))) add(Number(/post (\d+)/.exec(problem)?.[1] ?? last), problem);
    if (Number(c.head.histSeq) !== last) add(Number(c.head.histSeq), `ärendet har ${Number(c.head.histSeq)} historikposter men historiken slutar vid ${last}`);
  }
}


function verifyPartition(part: Partition, key: AuditKey): { seq: number; problem: string }[] {
  const entries = [...part.entries].sort((a, b) => a.seq - b.seq);
  const last = entries[entries.length - 1];
  if (!part.doc) return [{ seq: last?.seq ?? 0, problem: `dokumentet saknas men loggen har ${entries.length} poster (aggregatet är borttaget)` }];
  let value: unknown;
  try {
    value = decodeDoc(part.doc);
  } catch {
    return [{ seq: Number(part.doc.version) || 0, problem: 'dokumentet kan inte läsas (trasig JSON)' }];
  }
  part.value = value;
  const version = Number(part.doc.version);
  const problems = verifyChain(entries, key, contentHash(value), version);
  if (last && String(part.doc.lastHash) !== last.hash && !problems.some((p) => p.seq === last.seq)) {
    problems.push({ seq: last.seq, problem: 'dokumentets senaste hash stämmer inte med loggens sista post' });
  }
  return problems;
}


/** One line per problem, for the command line; seq 0 is a problem of the whole aggregate, not of one entry. */
export function formatProblem(p: AuditProblem): string {
  return p.seq ? `${p.table} / ${p.partition} / post ${p.seq}: ${p.problem}` : `${p.table} / ${p.partition}: ${p.problem}`;
}

/** One line per partition whose entries are only hash-sealed, with their seqs as ranges ("1–4, 6"). */
export function formatHashOnly(h: AuditReport['hashOnly'][number]): string {
  const ranges: string[] = [];
  for (let i = 0; i < h.seqs.length; ) {
    let j = i;
    while (j + 1 < h.seqs.length && h.seqs[j + 1] === h.seqs[j] + 1) j++;
    ranges.push(i === j ? String(h.seqs[i]) : `${h.seqs[i]}–${h.seqs[j]}`);
    i = j + 1;
  }
  return `${h.table} / ${h.partition}: post ${ranges.join(', ')}`;
}
