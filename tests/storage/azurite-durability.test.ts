import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TableClient } from '@azure/data-tables';
import { groupCommit } from '../../src/storage/azurite-durability';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../src/storage/azurite';

describe('embedded Azurite on disk', () => {
  let dir: string;
  let azurite: EmbeddedAzurite;
  let table: TableClient;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paragraf-durable-'));
    azurite = await startEmbeddedAzurite({ location: dir, port: 0 });
    table = TableClient.fromConnectionString(azurite.connectionString, 'durability', { allowInsecureConnection: true });
    await table.createTable();
  });
  afterAll(async () => {
    await azurite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The rows of the table as the file on disk has them, read the moment a write has been answered. */
  function onDisk(): Record<string, Record<string, unknown>> {
    const db = JSON.parse(fs.readFileSync(path.join(dir, '__azurite_db_table__.json'), 'utf8'));
    const collection = db.collections.find((c: { name: string }) => c.name.endsWith('$durability'));
    return Object.fromEntries((collection?.data ?? []).map((e: { RowKey: string; properties: Record<string, unknown> }) => [e.RowKey, e.properties]));
  }

  test('every kind of write is in the file when Azurite answers it', async () => {
    await table.createEntity({ partitionKey: 'p', rowKey: 'skapad', v: 1 });
    expect(onDisk().skapad).toMatchObject({ v: 1 });
    await table.upsertEntity({ partitionKey: 'p', rowKey: 'upsert', v: 1 }, 'Replace');
    expect(onDisk().upsert).toMatchObject({ v: 1 });
    await table.upsertEntity({ partitionKey: 'p', rowKey: 'upsert', v: 2 }, 'Replace');
    expect(onDisk().upsert).toMatchObject({ v: 2 });
    await table.upsertEntity({ partitionKey: 'p', rowKey: 'upsert', w: 3 }, 'Merge');
    expect(onDisk().upsert).toMatchObject({ v: 2, w: 3 });
    await table.updateEntity({ partitionKey: 'p', rowKey: 'skapad', v: 4 }, 'Replace', { etag: '*' });
    expect(onDisk().skapad).toMatchObject({ v: 4 });
    await table.updateEntity({ partitionKey: 'p', rowKey: 'skapad', w: 5 }, 'Merge', { etag: '*' });
    expect(onDisk().skapad).toMatchObject({ v: 4, w: 5 });
    await table.deleteEntity('p', 'skapad');
    expect(onDisk().skapad).toBeUndefined();
    await table.createEntity({ partitionKey: 'p', rowKey: 'raderas' });
    await table.submitTransaction([
      ['create', { partitionKey: 'p', rowKey: 't1' }],
      ['upsert', { partitionKey: 'p', rowKey: 'upsert', v: 6 }, 'Replace'],
      ['delete', { partitionKey: 'p', rowKey: 'raderas' }],
    ]);
    expect(Object.keys(onDisk()).sort()).toEqual(['t1', 'upsert']);
    expect(onDisk().upsert).toEqual(expect.objectContaining({ v: 6 }));
    expect(onDisk().upsert).not.toHaveProperty('w');
  });

  test('a failed transaction leaves the file as it was', async () => {
    const before = onDisk();
    await expect(table.submitTransaction([['create', { partitionKey: 'p', rowKey: 't2' }], ['create', { partitionKey: 'p', rowKey: 't1' }]])).rejects.toMatchObject({ statusCode: 409 });
    expect(onDisk()).toEqual(before);
  });

  test('concurrent writes share saves and all reach the file', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => table.createEntity({ partitionKey: 'q', rowKey: `c${i}` })));
    expect(Object.keys(onDisk()).filter((k) => k.startsWith('c'))).toHaveLength(30);
  });
});

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
