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
import { createRouter, publicProcedure, serviceUser, signingIn } from '../trpc.ts';

const Code = singleLine({ min: 1, max: 32, tooShort: 'Enter the code' });

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
});
