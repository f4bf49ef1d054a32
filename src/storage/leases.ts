import { guard, isStatus, type TableStore } from './table-store';
import type { LeaseStore } from './ports';

/** Lease rows, for the scheduler: with several instances, one runs each job. */
export class Leases implements LeaseStore {
  constructor(private readonly store: TableStore) {}

  claim(name: string, holder: string, ttlMs: number, now?: number, opts?: { renew?: boolean }): Promise<boolean> {
    return claimLease(this.store, name, holder, ttlMs, now, opts);
  }
}

interface LeaseRow {
  holder: string;
  expiresAt: number;
}

const PK = 'lease';

/**
 * Claims the named lease for `holder` for `ttlMs`: created if missing, taken over when expired,
 * renewed when already held (unless `renew: false`: then only once it has expired). The ETag makes it one winner when several instances race.
 */
export async function claimLease(store: TableStore, name: string, holder: string, ttlMs: number, now: number = Date.now(), opts: { renew?: boolean } = {}): Promise<boolean> {
  const table = store.table('leases');
  const row = { partitionKey: PK, rowKey: name, holder, expiresAt: now + ttlMs };
  let current: (LeaseRow & { etag: string }) | undefined;
  try {
    current = await guard(() => table.getEntity<LeaseRow>(PK, name));
  } catch (err) {
    if (!isStatus(err, 404)) throw err;
  }
  try {
    if (!current) {
      await guard(() => table.createEntity(row));
      return true;
    }
    const renew = opts.renew ?? true;
    if ((current.holder !== holder || !renew) && Number(current.expiresAt) > now) return false;
    await guard(() => table.updateEntity(row, 'Replace', { etag: current!.etag }));
    return true;
  } catch (err) {
    if (isStatus(err, 409, 412)) return false; // another instance was first
    throw err;
  }
}
