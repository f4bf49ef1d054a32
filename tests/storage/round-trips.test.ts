import { roundTrips, startTestStorage } from '../support/storage';
import { roundTripKind } from '../../src/storage/table-store';

/** The round-trip counter `npm run bench` reads: kinds and time, counted on real requests to Azurite. */

let env: Awaited<ReturnType<typeof startTestStorage>>;
beforeAll(async () => { env = await startTestStorage(); });
afterAll(async () => { await env.stop(); });

test('each kind of request is counted as what it is, and the time in flight adds up', async () => {
  const t = env.store.table('leases');
  const seen = await roundTrips(env.store, async () => {
    await t.upsertEntity({ partitionKey: 'rt', rowKey: 'a', x: 1 }, 'Replace');
    await t.getEntity('rt', 'a');
    for await (const _ of t.listEntities({ queryOptions: { filter: "PartitionKey eq 'rt'" } })) void _;
    await t.submitTransaction([['upsert', { partitionKey: 'rt', rowKey: 'b', x: 2 }, 'Replace']]);
  });
  expect(seen.kinds).toEqual({ 'point read': 1, query: 1, transaction: 1, write: 1 });
  expect(seen.count).toBe(4);
  expect(seen.sequential).toBe(4);
  expect(seen.busyMs).toBeGreaterThan(0);
  expect(env.store.counter.inFlight).toBe(0);
});

test('two reads side by side are one sequential round trip', async () => {
  const t = env.store.table('leases');
  await t.upsertEntity({ partitionKey: 'rt2', rowKey: 'a', x: 1 }, 'Replace');
  const seen = await roundTrips(env.store, () => Promise.all([t.getEntity('rt2', 'a'), t.getEntity('rt2', 'a')]));
  expect([seen.count, seen.sequential]).toEqual([2, 1]);
});

test('a key with quotes and Swedish letters is still a point read', () => {
  expect(roundTripKind('GET', "http://x/t(PartitionKey='b%7Cm''1',RowKey='%C3%A5')")).toBe('point read');
  expect(roundTripKind('GET', "http://x/t()?$filter=PartitionKey%20eq%20'b'")).toBe('query');
  expect(roundTripKind('POST', 'http://x/$batch')).toBe('transaction');
  expect(roundTripKind('PUT', "http://x/t(PartitionKey='a',RowKey='b')")).toBe('write');
});
