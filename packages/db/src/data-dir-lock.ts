import { createHash, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { DomainError } from '@harbour/domain/errors';

export interface DataDirLock {
  release(): void;
}

/** Who holds a lock file: the pid, the process's start time where the platform tells it, a token per lock. */
interface Holder {
  pid: number;
  /** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot); null where there is no /proc. */
  start: string | null;
  /** Random per acquisition; null in the old pid-only format. */
  token: string | null;
}

/** Tokens of the locks this process holds: a lock naming our pid but not one of these is not ours. */
const held = new Set<string>();

/** A dead claimer may leave a takeover claim behind; after this many, a person has to look. */
const MAX_CLAIMS = 16;
/** How long to wait for another process that is part-way through taking over a stale lock. */
const CLAIM_WAIT_MS = 10;
const MAX_ATTEMPTS = 300;

/** A process's state and start time from /proc/<pid>/stat (fields 3 and 22), or null where there is none. */
function procStat(pid: number): { state: string; start: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so count fields after the last ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [state, start] = [fields[0], fields[19]];
    return state && start ? { state, start } : null;
  } catch {
    return null;
  }
}

const ownStart = procStat(process.pid)?.start ?? null;

function parseHolder(text: string): Holder | null {
  const trimmed = text.trim();
  // The old format: just the pid.
  if (/^[1-9]\d*$/.test(trimmed)) return { pid: Number(trimmed), start: null, token: null };
  try {
    const value = JSON.parse(trimmed) as Partial<Record<keyof Holder, unknown>> | null;
    if (
      value !== null &&
      typeof value === 'object' &&
      typeof value.pid === 'number' &&
      Number.isInteger(value.pid) &&
      value.pid > 0 &&
      (value.start === null || typeof value.start === 'string') &&
      typeof value.token === 'string' &&
      value.token !== ''
    ) {
      return { pid: value.pid, start: value.start, token: value.token };
    }
  } catch {
    // not JSON: fall through
  }
  return null;
}

/** True unless the holder has certainly gone: its pid is free, or now belongs to another process instance. */
function isLive(holder: Holder): boolean {
  // Our own pid (say after a container restart, where pids repeat): live only if this process holds that lock.
  if (holder.pid === process.pid) return holder.token !== null && held.has(holder.token);
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = procStat(holder.pid);
  if (stat === null) return true; // no /proc (or not allowed to read it): the pid is all we can go on
  // A zombie has exited (and closed its files); it is only waiting for its parent to notice.
  if (stat.state === 'Z') return false;
  // A different start time: the pid has been reused by an unrelated process.
  return holder.start === null || stat.start === holder.start;
}

/** The file's content, or null if it does not exist. Any other failure to read it refuses the lock. */
function readOrNull(path: string, dataDir: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw unreadable(dataDir, path, (error as Error).message);
  }
}

/** Creates `to` as a hard link to the complete file `from`: atomic, and fails if `to` exists. */
function linkExclusive(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function inUse(dataDir: string, pid: number): DomainError {
  return new DomainError(
    'UNAVAILABLE',
    `The embedded database in ${dataDir} is in use by another Harbour process (pid ${pid}). ` +
      'Stop that process first: two processes on one PGlite folder would corrupt it.',
  );
}

function unreadable(dataDir: string, path: string, why: string): DomainError {
  return new DomainError(
    'UNAVAILABLE',
    `The embedded database in ${dataDir} is locked by ${path}, which cannot be read as a Harbour lock (${why}). ` +
      'If no Harbour process is using the folder, delete that file and start again.',
  );
}

type Takeover = 'taken' | 'changed' | 'busy';

/**
 * Replaces the stale lock whose content is `stale` with ours (`temp`), so that of several processes doing this at
 * once exactly one succeeds. Taking over needs a claim on that stale lock, `<lock>.takeover-<digest>.<slot>`,
 * created exclusively; the claimer re-reads the lock and, if it is still the stale one, renames its own complete
 * file onto it (the lock file never goes missing or empty). A stale content never comes back (tokens are random),
 * so a claim made after the takeover finds the lock changed and backs off. A claimer that died part-way leaves
 * its claim; the next process claims the next slot.
 */
function takeOver(lockFile: string, stale: string, temp: string, dataDir: string): Takeover {
  const base = `${lockFile}.takeover-${createHash('sha256').update(stale).digest('hex').slice(0, 16)}`;
  const claims = Array.from({ length: MAX_CLAIMS }, (_, slot) => `${base}.${slot}`);
  for (const claim of claims) {
    if (linkExclusive(temp, claim)) {
      let outcome: Takeover;
      try {
        if (readOrNull(lockFile, dataDir) === stale) {
          renameSync(temp, lockFile);
          outcome = 'taken';
        } else {
          outcome = 'changed';
        }
      } catch (error) {
        rmSync(claim, { force: true });
        throw error;
      }
      // Either way the lock no longer holds `stale`, and never will again: every claim on it is spent.
      for (const spent of claims) rmSync(spent, { force: true });
      return outcome;
    }
    const text = readOrNull(claim, dataDir);
    if (text === null) return 'changed'; // that takeover has just finished: look at the lock again
    const claimer = parseHolder(text);
    if (claimer === null) throw unreadable(dataDir, claim, 'not a Harbour takeover claim');
    if (isLive(claimer)) return 'busy';
  }
  throw new DomainError(
    'UNAVAILABLE',
    `Could not lock the embedded database in ${dataDir}: ${MAX_CLAIMS} attempts to take over its stale lock ` +
      `died part-way. If no Harbour process is using the folder, delete ${lockFile} and ${base}.* and start again.`,
  );
}

/**
 * Takes an exclusive lock on a PGlite data folder: a `<folder>.harbour.lock` file beside it naming this process
 * (pid, start time where known, and a random token), which never exists empty: it is written in full to a
 * temporary file first and then linked or renamed into place. A lock left by a process that has gone (its pid is
 * free, or reused by another process, or is ours while we do not hold it) is taken over; a live holder, or a lock
 * file that cannot be read, makes this throw.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = `${dataDir.replace(/\/+$/, '')}.harbour.lock`;
  const token = randomBytes(16).toString('hex');
  const content = `${JSON.stringify({ pid: process.pid, start: ownStart, token })}\n`;
  const temp = `${lockFile}.${token}.tmp`;
  writeFileSync(temp, content, { flag: 'wx' });
  try {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (linkExclusive(temp, lockFile)) return hold(lockFile, content, token);
      const current = readOrNull(lockFile, dataDir);
      if (current === null) continue; // released a moment ago
      const holder = parseHolder(current);
      if (holder === null)
        throw unreadable(dataDir, lockFile, current.trim() === '' ? 'empty' : 'unknown content');
      if (isLive(holder)) throw inUse(dataDir, holder.pid);
      const outcome = takeOver(lockFile, current, temp, dataDir);
      if (outcome === 'taken') return hold(lockFile, content, token);
      if (outcome === 'busy') sleepSync(CLAIM_WAIT_MS);
    }
  } finally {
    rmSync(temp, { force: true });
  }
  throw new DomainError('UNAVAILABLE', `Could not lock the embedded database in ${dataDir}.`);
}

function hold(lockFile: string, content: string, token: string): DataDirLock {
  held.add(token);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      try {
        // Remove the lock only while it is still ours.
        if (readFileSync(lockFile, 'utf8') === content) rmSync(lockFile, { force: true });
      } catch {
        // already gone
      } finally {
        held.delete(token);
      }
    },
  };
}
