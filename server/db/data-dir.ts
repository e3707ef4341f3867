// The PGlite data folder on disk: private to the server's user (folders 700, files 600, fixed at every start for a
// folder made by an older version or copied with other modes), and held by one process at a time through a lock file
// beside it (`<folder>.lock`, with the holder's pid, host and process start time): a second server or a CLI that
// would open the folder refuses while the holder runs; a lock left by a process that died is taken over.
import {
  chmodSync,
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';

/**
 * Makes the data folder `dir` (created if missing) and everything in it private: folders 700, files 600 (links are
 * left alone). Refuses a folder that holds other things than a PostgreSQL data folder: it changes modes recursively.
 */
export function securePrivateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (readdirSync(dir).length > 0 && !existsSync(join(dir, 'PG_VERSION'))) {
    throw new Error(`${dir} is not empty and is not a district data folder (no PG_VERSION): give --data-dir a folder of its own.`);
  }
  const walk = (path: string) => {
    const info = lstatSync(path);
    if (info.isSymbolicLink()) return;
    if (info.isDirectory()) {
      if ((info.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
      for (const name of readdirSync(path)) walk(join(path, name));
    } else if ((info.mode & 0o777) !== 0o600) {
      chmodSync(path, 0o600);
    }
  };
  walk(dir);
}

export interface LockHolder {
  pid: number;
  host: string;
  /** The process's start time (Linux /proc), so that a pid reused by another program is not taken for the holder. */
  startTicks: string | null;
  /** What holds it: 'district server', 'district CLI', ... */
  purpose: string;
  sinceMs: number;
}

export class FolderLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The district data folder ${folder} is in use by another process (${holder.purpose}, pid ${holder.pid} on ${holder.host}, since ${new Date(holder.sinceMs).toISOString()}). ` +
        'Only one process may open it: stop that one first, or talk to the running server (`npm run district` does so by itself).',
    );
  }
}

export const lockFileOf = (folder: string): string => `${folder}.lock`;

function startTicksOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime), counted after the command name, which is in parentheses and may hold spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether the process that wrote `holder` still runs (a holder on another host is assumed to). */
export function holderAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const ticks = startTicksOf(holder.pid);
  return holder.startTicks === null || ticks === null || ticks === holder.startTicks;
}

export function readLockHolder(folder: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(lockFileOf(folder), 'utf8')) as LockHolder;
  } catch {
    return null;
  }
}

export interface FolderLock {
  release(): void;
}

/** Takes the folder's lock or throws FolderLockedError; a stale lock (its process is gone) is taken over. */
export function lockFolder(folder: string, purpose: string): FolderLock {
  const file = lockFileOf(folder);
  const me: LockHolder = { pid: process.pid, host: hostname(), startTicks: startTicksOf(process.pid), purpose, sinceMs: Date.now() };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readLockHolder(folder);
    if (holder !== null && holderAlive(holder)) throw new FolderLockedError(folder, holder);
    if (attempt >= 3) throw new Error(`Could not take the lock ${file}; remove it if no district process runs.`);
    // Stale: move it aside (only one of several starters can), then try again.
    try {
      renameSync(file, `${file}.stale-${process.pid}`);
      unlinkSync(`${file}.stale-${process.pid}`);
    } catch {
      // Another starter moved it first.
    }
  }
  const release = () => {
    try {
      if (readLockHolder(folder)?.pid === process.pid && existsSync(file)) unlinkSync(file);
    } catch {
      // Gone already.
    }
  };
  process.once('exit', release);
  return {
    release() {
      process.removeListener('exit', release);
      release();
    },
  };
}

/** The folder beside the data (admin token, master key, server.json): made 700; the default `.district` fixed to 700. */
export function secureStateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Only a folder that is ours by name: --data-dir may point anywhere, and its parent is not ours to change.
  if (basename(dir) === '.district' && (lstatSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
  for (const name of ['admin-token', 'master.key', 'server.json']) {
    const file = join(dir, name);
    if (existsSync(file) && (lstatSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  }
}
