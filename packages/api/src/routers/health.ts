import { HealthNeedCode } from '@harbour/domain/health/catalogue';
import { HealthEntryKind } from '@harbour/domain/health/entries';
import { CalendarDate, Id } from '@harbour/domain/ids';
import { singleLine } from '@harbour/domain/text';
import { z } from 'zod';
import { AmendmentReason } from '@harbour/domain/record/inputs';
import { getPersonHealth, recordHealthEntry, strikeOutHealthEntry } from '../services/health-needs.ts';
import { authorised, createRouter } from '../trpc.ts';

/** A person's health needs (docs/health-needs.md) and the outcomes staff record against them. */
export const healthRouter = createRouter({
  /** Every need with its status and due dates, what was recorded, and the bookings to come. */
  forPerson: authorised('person:read')
    .input(z.strictObject({ personId: Id }))
    .query(({ ctx, input }) =>
      getPersonHealth(ctx.db, ctx.actor, input.personId, { requestId: ctx.requestId, now: ctx.now() }),
    ),
  /** Records a result, a vaccine dose, a referral, a check done or a decline (the domain checks it). */
  recordEntry: authorised('record:write')
    .input(
      z.strictObject({
        personId: Id,
        bookingId: Id.nullable().optional(),
        entry: z.strictObject({
          need: HealthNeedCode,
          kind: HealthEntryKind,
          on: CalendarDate,
          result: singleLine({ min: 1, max: 32 }).nullable(),
          note: singleLine({ min: 1, max: 500 }).nullable(),
        }),
      }),
    )
    .mutation(({ ctx, input }) =>
      recordHealthEntry(ctx.db, ctx.actor, input, { requestId: ctx.requestId, now: ctx.now() }),
    ),
  /** Strikes out an entry recorded in error: a new version with the reason; nothing is deleted. */
  strikeOutEntry: authorised('record:write')
    .input(
      z.strictObject({ personId: Id, entryId: Id, expectedVersion: z.int().min(1), reason: AmendmentReason }),
    )
    .mutation(({ ctx, input }) =>
      strikeOutHealthEntry(ctx.db, ctx.actor, input, { requestId: ctx.requestId, now: ctx.now() }),
    ),
});
