import type { Actor } from '@harbour/domain/access/policy';
import { maySignOffCaseReview } from '@harbour/domain/competency/sign-off';
import { londonDate } from '@harbour/domain/dates';
import type { Issue } from '@harbour/domain/errors';
import type { EventPayload } from '@harbour/domain/events';
import type { Transaction } from '@harbour/db/client';
import { currentCompetencies } from '@harbour/db/tasks/competency-renewals';

/** Why the audit row says a sign-off was refused (identifiers and rule only: no names). */
export const SIGN_OFF_REFUSED_AUDIT = 'case review sign-off refused: no in-date risk assessment competency';

export type SignOff =
  | { kind: 'ok'; event: EventPayload }
  | { kind: 'invalid'; issues: Issue[] }
  | { kind: 'refused'; message: string };

/**
 * The sign-off rule for a `case_review` entry (issue 9: "only staff with an in-date risk-assessment competency
 * can sign off a case review"), checked by the service that writes the entry, in its transaction, whatever page
 * or client sent it: the member of staff writing it signs it off, so they must hold the competency today
 * (`maySignOffCaseReview`), and a review cannot name someone else as its signer. Other entries pass unchanged.
 */
export async function checkCaseReviewSignOff(
  tx: Transaction,
  actor: Actor,
  event: EventPayload,
  now: Date,
): Promise<SignOff> {
  if (event.type !== 'case_review') return { kind: 'ok', event };
  const named = event.details.signedOffBy;
  if (named !== undefined && named !== actor.staffId)
    return {
      kind: 'invalid',
      issues: [
        {
          path: ['event', 'details', 'signedOffBy'],
          message: 'You can only sign off a case review yourself: the person who signs it off records it',
        },
      ],
    };
  const records = await currentCompetencies(tx, actor.organisationId, actor.staffId);
  const decision = maySignOffCaseReview(records, londonDate(now));
  if (!decision.allowed) return { kind: 'refused', message: decision.reason };
  return {
    kind: 'ok',
    event: { type: 'case_review', details: { ...event.details, signedOffBy: actor.staffId } },
  };
}
