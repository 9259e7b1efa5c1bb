import { CaseReviewSubmission } from '@harbour/domain/case-review/submission';
import { Id } from '@harbour/domain/ids';
import { z } from 'zod';
import { listReviewQueue, recordCaseReview, reviewDraft } from '../services/case-reviews.ts';
import { authorised, createRouter } from '../trpc.ts';

/**
 * STORM-style case review (issue 9): a team's queue and completion rate, one person's review form, and
 * recording a review (written as the `case_review` event by the record service, signed off by the caller, who
 * must hold an in-date risk assessment competency).
 */
export const reviewsRouter = createRouter({
  /** A team's people due a case review, oldest first, and its completion rate over the last 6 months. */
  queue: authorised('caseload:read')
    .input(z.strictObject({ teamId: Id }))
    .query(({ ctx, input }) =>
      listReviewQueue(ctx.db, ctx.actor, input.teamId, { requestId: ctx.requestId, now: ctx.now() }),
    ),
  /** The review form for one person, filled from today's assessment, and whether the caller may sign it off. */
  draft: authorised('person:read')
    .input(z.strictObject({ personId: Id }))
    .query(({ ctx, input }) =>
      reviewDraft(ctx.db, ctx.actor, input.personId, { requestId: ctx.requestId, now: ctx.now() }),
    ),
  /** Records a review signed off by the caller; its actions open as tasks. */
  record: authorised('record:write')
    .input(CaseReviewSubmission)
    .mutation(({ ctx, input }) =>
      recordCaseReview(ctx.db, ctx.actor, input, { requestId: ctx.requestId, now: ctx.now() }),
    ),
});
