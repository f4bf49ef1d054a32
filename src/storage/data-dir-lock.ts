import fs from 'node:fs';
import path from 'node:path';

/**
 * One Paragraf per data directory. Embedded Azurite holds the whole database in memory and writes
 * it over the file: a second process on the same directory would write its older copy over the
 * first one's writes. The lock file holds the owner's pid; a lock whose process is gone is taken over.
 */
export class DataDirLockedError extends Error {}

export const LOCK_FILE = 'paragraf.lock';

/** Lock files this process holds: a second start in the same process is refused too. */
const held = new Set<string>();

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dir: string): DataDirLock {
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (create(file)) {
      held.add(file);
      return { release: () => release(file) };
    }
    const owner = readPid(file);
    // The same pid without our own lock is a previous process that had our pid (a container's pid 1).
    const live = owner !== undefined && (owner === process.pid ? held.has(file) : isRunning(owner));
    if (live) throw locked(dir, file, owner);
    // Stale. Move it aside under a name only this process uses: of two processes taking over the
    // same stale lock, one moves it and the other finds none and tries again.
    const aside = `${file}.${process.pid}.stale`;
    try {
      fs.renameSync(file, aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    const moved = readPid(aside);
    if (moved !== owner) {
      // Another process took the stale lock over between our read and our move: give it back.
      try {
        fs.linkSync(aside, file);
      } finally {
        fs.rmSync(aside, { force: true });
      }
      throw locked(dir, file, moved);
    }
    fs.rmSync(aside, { force: true });
  }
  throw locked(dir, file, readPid(file));
}

/** Creates the lock with its content in one step (link fails if the name exists): never an empty lock. */
function create(file: string): boolean {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${process.pid}\n`);
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  // A file system without hard links: exclusive create, then the pid (a moment of an empty lock).
  try {
    fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

function release(file: string): void {
  held.delete(file);
  if (readPid(file) === process.pid) fs.rmSync(file, { force: true });
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function locked(dir: string, file: string, pid: number | undefined): DataDirLockedError {
  const who = pid === undefined ? 'en annan Paragraf' : `en annan Paragraf (process ${pid})`;
  const whoEn = pid === undefined ? 'another Paragraf' : `another Paragraf (pid ${pid})`;
  return new DataDirLockedError(
    `Datakatalogen ${dir} används redan av ${who}. Stoppa den först eller välj en annan PARAGRAF_DATA_DIR; ` +
      `kör ingen Paragraf med den processen, ta bort ${file}. ` +
      `(The data directory ${dir} is in use by ${whoEn}. Stop it first or choose another PARAGRAF_DATA_DIR; if no Paragraf runs as that process, delete ${file}.)`,
  );
}
