import { AlertOutcome } from '@harbour/domain/access/break-glass';
import { Id } from '@harbour/domain/ids';
import { multiLine } from '@harbour/domain/text';
import { z } from 'zod';
import { closeAlert, listAlerts } from '../services/alerts.ts';
import { authorised, createRouter } from '../trpc.ts';

/** The Caldicott guardian's queue of break-glass accesses. */
export const alertsRouter = createRouter({
  list: authorised('alerts:review')
    .input(z.strictObject({ status: z.enum(['open', 'closed']) }))
    .query(({ ctx, input }) => listAlerts(ctx.db, ctx.actor, input.status)),
  close: authorised('alerts:review')
    .input(
      z.strictObject({
        alertId: Id,
        outcome: AlertOutcome,
        note: multiLine({ max: 1000 }),
        version: z.number().int().min(1),
      }),
    )
    .mutation(({ ctx, input }) => closeAlert(ctx.db, ctx.actor, input, ctx.now())),
});
