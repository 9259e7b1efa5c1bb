import type { DatabaseHandle } from '@harbour/db/client';
import type { Logger } from 'pino';

export interface Readiness {
  /** True while the last database check succeeded. */
  readonly ready: boolean;
  /** Checks now (also runs every `intervalMs`). */
  check(): Promise<boolean>;
  stop(): void;
}

/**
 * Watches the database. While it is unreachable, API requests are answered 503 at once instead of waiting on
 * connection attempts; when it answers again, service resumes with no restart (the pool reconnects).
 */
export function watchDatabase(
  database: DatabaseHandle,
  logger: Logger,
  intervalMs = 1000,
  timeoutMs = 1500,
): Readiness {
  let ready = true;
  let running: Promise<boolean> | null = null;

  const check = (): Promise<boolean> => {
    running ??= (async () => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          database.ping(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('database ping timed out')), timeoutMs);
          }),
        ]);
        if (!ready) logger.info('database reachable again; serving requests');
        ready = true;
      } catch {
        if (ready) logger.error('database unreachable; answering 503 until it returns');
        ready = false;
      } finally {
        clearTimeout(timer);
        running = null;
      }
      return ready;
    })();
    return running;
  };

  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  return {
    get ready() {
      return ready;
    },
    check,
    stop: () => clearInterval(timer),
  };
}
