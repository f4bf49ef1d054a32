import fs from 'node:fs';
import path from 'node:path';

/**
 * Azurite 3.37's table server keeps every table in LokiJS, in memory, and writes the whole database
 * to one file on a 5-second timer (LokiTableMetadataStore: `autosave: true, autosaveInterval: 5000`,
 * through LokiJS's fs adapter: write `<file>~`, rename, no fsync). A write Azurite had answered could
 * die with the process for up to 5 s, and with the machine for longer.
 *
 * Here the timer is stopped and every successful write is saved before Azurite answers it: the
 * whole database serialized, written to `<file>~`, fsynced, renamed over the file, the directory
 * fsynced. Writes arriving while a save runs share the next one (group commit).
 */

/** Azurite's table store as far as this module reaches into it (`TableServer.metadataStore`). */
interface LokiTableStore {
  db: Loki;
  [method: string]: unknown;
}

/** The parts of a LokiJS database used here. */
interface Loki {
  filename: string;
  persistenceAdapter: unknown;
  autosaveDisable(): void;
  autosaveClearFlags(): void;
  serialize(): string;
}

/**
 * The store's methods that change data, each with the position of its `batchId` argument. Inside an
 * entity-group transaction nothing may wait: Azurite runs a batch without yielding and rolls back
 * from per-store bookkeeping, so a batch's operations are saved once, by `endBatchTransaction`.
 * The arity is checked at start-up, so an Azurite whose signatures moved fails loudly.
 */
const WRITES: Record<string, { arity: number; batchIdAt?: number }> = {
  createTable: { arity: 2 },
  deleteTable: { arity: 3 },
  setTableACL: { arity: 4 },
  setServiceProperties: { arity: 2 },
  // insertOrUpdate/insertOrMerge change nothing themselves: they call one of these.
  insertTableEntity: { arity: 5, batchIdAt: 4 },
  updateTableEntity: { arity: 6, batchIdAt: 5 },
  mergeTableEntity: { arity: 6, batchIdAt: 5 },
  deleteTableEntity: { arity: 7, batchIdAt: 6 },
  endBatchTransaction: { arity: 5 },
};

/** Makes `store` save before answering each write. Call before the server starts (it loads the file). */
export function saveBeforeAnswering(store: LokiTableStore): { flush(): Promise<void> } {
  const db = store.db;
  if (!db || typeof db.serialize !== 'function' || !db.filename) throw new Error('Azurite: unknown table store (expected LokiTableMetadataStore with a LokiJS db)');
  db.autosaveDisable();
  const file = new DurableFile(db.filename);
  db.persistenceAdapter = file.lokiAdapter();
  const save = groupCommit(() => {
    db.autosaveClearFlags();
    return file.write(db.serialize());
  });
  for (const [name, { arity, batchIdAt }] of Object.entries(WRITES)) {
    const original = store[name];
    if (typeof original !== 'function' || original.length !== arity) throw new Error(`Azurite: LokiTableMetadataStore.${name} is not the (${arity}-argument) method this module wraps`);
    store[name] = async function (this: unknown, ...args: unknown[]) {
      const result = await original.apply(this, args);
      if (batchIdAt === undefined || !args[batchIdAt]) await save();
      return result;
    };
  }
  return { flush: save };
}

/**
 * Runs `saveSnapshot` for every caller, sharing: callers that arrive before a save takes its
 * snapshot join it; later ones get the next save, which starts when the current one is on disk.
 * The snapshot is taken in its own macrotask, where no Azurite batch is half-applied.
 */
export function groupCommit(saveSnapshot: () => Promise<void>): () => Promise<void> {
  let joinable: Promise<void> | undefined;
  let last: Promise<void> = Promise.resolve();
  return () => {
    if (joinable) return joinable;
    const next = last
      .catch(() => undefined)
      .then(
        () =>
          new Promise<void>((resolve, reject) =>
            setImmediate(() => {
              joinable = undefined;
              saveSnapshot().then(resolve, reject);
            }),
          ),
      );
    joinable = next;
    last = next;
    return next;
  };
}

/** One file replaced whole, durably, one write at a time in the order asked. */
class DurableFile {
  private queue: Promise<void> = Promise.resolve();
  constructor(private readonly file: string) {}

  write(data: string): Promise<void> {
    const done = this.queue.catch(() => undefined).then(() => this.replace(data));
    this.queue = done;
    return done;
  }

  private async replace(data: string): Promise<void> {
    const tmp = `${this.file}~`;
    const handle = await fs.promises.open(tmp, 'w');
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(tmp, this.file);
    // The rename is only durable once the directory entry is. Windows cannot open a directory, and
    // some file systems refuse to sync one: there the rename stands as the file system keeps it.
    if (process.platform !== 'win32') {
      const dir = await fs.promises.open(path.dirname(this.file), 'r');
      try {
        await dir.sync();
      } catch (err) {
        if (!['EINVAL', 'ENOTSUP', 'EPERM', 'EISDIR'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
      } finally {
        await dir.close();
      }
    }
  }

  /** The LokiJS persistence adapter interface, for the saves LokiJS makes itself (start-up, close). */
  lokiAdapter() {
    return {
      loadDatabase: (name: string, callback: (data: string | null | Error) => void) => {
        fs.readFile(name, 'utf8', (err, data) => {
          if (err) callback(err.code === 'ENOENT' ? null : err);
          else callback(data);
        });
      },
      saveDatabase: (_name: string, data: string, callback: (err?: Error | null) => void) => {
        this.write(data).then(() => callback(null), callback);
      },
      deleteDatabase: (name: string, callback: (err?: Error | null) => void) => {
        fs.rm(name, { force: true }, (err) => callback(err));
      },
    };
  }
}
