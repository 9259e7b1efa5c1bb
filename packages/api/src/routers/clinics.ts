import { SessionSetup } from '@harbour/domain/booking/setup';
import { Id } from '@harbour/domain/ids';
import { singleLine } from '@harbour/domain/text';
import { z } from 'zod';
import { createClinic, createSession, listClinics, recordAttendance } from '../services/clinics.ts';
import { authorised, createRouter } from '../trpc.ts';

/**
 * Health-check clinics (issue 11, docs/booking.md): nurses and team leads set up clinics and sessions and see
 * the clinic list with who is booked; whoever may write to a person's record records whether they came.
 */
export const clinicsRouter = createRouter({
  /** The clinics, and each session from today on with its slots and bookings. */
  list: authorised('clinics:manage').query(({ ctx }) =>
    listClinics(ctx.db, ctx.actor, { requestId: ctx.requestId, now: ctx.now() }),
  ),
  /** A new clinic: a name and where it is. */
  createClinic: authorised('clinics:manage')
    .input(
      z.strictObject({
        name: singleLine({ min: 1, max: 120, tooShort: 'Enter the clinic’s name' }),
        place: singleLine({ min: 1, max: 200, tooShort: 'Enter where it is' }),
      }),
    )
    .mutation(({ ctx, input }) =>
      createClinic(ctx.db, ctx.actor, input, { requestId: ctx.requestId, now: ctx.now() }),
    ),
  /** A session of a clinic, with its slots cut from its times. */
  createSession: authorised('clinics:manage')
    .input(SessionSetup)
    .mutation(({ ctx, input }) =>
      createSession(ctx.db, ctx.actor, input, { requestId: ctx.requestId, now: ctx.now() }),
    ),
  /** After the slot: the person came, or missed it (an outreach task for their keyworker, never a removal). */
  recordAttendance: authorised('record:write')
    .input(
      z.strictObject({
        personId: Id,
        bookingId: Id,
        expectedVersion: z.int().min(1),
        outcome: z.enum(['attended', 'missed']),
      }),
    )
    .mutation(({ ctx, input }) =>
      recordAttendance(ctx.db, ctx.actor, input, { requestId: ctx.requestId, now: ctx.now() }),
    ),
});
