import { DomainError } from '@harbour/domain/errors';
import { Id } from '@harbour/domain/ids';
import { z } from 'zod';
import {
  listCompetencies,
  RecordCompetencyRequest,
  recordCompetency,
  staffCompetencyHistory,
} from '../services/competencies.ts';
import { authorised, createRouter } from '../trpc.ts';

/**
 * The staff competency register (issue 9), for administrators: everyone's competencies, and recording one
 * (after a step-up, audited as an administrator's action on the account). Staff see their own through
 * `account.competencies`.
 */
export const competenciesRouter = createRouter({
  list: authorised('competencies:manage').query(({ ctx }) => listCompetencies(ctx.db, ctx.actor, ctx.now())),
  /** One member of staff's register and every record made for them, corrected ones included. */
  history: authorised('competencies:manage')
    .input(z.strictObject({ staffId: Id }))
    .query(({ ctx, input }) => staffCompetencyHistory(ctx.db, ctx.actor, input.staffId, ctx.now())),
  record: authorised('competencies:manage')
    .input(RecordCompetencyRequest)
    .mutation(({ ctx, input }) => {
      if (ctx.session === null) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue');
      return recordCompetency(
        ctx.db,
        { actor: ctx.actor, session: ctx.session, requestId: ctx.requestId, now: ctx.now() },
        input,
      );
    }),
});
