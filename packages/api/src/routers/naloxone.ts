import { PersonKitsQuery } from '@harbour/domain/naloxone/requests';
import { naloxoneCoverageReport } from '../services/naloxone-coverage.ts';
import { listPersonKits } from '../services/naloxone-kits.ts';
import { authorised, createRouter } from '../trpc.ts';

/**
 * Naloxone through its life (issue 9): a person's kits with their status, and coverage per team. Supplies and
 * reports are recorded as clinical events (`record.recordEvent`); the daily task run opens expiry reminders.
 */
export const naloxoneRouter = createRouter({
  /** A person's kits, newest first, with their status today; for whoever may open the record (audited). */
  kits: authorised('person:read')
    .input(PersonKitsQuery)
    .query(({ ctx, input }) =>
      listPersonKits(ctx.db, ctx.actor, input.personId, { requestId: ctx.requestId, now: ctx.now() }),
    ),
  /**
   * Coverage of the high and very high tiers per team: the caller's teams with the people not covered, and for
   * a service manager every team's counts. One audit row.
   */
  coverage: authorised('coverage:read').query(({ ctx }) =>
    naloxoneCoverageReport(ctx.db, ctx.actor, { requestId: ctx.requestId, now: ctx.now() }),
  ),
});
