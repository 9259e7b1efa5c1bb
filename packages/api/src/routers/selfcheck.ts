import { ContactRequestForm } from '@harbour/domain/access/self-check-forms';
import { singleLine } from '@harbour/domain/text';
import { z } from 'zod';
import {
  activate,
  beginSelfEnrolment,
  completeSelfEnrolment,
  selfSummary,
  signInServiceUser,
  verifySelfSecondFactor,
} from '../services/self-check-auth.ts';
import { whoLooked } from '../services/who-looked.ts';
import { getMyPlan } from '../services/my-plan.ts';
import { requestContact } from '../services/contact-request.ts';
import { getDraft, getSubmitted, saveDraft, submitAssessment } from '../services/self-assessment.ts';
import { Id } from '@harbour/domain/ids';
import { HealthNeedCode } from '@harbour/domain/health/catalogue';
import {
  bookCheck,
  cancelCheck,
  myBooking,
  myHealthChecks,
  rescheduleCheck,
  slotsForCheck,
} from '../services/self-bookings.ts';
import { InstrumentId } from '@harbour/domain/instruments/definition';
import { createRouter, publicProcedure, serviceUser, signingIn } from '../trpc.ts';

const Code = singleLine({ min: 1, max: 32, tooShort: 'Enter the code' });

/** A page of answers keyed by question id: a score, an option's code, a whole number, yes/no or "not answered". */
const PageAnswers = z
  .record(
    singleLine({ min: 1, max: 64 }),
    z.union([z.int().min(0).max(1000), singleLine({ min: 1, max: 64 }), z.boolean(), z.null()]),
  )
  .refine((answers) => Object.keys(answers).length <= 60, 'Too many answers');
const Subject = singleLine({ min: 1, max: 64 });

/** The self-check portal: service users' sign-in and their own record. */
export const selfcheckRouter = createRouter({
  /** Public: an activation code from their service starts an account. Throttled. */
  activate: publicProcedure
    .input(
      z.strictObject({
        code: singleLine({ min: 1, max: 32, tooShort: 'Enter your activation code' }),
        username: singleLine({ min: 1, max: 64, tooShort: 'Choose a username' }),
        passphrase: singleLine({ min: 1, max: 256, trim: false, tooShort: 'Choose a passphrase' }),
      }),
    )
    .mutation(({ ctx, input }) => activate(ctx.db, input, ctx.clientAddress, ctx.now())),
  /** Public: the first step of signing in. */
  signIn: publicProcedure
    .input(
      z.strictObject({
        username: singleLine({ min: 1, max: 64, tooShort: 'Enter your username' }),
        passphrase: singleLine({ min: 1, max: 256, trim: false, tooShort: 'Enter your passphrase' }),
      }),
    )
    .mutation(({ ctx, input }) => signInServiceUser(ctx.db, input, ctx.clientAddress, ctx.now())),
  beginEnrolment: signingIn('enrol_second_factor').mutation(({ ctx }) =>
    beginSelfEnrolment(ctx.db, ctx.session),
  ),
  completeEnrolment: signingIn('enrol_second_factor')
    .input(
      z.discriminatedUnion('method', [
        z.strictObject({ method: z.literal('authenticator'), code: Code }),
        z.strictObject({ method: z.literal('printed_codes') }),
      ]),
    )
    .mutation(({ ctx, input }) => completeSelfEnrolment(ctx.db, ctx.session, input, ctx.now())),
  verifySecondFactor: signingIn('second_factor')
    .input(z.strictObject({ code: Code }))
    .mutation(({ ctx, input }) =>
      verifySelfSecondFactor(ctx.db, ctx.session, input.code, ctx.clientAddress, ctx.now()),
    ),
  me: serviceUser().query(({ ctx }) => selfSummary(ctx.db, ctx.serviceUser, ctx.requestId)),
  whoLooked: serviceUser().query(({ ctx }) => whoLooked(ctx.db, ctx.serviceUser, ctx.requestId)),
  /** "My plan": the person's own current medicine plan in plain English (only theirs: no input names anyone). */
  myPlan: serviceUser().query(({ ctx }) =>
    getMyPlan(ctx.db, ctx.serviceUser, { requestId: ctx.requestId, now: ctx.now() }),
  ),
  /** The person's draft of an instrument (answers saved so far), or null. */
  assessmentDraft: serviceUser()
    .input(z.strictObject({ instrumentId: InstrumentId }))
    .query(({ ctx, input }) => getDraft(ctx.db, ctx.serviceUser, input.instrumentId, ctx.requestId)),
  /** Saves a page of answers into the person's draft (optimistic concurrency on `expectedVersion`). */
  saveDraft: serviceUser()
    .input(
      z.strictObject({
        instrumentId: InstrumentId,
        answers: PageAnswers,
        context: z.strictObject({ subject: Subject.optional() }).optional(),
        expectedVersion: z.int().min(1).nullable(),
      }),
    )
    .mutation(({ ctx, input }) =>
      saveDraft(ctx.db, ctx.serviceUser, input, { requestId: ctx.requestId, now: ctx.now() }),
    ),
  /** Submits the draft: scored, stored for good, facts into the risk model, same-day task if urgent. */
  submitAssessment: serviceUser()
    .input(z.strictObject({ instrumentId: InstrumentId, expectedVersion: z.int().min(1) }))
    .mutation(({ ctx, input }) =>
      submitAssessment(ctx.db, ctx.serviceUser, input, { requestId: ctx.requestId, now: ctx.now() }),
    ),
  /** One of the person's own submitted self-assessments, with its result. */
  assessment: serviceUser()
    .input(z.strictObject({ id: Id }))
    .query(({ ctx, input }) => getSubmitted(ctx.db, ctx.serviceUser, input.id, ctx.requestId)),
  /** "Checks due": the person's health checks that are due, booked or declined, and their bookings to come. */
  healthChecks: serviceUser().query(({ ctx }) =>
    myHealthChecks(ctx.db, ctx.serviceUser, { requestId: ctx.requestId, now: ctx.now() }),
  ),
  /** The times the person may book for a check (or move one of their bookings to). */
  slotsForCheck: serviceUser()
    .input(z.strictObject({ need: HealthNeedCode, replacingBookingId: Id.optional() }))
    .query(({ ctx, input }) =>
      slotsForCheck(ctx.db, ctx.serviceUser, input, { requestId: ctx.requestId, now: ctx.now() }),
    ),
  /** Books a time for a check that is due (never two people in one place). */
  bookCheck: serviceUser()
    .input(z.strictObject({ slotId: Id, need: HealthNeedCode }))
    .mutation(({ ctx, input }) =>
      bookCheck(ctx.db, ctx.serviceUser, input, { requestId: ctx.requestId, now: ctx.now() }),
    ),
  /** Moves one of the person's bookings to another time. */
  rescheduleCheck: serviceUser()
    .input(z.strictObject({ bookingId: Id, expectedVersion: z.int().min(1), slotId: Id }))
    .mutation(({ ctx, input }) =>
      rescheduleCheck(ctx.db, ctx.serviceUser, input, { requestId: ctx.requestId, now: ctx.now() }),
    ),
  /** Cancels one of the person's bookings (until 2 hours before). */
  cancelCheck: serviceUser()
    .input(z.strictObject({ bookingId: Id, expectedVersion: z.int().min(1) }))
    .mutation(({ ctx, input }) =>
      cancelCheck(ctx.db, ctx.serviceUser, input, { requestId: ctx.requestId, now: ctx.now() }),
    ),
  /** One of the person's own bookings (its page and its calendar file). */
  booking: serviceUser()
    .input(z.strictObject({ bookingId: Id }))
    .query(({ ctx, input }) =>
      myBooking(ctx.db, ctx.serviceUser, input.bookingId, { requestId: ctx.requestId, now: ctx.now() }),
    ),
  /**
   * Public: "ask someone to contact me" from the anonymous overdose-risk check, which has no account by design.
   * Stores only the name or alias, the phone number and the consent; rate limited per address (a digest).
   */
  requestContact: publicProcedure
    .input(ContactRequestForm.extend({ service: singleLine({ min: 1, max: 16 }), urgent: z.boolean() }))
    .mutation(({ ctx, input }) => requestContact(ctx.db, input, ctx.clientAddress, ctx.now())),
});
