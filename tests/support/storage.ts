import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../src/storage/azurite';
import { TableStore, type RoundTrips } from '../../src/storage/table-store';

/** An in-memory Azurite on a free port, real tables in it, for one test file. */
export async function startTestStorage(): Promise<{ azurite: EmbeddedAzurite; store: TableStore; stop(): Promise<void> }> {
  const azurite = await startEmbeddedAzurite({ inMemory: true, port: 0 });
  const store = new TableStore({ connectionString: azurite.connectionString });
  await store.ensureTables();
  return { azurite, store, stop: () => azurite.close() };
}

/** Runs `op` and says which storage round trips the store made meanwhile. */
export async function roundTrips(store: TableStore, op: () => Promise<unknown>): Promise<RoundTrips> {
  const mark = store.counter.mark();
  await op();
  return store.counter.since(mark);
}
