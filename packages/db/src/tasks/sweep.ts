import type { CalendarDate } from '@harbour/domain/ids';
import type { Database } from '../client.ts';
import { organisationIds } from '../risk/sweep.ts';
import { withTenant } from '../tenant.ts';
import { syncCompetencyRenewals } from './competency-renewals.ts';
import { sweepTasks } from './store.ts';

export interface TaskSweepOutcome {
  organisations: number;
  /** Tasks closed as missed: their risk window ended before they were done. */
  missed: number;
  /** Overdue tasks escalated to the team lead (or the service manager). */
  escalated: number;
  /** Competency renewal tasks opened (expiring or expired) and closed (renewed). */
  renewalsOpened: number;
  renewalsClosed: number;
}

/**
 * The daily task run, for every organisation in its own tenant transaction: `closuresForDay` (missed when a
 * window has ended), `escalationsForDay`, and competency reminders as renewal tasks (`syncCompetencyRenewals`). Idempotent: a closed task is never closed again, an escalated one
 * never escalated again, and a missed closure is dated the day after its window whenever the run happens.
 */
export async function sweepAllTasks(db: Database, today: CalendarDate, now: Date): Promise<TaskSweepOutcome> {
  const total: TaskSweepOutcome = {
    organisations: 0,
    missed: 0,
    escalated: 0,
    renewalsOpened: 0,
    renewalsClosed: 0,
  };
  for (const organisationId of await organisationIds(db)) {
    const outcome = await withTenant(db, { organisationId, actorId: null }, async (tx) => ({
      ...(await sweepTasks(tx, organisationId, today, now)),
      renewals: await syncCompetencyRenewals(tx, organisationId, today, now),
    }));
    total.organisations++;
    total.missed += outcome.missed;
    total.escalated += outcome.escalated;
    total.renewalsOpened += outcome.renewals.opened;
    total.renewalsClosed += outcome.renewals.closed;
  }
  return total;
}
