import { Id } from '@harbour/domain/ids';
import { z } from 'zod';
import { getPersonSummary } from '../services/get-person-summary.ts';
import { authorised, createRouter } from '../trpc.ts';

export const personRouter = createRouter({
  /** A person's summary (for their keyworker or team). Audited, allowed or denied. */
  summary: authorised('person:read')
    .input(z.strictObject({ personId: Id }))
    .query(({ ctx, input }) => getPersonSummary(ctx.db, ctx.actor, input.personId, ctx.requestId)),
});
