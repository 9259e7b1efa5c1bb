import { z } from 'zod';
import { englandAndWales, type WorkingCalendar } from '../calendar/working-days.ts';
import { CalendarDate, Id } from '../ids.ts';
import type { MitigationCode, RiskAssessment } from '../risk/assessment.ts';
import { RiskFactorCode, RiskTier } from '../risk/codes.ts';
import { assigneeFor, type RoleAssignee } from '../tasks/assignee.ts';
import { calendarDays, dueDate } from '../tasks/due.ts';
import type { TaskKind } from '../tasks/kinds.ts';
import {
  CaseReviewAction,
  type CaseReviewActionCode,
  caseReviewActionCodes,
  type CaseReviewDetails,
  ReviewedMitigation,
} from './details.ts';

/**
 * The structured case review (drd-risk.md "Case review", after STORM): the factors, the mitigation checklist,
 * and agreed actions with owners and due dates. The template is data, versioned, so the staff portal draws the
 * form from it and a stored review says which version it followed.
 */
export const CASE_REVIEW_TEMPLATE_VERSION = 1;

interface ActionEntry {
  label: string;
  /** The task the action opens: a kind with its own closing events where one fits (a naloxone supply). */
  kind: TaskKind;
  owner: RoleAssignee;
  /** The suggested due date, in days from the review (brought forward to a working day). */
  dueInDays: number;
  /** The checklist item the action answers, to suggest it when that item is unmet. */
  answers: MitigationCode | null;
}

export const caseReviewActionCatalogue: Readonly<Record<CaseReviewActionCode, ActionEntry>> = {
  supply_naloxone: {
    label: 'Supply naloxone',
    kind: 'naloxone_supply',
    owner: 'keyworker',
    dueInDays: 7,
    answers: 'naloxone',
  },
  review_dose: {
    label: 'Review the OST dose',
    kind: 'dose_review',
    owner: 'prescriber',
    dueInDays: 7,
    answers: 'adequate_ost_dose',
  },
  sedative_review_with_gp: {
    label: 'Review sedative co-prescription with the GP',
    kind: 'case_review_action',
    owner: 'prescriber',
    dueInDays: 14,
    answers: 'sedative_review',
  },
  increase_contact: {
    label: 'Increase contact',
    kind: 'case_review_action',
    owner: 'keyworker',
    dueInDays: 7,
    answers: 'recent_contact',
  },
  safety_plan: {
    label: 'Complete the safety plan',
    kind: 'case_review_action',
    owner: 'keyworker',
    dueInDays: 14,
    answers: 'safety_plan',
  },
  health_check: {
    label: 'Book the BBV test and health check',
    kind: 'case_review_action',
    owner: 'keyworker',
    dueInDays: 28,
    answers: 'bbv_and_health_check',
  },
  other: {
    label: 'Other action',
    kind: 'case_review_action',
    owner: 'keyworker',
    dueInDays: 14,
    answers: null,
  },
};

/** The form, section by section, with the guidance shown beside each. */
export const caseReviewTemplate = {
  version: CASE_REVIEW_TEMPLATE_VERSION,
  sections: [
    {
      id: 'factors',
      title: 'Risk factors',
      guidance:
        'Go through each factor scoring today: what in the record put it there, its window, and whether it is ' +
        'still true. The score is a ranking, never a chance of dying.',
    },
    {
      id: 'mitigations',
      title: 'Mitigation checklist',
      guidance: 'For each item: met, not met or not applicable, as the checklist shows it today.',
    },
    {
      id: 'actions',
      title: 'Agreed actions',
      guidance: 'Agree an action for each unmet item, each with an owner and a date.',
    },
  ],
  actions: caseReviewActionCodes,
} as const;

/** What the team records. The signer's competency is checked by the service (competency/sign-off.ts). */
export const RecordCaseReviewInput = z
  .strictObject({
    personId: Id,
    reviewedOn: CalendarDate,
    tier: RiskTier,
    factors: z.array(RiskFactorCode).max(30),
    mitigations: z.array(ReviewedMitigation).max(7),
    actions: z.array(CaseReviewAction).max(50),
    signedOffBy: Id,
  })
  .superRefine((input, ctx) => {
    input.actions.forEach((action, i) => {
      if (action.dueOn < input.reviewedOn)
        ctx.addIssue({
          code: 'custom',
          path: ['actions', i, 'dueOn'],
          message: 'An action cannot be due before the review',
        });
    });
  });
export type RecordCaseReviewInput = z.infer<typeof RecordCaseReviewInput>;

/** The `case_review` event's details for a recorded review. */
export function caseReviewEventDetails(input: RecordCaseReviewInput): CaseReviewDetails {
  return {
    actionsAgreed: input.actions.length,
    tier: input.tier,
    factors: input.factors,
    mitigations: input.mitigations,
    actions: input.actions,
    signedOffBy: input.signedOffBy,
    templateVersion: CASE_REVIEW_TEMPLATE_VERSION,
  };
}

export interface CaseReviewDraft {
  tier: RiskTier;
  factors: RiskFactorCode[];
  mitigations: ReviewedMitigation[];
  /** One suggested action per unmet checklist item that has one, with its default owner and date. */
  actions: CaseReviewAction[];
}

/** The form filled in from today's assessment, for the team to change. */
export function caseReviewDraft(
  assessment: Pick<RiskAssessment, 'tier' | 'mitigations'> & { factors: readonly { code: RiskFactorCode }[] },
  reviewOn: CalendarDate,
  calendar: WorkingCalendar = englandAndWales,
): CaseReviewDraft {
  const actions: CaseReviewAction[] = [];
  for (const m of assessment.mitigations) {
    if (m.status !== 'unmet') continue;
    const code = caseReviewActionCodes.find((c) => caseReviewActionCatalogue[c].answers === m.code);
    if (code === undefined) continue;
    const entry = caseReviewActionCatalogue[code];
    actions.push({
      action: code,
      owner: assigneeFor(entry.owner),
      dueOn: dueDate(reviewOn, calendarDays(entry.dueInDays), calendar).dueOn,
      note: null,
    });
  }
  return {
    tier: assessment.tier,
    factors: assessment.factors.map((f) => f.code),
    mitigations: assessment.mitigations.map((m) => ({ code: m.code, status: m.status })),
    actions,
  };
}
