import { singleLine } from '@harbour/domain/text';
import { z } from 'zod';
import {
  beginStaffEnrolment,
  completeStaffEnrolment,
  signInStaff,
  signOut,
  verifyStaffSecondFactor,
} from '../services/staff-auth.ts';
import { anySession, createRouter, publicProcedure, signingIn } from '../trpc.ts';

const Code = singleLine({ min: 1, max: 32, tooShort: 'Enter the code' });

/** Staff sign-in (issue 4 §1): passphrase, then the authenticator (set up at first sign-in), then signed in. */
export const authRouter = createRouter({
  /** Public: the first step of signing in. Throttled; one answer for every kind of refusal. */
  signIn: publicProcedure
    .input(
      z.strictObject({
        email: singleLine({ min: 1, max: 254, tooShort: 'Enter your email address' }),
        passphrase: singleLine({ min: 1, max: 256, trim: false, tooShort: 'Enter your passphrase' }),
      }),
    )
    .mutation(({ ctx, input }) => signInStaff(ctx.db, input, ctx.clientAddress, ctx.now())),
  verifySecondFactor: signingIn('second_factor')
    .input(z.strictObject({ code: Code }))
    .mutation(({ ctx, input }) =>
      verifyStaffSecondFactor(ctx.db, ctx.session, input.code, ctx.clientAddress, ctx.now()),
    ),
  beginEnrolment: signingIn('enrol_second_factor').mutation(({ ctx }) =>
    beginStaffEnrolment(ctx.db, ctx.session, ctx.now()),
  ),
  completeEnrolment: signingIn('enrol_second_factor')
    .input(z.strictObject({ code: Code }))
    .mutation(({ ctx, input }) => completeStaffEnrolment(ctx.db, ctx.session, input.code, ctx.now())),
  /** Ends the caller's session, whatever its stage (staff or service user). */
  signOut: anySession.mutation(async ({ ctx }) => {
    await signOut(ctx.db, ctx.session, ctx.now());
    return { ok: true as const };
  }),
});
