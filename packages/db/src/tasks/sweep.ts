import type { CalendarDate } from '@harbour/domain/ids';
import type { Database } from '../client.ts';
import { organisationIds } from '../risk/sweep.ts';
import { withTenant } from '../tenant.ts';
import { openExpiryReminders } from './naloxone-reminders.ts';
import { escalateCompetencyRenewals, syncCompetencyRenewals } from './competency-renewals.ts';
import { sweepTasks } from './store.ts';

export interface TaskSweepOutcome {
  organisations: number;
  /** Tasks closed as missed: their risk window ended before they were done. */
  missed: number;
  /** Overdue tasks escalated to the team lead (or the service manager). */
  escalated: number;
  /** Naloxone expiry reminders opened: kits with 28 days or fewer left (never twice for one kit). */
  reminders: number;
  /** Competency renewal tasks opened (expiring or expired) and closed (renewed). */
  renewalsOpened: number;
  renewalsClosed: number;
  /** Renewal tasks escalated: the competency expired before it was renewed. */
  renewalsEscalated: number;
}

/**
 * The daily task run, for every organisation in its own tenant transaction: `closuresForDay` (missed when a
 * window has ended), `escalationsForDay`, then `naloxoneExpiryReminders` (naloxone-reminders.ts), and competency
 * reminders as renewal tasks (`syncCompetencyRenewals`), escalating those not done by the expiry
 * (`escalateCompetencyRenewals`). Idempotent: a closed task is never closed again, an
 * escalated one never escalated again, a missed closure is dated the day after its window whenever the run
 * happens, and a kit is never reminded of twice.
 */
export async function sweepAllTasks(db: Database, today: CalendarDate, now: Date): Promise<TaskSweepOutcome> {
  const total: TaskSweepOutcome = {
    organisations: 0,
    missed: 0,
    escalated: 0,
    reminders: 0,
    renewalsOpened: 0,
    renewalsClosed: 0,
    renewalsEscalated: 0,
  };
  for (const organisationId of await organisationIds(db)) {
    const outcome = await withTenant(db, { organisationId, actorId: null }, async (tx) => ({
      ...(await sweepTasks(tx, organisationId, today, now)),
      reminders: await openExpiryReminders(tx, organisationId, today),
      renewals: await syncCompetencyRenewals(tx, organisationId, today, now),
      renewalsEscalated: await escalateCompetencyRenewals(tx, organisationId, today, now),
    }));
    total.organisations++;
    total.missed += outcome.missed;
    total.escalated += outcome.escalated;
    total.reminders += outcome.reminders;
    total.renewalsOpened += outcome.renewals.opened;
    total.renewalsClosed += outcome.renewals.closed;
    total.renewalsEscalated += outcome.renewalsEscalated;
  }
  return total;
}
