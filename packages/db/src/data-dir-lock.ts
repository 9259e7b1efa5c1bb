import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { DomainError } from '@harbour/domain/errors';

export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes an exclusive lock on a PGlite data folder: a `<folder>.harbour.lock` file beside it holding our pid, created
 * atomically. A lock left by a process that has died is taken over; a live holder makes this throw.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = `${dataDir.replace(/\/+$/, '')}.harbour.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          rmSync(lockFile, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new DomainError(
          'UNAVAILABLE',
          `The embedded database in ${dataDir} is in use by another Harbour process (pid ${holder}). ` +
            'Stop that process first: two processes on one PGlite folder would corrupt it.',
        );
      }
      // A stale lock (its process has gone): remove it and try once more.
      rmSync(lockFile, { force: true });
    }
  }
  throw new DomainError('UNAVAILABLE', `Could not lock the embedded database in ${dataDir}.`);
}
