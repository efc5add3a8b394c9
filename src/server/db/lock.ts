/**
 * A lock file that keeps a second process off an embedded (PGlite) data directory.
 *
 * PGlite serves one process only: two processes on one directory silently lose writes (STACK.md).
 * The lock holds the owner's pid and host; a lock left by a process that no longer runs on this
 * host is taken over.
 */
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { AppError } from '../errors.js';

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

/** Directories this process holds (a second open in the same process is refused too). */
const heldHere = new Set<string>();

/**
 * Take the lock of `dataDir` for this process.
 *
 * @returns a function that releases the lock.
 * @throws AppError `data_dir_locked` when another live process holds it.
 */
export function lockDataDir(dataDir: string, command: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'kontakt.lock');
  const refuse = (owner: LockOwner): never => {
    throw new AppError(
      'data_dir_locked',
      409,
      `The embedded database in ${dataDir} is in use by another Kontakt process (pid ${owner.pid}, "${owner.command}", since ${owner.startedAt}). ` +
        'The embedded database serves one process only: stop that process first, or set DATABASE_URL to a PostgreSQL server to run several processes.',
    );
  };
  const absolute = resolve(path);
  if (heldHere.has(absolute))
    refuse(readOwner(path) ?? { pid: process.pid, host: hostname(), startedAt: '?', command });
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    command,
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(me), { flag: 'wx' });
      heldHere.add(absolute);
      return () => {
        heldHere.delete(absolute);
        const owner = readOwner(path);
        if (owner?.pid === process.pid) unlinkSync(path);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(path);
    if (owner && owner.host === me.host && owner.pid !== process.pid && isRunning(owner.pid)) {
      refuse(owner);
    }
    // Stale lock (its process is gone): move it aside atomically, then try again.
    try {
      renameSync(path, `${path}.stale-${process.pid}`);
      unlinkSync(`${path}.stale-${process.pid}`);
    } catch {
      // Another process took it over first; the next attempt decides.
    }
  }
  throw new AppError('data_dir_locked', 409, `Could not take the lock of ${dataDir}.`);
}
