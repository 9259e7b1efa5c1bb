import { BreakGlassRequest } from '@harbour/domain/access/break-glass';
import { DomainError } from '@harbour/domain/errors';
import { Id } from '@harbour/domain/ids';
import { z } from 'zod';
import { breakGlass } from '../services/break-glass.ts';
import { getPersonSummary } from '../services/get-person-summary.ts';
import { issueActivationCode } from '../services/self-check-enrolment.ts';
import { authorised, createRouter } from '../trpc.ts';

export const personRouter = createRouter({
  /** A person's summary (for their keyworker or team, or under break-glass). Audited, allowed or denied. */
  summary: authorised('person:read')
    .input(z.strictObject({ personId: Id }))
    .query(({ ctx, input }) => getPersonSummary(ctx.db, ctx.actor, input.personId, ctx.requestId, ctx.now())),
  /** Emergency access to one record for four hours: a reason, and passphrase and code again (step-up). */
  breakGlass: authorised('person:break_glass')
    .input(
      BreakGlassRequest.extend({
        personId: Id,
        passphrase: z.string().min(1, 'Enter your passphrase').max(256),
        code: z.string().trim().min(1, 'Enter the code from your authenticator app').max(32),
      }),
    )
    .mutation(({ ctx, input }) => {
      if (ctx.session === null) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue');
      return breakGlass(
        ctx.db,
        ctx.actor,
        ctx.session,
        input,
        { requestId: ctx.requestId, address: ctx.clientAddress },
        ctx.now(),
      );
    }),
  /** A single-use self-check activation code, for a person whose identity the caller has checked in person. */
  issueActivationCode: authorised('selfcheck:enrol')
    .input(
      z.strictObject({
        personId: Id,
        identityChecked: z.literal(true, 'Confirm that you have checked their identity'),
      }),
    )
    .mutation(({ ctx, input }) =>
      issueActivationCode(ctx.db, ctx.actor, input.personId, ctx.requestId, ctx.now()),
    ),
});
