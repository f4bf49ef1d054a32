import { TABLES, type TableName, type TableStore } from '../../src/storage/table-store';

/**
 * Every row in every table with its ETag ("table/pk/rk" → etag): two equal snapshots mean
 * nothing was written in between, not even a row that was written back unchanged.
 */
export async function storageSnapshot(store: TableStore, exclude: TableName[] = []): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const table of TABLES) {
    if (exclude.includes(table)) continue;
    for await (const e of store.table(table).listEntities()) out.set(`${table}/${e.partitionKey}/${e.rowKey}`, String(e.etag));
  }
  return out;
}

/** The keys that differ between two snapshots (added, removed or rewritten), for readable failures. */
export function snapshotDiff(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}
