import { londonDate } from '@harbour/domain/dates';
import type { DatabaseHandle } from '@harbour/db/client';
import { sweepAllTasks, type TaskSweepOutcome } from '@harbour/db/tasks/sweep';
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { QueueDefinition } from './queue.ts';

/**
 * The daily task run (issue 9): tasks whose risk window has ended are closed as missed ("Risk window ended: not
 * done in time"), overdue ones are escalated, naloxone kits with 28 days or fewer left get their expiry
 * reminder, once per kit (the rules: closuresForDay, escalationsForDay, naloxoneExpiryReminders), and staff
 * competencies expiring or expired open a renewal task for the member of staff (competency/reminders.ts). Shortly after
 * midnight, London time, and when the server starts (catching up); `stately`, so never twice at once. Running it
 * again the same day changes nothing.
 */
export const TASK_SWEEP: QueueDefinition = {
  name: 'task-sweep',
  policy: 'stately',
  expireInSeconds: 30 * 60,
  retryLimit: 5,
};

/** Ten past midnight, London time, every day (after the risk sweep). */
export const TASK_SWEEP_CRON = '10 0 * * *';

export type TaskSweepResult = TaskSweepOutcome & { asOf: string };

/** Registers the task run's worker and schedule on a started pg-boss, and asks for a run now (catching up). */
export async function startTaskSweep(
  boss: PgBoss,
  handle: DatabaseHandle,
  logger: Logger,
  now: () => Date = () => new Date(),
): Promise<void> {
  await boss.work<object, TaskSweepResult>(TASK_SWEEP.name, { pollingIntervalSeconds: 5 }, async () => {
    const at = now();
    const asOf = londonDate(at);
    const result = { asOf, ...(await sweepAllTasks(handle.db, asOf, at)) };
    // Counts only: never a name or anything from the record.
    logger.info(result, 'task sweep done');
    return result;
  });
  await boss.schedule(TASK_SWEEP.name, TASK_SWEEP_CRON, {}, { tz: 'Europe/London', missed: 'once' });
  await boss.send(TASK_SWEEP.name, {});
}
