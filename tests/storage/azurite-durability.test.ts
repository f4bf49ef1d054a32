import { groupCommit } from '../../src/storage/azurite-durability';

/** The group commit behind "saved before answered": each caller waits for a save that began after its write. */
describe('groupCommit', () => {
  test('callers before a save takes its snapshot share it; later callers get the next one, after it', async () => {
    const events: string[] = [];
    let release!: () => void;
    let snapshots = 0;
    const save = groupCommit(async () => {
      const n = ++snapshots;
      events.push(`snapshot ${n}`);
      if (n === 1) await new Promise<void>((r) => (release = r));
      events.push(`on disk ${n}`);
    });
    const early = [save(), save(), save()];
    expect(early[1]).toBe(early[0]);
    await new Promise((r) => setTimeout(r, 5)); // the first snapshot is taken
    expect(events).toEqual(['snapshot 1']);
    const late = [save(), save()];
    expect(late[1]).toBe(late[0]);
    expect(late[0]).not.toBe(early[0]);
    await new Promise((r) => setTimeout(r, 20));
    expect(events).toEqual(['snapshot 1']); // the next save waits for the first to be on disk
    release();
    await Promise.all([...early, ...late]);
    expect(events).toEqual(['snapshot 1', 'on disk 1', 'snapshot 2', 'on disk 2']);
  });

  test('a failed save fails its callers; the next save runs all the same', async () => {
    let fail = true;
    const save = groupCommit(async () => {
      if (fail) throw new Error('disk full');
    });
    const failed = save();
    await expect(failed).rejects.toThrow('disk full');
    fail = false;
    await expect(save()).resolves.toBeUndefined();
  });
});
