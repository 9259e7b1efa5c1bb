import { londonDate } from '@harbour/domain/dates';
import type { DatabaseHandle } from '@harbour/db/client';
import { sweepDueScores } from '@harbour/db/risk/sweep';
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { QueueDefinition } from './queue.ts';

/**
 * The daily risk sweep (issue 8): windows close by themselves, so each person's score is current at the start of
 * every Europe/London day. Shortly after midnight it re-scores the people whose assessment changes that day
 * (each stored score says when: `risk_next_change_on`), and no one else. It also runs when the server starts,
 * catching up after a night the server was down, and pg-boss's `missed: 'once'` does the same for a schedule it
 * slept through. The queue is `stately`, so it never runs twice at once; a run stopped half way (a restart) has
 * committed whole batches, and the next run picks up who is still due.
 */
export const RISK_SWEEP: QueueDefinition = {
  name: 'risk-sweep',
  policy: 'stately',
  // A 100,000-person organisation re-scores in well under a minute (docs/performance.md); half an hour is a hang.
  expireInSeconds: 30 * 60,
  retryLimit: 5,
};

/** Five past midnight, London time, every day. */
export const RISK_SWEEP_CRON = '5 0 * * *';

export interface SweepResult {
  asOf: string;
  organisations: number;
  rescored: number;
  changed: number;
  failed: number;
}

/** Registers the sweep's worker and schedule on a started pg-boss, and asks for a run now (catching up). */
export async function startRiskSweep(
  boss: PgBoss,
  handle: DatabaseHandle,
  logger: Logger,
  now: () => Date = () => new Date(),
): Promise<void> {
  await boss.work<object, SweepResult>(RISK_SWEEP.name, { pollingIntervalSeconds: 5 }, async () => {
    const asOf = londonDate(now());
    const outcome = await sweepDueScores(handle.db, asOf);
    const result = {
      asOf,
      organisations: outcome.organisations,
      rescored: outcome.rescored,
      changed: outcome.changed,
      failed: outcome.failed.length,
    };
    // Person ids only: never a name or anything from the record.
    if (outcome.failed.length > 0)
      logger.error(
        { ...result, people: outcome.failed.slice(0, 20).map((f) => f.personId) },
        'risk sweep: some people could not be scored (they stay due and are retried next run)',
      );
    else logger.info(result, 'risk sweep done');
    return result;
  });
  await boss.schedule(RISK_SWEEP.name, RISK_SWEEP_CRON, {}, { tz: 'Europe/London', missed: 'once' });
  await boss.send(RISK_SWEEP.name, {});
}
