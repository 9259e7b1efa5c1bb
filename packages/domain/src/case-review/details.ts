import { z } from 'zod';
import { CalendarDate, Id } from '../ids.ts';
import { mitigationCodes, mitigationStatuses } from '../risk/assessment.ts';
import { RiskFactorCode, RiskTier } from '../risk/codes.ts';
import { Assignee } from '../tasks/assignee.ts';
import { multiLine } from '../text.ts';

/**
 * What a recorded case review holds (drd-risk.md "Case review": the factors, the mitigation checklist, agreed
 * actions with owners and due dates), as the `case_review` event's details. Every field but `actionsAgreed` is
 * optional, so reviews stored before the template existed stay valid.
 */

/** The actions a review can agree, each answering an item of the checklist; `other` needs a note. */
export const caseReviewActionCodes = [
  'supply_naloxone',
  'review_dose',
  'sedative_review_with_gp',
  'increase_contact',
  'safety_plan',
  'health_check',
  'other',
] as const;
export const CaseReviewActionCode = z.enum(caseReviewActionCodes);
export type CaseReviewActionCode = z.infer<typeof CaseReviewActionCode>;

export const CaseReviewAction = z
  .strictObject({
    action: CaseReviewActionCode,
    owner: Assignee,
    dueOn: CalendarDate,
    /** The detail agreed: shown inside the person's record, never on task lists. */
    note: multiLine({ max: 500 }).nullable(),
  })
  .refine((a) => a.action !== 'other' || (a.note !== null && a.note !== ''), {
    message: 'Say what the action is',
    path: ['note'],
  });
export type CaseReviewAction = z.infer<typeof CaseReviewAction>;

export const ReviewedMitigation = z.strictObject({
  code: z.enum(mitigationCodes),
  status: z.enum(mitigationStatuses),
});
export type ReviewedMitigation = z.infer<typeof ReviewedMitigation>;

export const CaseReviewDetails = z
  .strictObject({
    actionsAgreed: z.int().min(0).max(50),
    /** The tier the person was in when reviewed. */
    tier: RiskTier.optional(),
    /** The factors scoring on the day, as reviewed. */
    factors: z.array(RiskFactorCode).max(30).optional(),
    mitigations: z.array(ReviewedMitigation).max(mitigationCodes.length).optional(),
    actions: z.array(CaseReviewAction).max(50).optional(),
    /** The member of staff who signed the review off (competency-checked by the service). */
    signedOffBy: Id.optional(),
    /** The version of the review template used (template.ts). */
    templateVersion: z.int().positive().optional(),
  })
  .refine((d) => d.actions === undefined || d.actions.length === d.actionsAgreed, {
    message: 'actionsAgreed must be the number of actions',
    path: ['actionsAgreed'],
  });
export type CaseReviewDetails = z.infer<typeof CaseReviewDetails>;
