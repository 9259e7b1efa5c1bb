import type { DatabaseHandle } from '@harbour/db/client';
import type { Logger } from 'pino';
import { createQueue } from './queue.ts';
import { startBookingReminders } from './reminders.ts';
import type { ReminderSender } from '@harbour/db/booking/reminders';
import { startRiskSweep } from './risk-sweep.ts';
import { startTaskSweep } from './task-sweep.ts';

/** The background jobs of one server process. */
export interface Jobs {
  stop(): Promise<void>;
}

/** How long stopping waits for a running job to finish before leaving it to be retried. */
const STOP_TIMEOUT_MS = 5_000;

/**
 * Starts pg-boss as the application role (the queue is already prepared, `prepareQueue`) and every job Harbour
 * runs: the daily risk sweep, the daily task run, and booking reminders every 5 minutes (through `sender`, the
 * logging sender unless one is given).
 */
export async function startJobs(
  handle: DatabaseHandle,
  logger: Logger,
  sender?: ReminderSender,
): Promise<Jobs> {
  const boss = createQueue(handle);
  // pg-boss reports its own failures (a lost connection, a failed poll) here; they are logged, never thrown.
  boss.on('error', (error: Error) => logger.error({ err: { name: error.name } }, 'job queue error'));
  await boss.start();
  await startRiskSweep(boss, handle, logger);
  await startTaskSweep(boss, handle, logger);
  await startBookingReminders(boss, handle, logger, sender);
  return {
    stop: () =>
      boss.stop({ graceful: true, timeout: STOP_TIMEOUT_MS, close: handle.jobConnection.kind !== 'pglite' }),
  };
}
