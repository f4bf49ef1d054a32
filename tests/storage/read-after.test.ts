import { ReadAfter } from '../../src/storage/read-after';

/** A store whose reads take a moment: each read returns what had been written when it started. */
function slowStore() {
  const written: number[] = [];
  let reads = 0;
  const read = async () => {
    reads++;
    const seen = [...written];
    await new Promise((r) => setTimeout(r, 20));
    return seen;
  };
  return { written, read, reads: () => reads };
}

test('callers at the same moment share reads, and every answer includes the caller’s own write', async () => {
  const store = slowStore();
  const shared = new ReadAfter<number[]>();
  const answers = await Promise.all(
    Array.from({ length: 101 }, async (_, i) => {
      await new Promise((r) => setTimeout(r, i % 7));
      store.written.push(i);
      return { i, seen: await shared.read('m', store.read) };
    }),
  );
  for (const a of answers) expect(a.seen).toContain(a.i);
  // One read per press would be 101; a read in flight plus the one waiting after it serve them all.
  expect(store.reads()).toBeLessThan(15);
});

test('a read that started before the write is never the answer: the caller waits for the next one', async () => {
  const store = slowStore();
  const shared = new ReadAfter<number[]>();
  const first = shared.read('m', store.read); // starts now, sees nothing
  store.written.push(1);
  const second = shared.read('m', store.read);
  expect(await first).toEqual([]);
  expect(await second).toEqual([1]);
  expect(store.reads()).toBe(2);
});

test('a failed read fails only those who shared it; the next caller reads afresh', async () => {
  const shared = new ReadAfter<string>();
  let fail = true;
  const run = async () => {
    await new Promise((r) => setTimeout(r, 5));
    if (fail) throw new Error('storage down');
    return 'ok';
  };
  const a = shared.read('k', run);
  const b = shared.read('k', run); // joins the read after a's
  await expect(a).rejects.toThrow('storage down');
  fail = false;
  await expect(b).resolves.toBe('ok');
  await expect(shared.read('k', run)).resolves.toBe('ok');
});
