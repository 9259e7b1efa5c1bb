import { BreakGlassRequest } from '@harbour/domain/access/break-glass';
import { DomainError } from '@harbour/domain/errors';
import { Id } from '@harbour/domain/ids';
import { EventVersionsQuery, FactVersionsQuery, HistoryQuery } from '@harbour/domain/record/inputs';
import { singleLine } from '@harbour/domain/text';
import { z } from 'zod';
import { breakGlass } from '../services/break-glass.ts';
import { eventVersions, factVersions } from '../services/entry-versions.ts';
import { getPersonSummary } from '../services/get-person-summary.ts';
import { issueActivationCode } from '../services/self-check-enrolment.ts';
import { staffSelfAssessments } from '../services/self-assessment.ts';
import { authorised, createRouter } from '../trpc.ts';

export const personRouter = createRouter({
  /**
   * A person's record (for their keyworker or team, or under break-glass): summary, risk, current facts and a
   * page of the history. Audited, allowed or denied (one row).
   */
  summary: authorised('person:read')
    .input(HistoryQuery.partial({ page: true, pageSize: true, types: true }))
    .query(({ ctx, input }) => {
      const { personId, ...history } = input;
      return getPersonSummary(ctx.db, ctx.actor, personId, ctx.requestId, ctx.now(), history);
    }),
  /** Every version of one event (what it said before each amendment, and why it changed). Audited. */
  eventVersions: authorised('person:read')
    .input(EventVersionsQuery)
    .query(({ ctx, input }) =>
      eventVersions(ctx.db, ctx.actor, { ...input, requestId: ctx.requestId, now: ctx.now() }),
    ),
  /** The person's self-assessments from the self-check portal, newest first, with their results. Audited. */
  selfAssessments: authorised('person:read')
    .input(z.strictObject({ personId: Id }))
    .query(({ ctx, input }) =>
      staffSelfAssessments(ctx.db, ctx.actor, input.personId, { requestId: ctx.requestId, now: ctx.now() }),
    ),
  /** Every version of one current fact. Audited. */
  factVersions: authorised('person:read')
    .input(FactVersionsQuery)
    .query(({ ctx, input }) =>
      factVersions(ctx.db, ctx.actor, { ...input, requestId: ctx.requestId, now: ctx.now() }),
    ),
  /** Emergency access to one record for four hours: a reason, and passphrase and code again (step-up). */
  breakGlass: authorised('person:break_glass')
    .input(
      BreakGlassRequest.extend({
        personId: Id,
        passphrase: singleLine({ min: 1, max: 256, trim: false, tooShort: 'Enter your passphrase' }),
        code: singleLine({ min: 1, max: 32, tooShort: 'Enter the code from your authenticator app' }),
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
