import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startParagraf } from '../../src/paragraf';
import { DataDirLockedError, LOCK_FILE, lockDataDir } from '../../src/storage/data-dir-lock';
import { ChildBot, CHILD_TEST_TIMEOUT } from '../support/child-bot';
import { FakeConnector } from '../support/connector';
import { groupChat, person } from '../support/bot';

/** One local Paragraf per PARAGRAF_DATA_DIR: a second would write its older copy of the data over the first's. */
const env = (dataDir: string) => ({ PORT: '0', PARAGRAF_AZURITE_PORT: '0', PARAGRAF_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
const maria = person('Maria Lind');

let dataDir: string;
let lockFile: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paragraf-lock-'));
  lockFile = path.join(dataDir, LOCK_FILE);
});
afterEach(async () => {
  await ChildBot.killLeftovers();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The pid of a process that has exited. */
function deadPid(): number {
  const done = spawnSync(process.execPath, ['-e', '']);
  return done.pid;
}

test('a second bot on the same data directory, in another process, refuses to start and names the directory and the first one\'s pid', async () => {
  const connector = await new FakeConnector().start();
  const first = await ChildBot.start(dataDir);
  try {
    // `npm run bot` a second time: it exits with the message, before it listens.
    const second = ChildBot.start(dataDir);
    await expect(second).rejects.toThrow(/exited \(code 1\)/);
    const message = ((await second.catch((e) => e)) as Error).message;
    expect(message).toContain(`Datakatalogen ${dataDir} används redan av en annan Paragraf (process ${first.pid})`);
    expect(message).toContain(`(The data directory ${dataDir} is in use by another Paragraf (pid ${first.pid})`);
    // The same refusal in this process, as an error of its own kind.
    await expect(startParagraf({ env: env(dataDir) })).rejects.toThrow(DataDirLockedError);

    // The first bot never noticed: it still answers, and what it writes is kept.
    const conv = groupChat('lock-first-still-works');
    const ex = await first.talk(connector).say(maria, conv, 'nytt organ Låsnämnden');
    expect(ex.status).toBe(200);
    expect(await first.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    const after = await startParagraf({ env: env(dataDir), startOutbox: false, startScheduler: false });
    try {
      expect(await after.services.conversations.get(conv.id)).toBeDefined();
    } finally {
      await after.close();
    }
  } finally {
    await connector.stop();
  }
}, CHILD_TEST_TIMEOUT);

test('a second bot in the same process is refused too; once the first has stopped, the directory is free', async () => {
  const first = await startParagraf({ env: env(dataDir), startOutbox: false, startScheduler: false });
  try {
    await expect(startParagraf({ env: env(dataDir), startOutbox: false, startScheduler: false })).rejects.toThrow(`(process ${process.pid})`);
    expect(fs.readFileSync(lockFile, 'utf8').trim()).toBe(String(process.pid));
  } finally {
    await first.close();
  }
  expect(fs.existsSync(lockFile)).toBe(false);
  const again = await startParagraf({ env: env(dataDir), startOutbox: false, startScheduler: false });
  await again.close();
});

test('a lock left by a process that is gone is taken over', async () => {
  const gone = deadPid();
  fs.writeFileSync(lockFile, `${gone}\n`);
  const p = await startParagraf({ env: env(dataDir), startOutbox: false, startScheduler: false });
  try {
    expect(fs.readFileSync(lockFile, 'utf8').trim()).toBe(String(process.pid));
  } finally {
    await p.close();
  }
  expect(fs.existsSync(lockFile)).toBe(false);
});

test('a lock with our own pid that this process does not hold is a previous process\'s (a container\'s pid 1): taken over', () => {
  fs.writeFileSync(lockFile, `${process.pid}\n`);
  const lock = lockDataDir(dataDir);
  expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError);
  lock.release();
  expect(fs.existsSync(lockFile)).toBe(false);
});

test('an unreadable lock is taken over; a release never removes another process\'s lock', () => {
  fs.writeFileSync(lockFile, 'inte ett pid');
  const lock = lockDataDir(dataDir);
  expect(fs.readFileSync(lockFile, 'utf8').trim()).toBe(String(process.pid));
  // Someone deleted the lock by hand and another process took the directory: our release leaves theirs alone.
  fs.writeFileSync(lockFile, `${process.ppid}\n`);
  lock.release();
  expect(fs.readFileSync(lockFile, 'utf8').trim()).toBe(String(process.ppid));
  expect(() => lockDataDir(dataDir)).toThrow(`(process ${process.ppid})`);
});
