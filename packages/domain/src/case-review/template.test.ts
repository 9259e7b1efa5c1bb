import { describe, expect, it } from 'vitest';
import { eventDetails } from '../events.ts';
import type { ContributingFactor, MitigationResult } from '../risk/assessment.ts';
import { tasksForEvent } from '../tasks/for-event.ts';
import { event, id } from '../tasks/test-fixtures.ts';
import {
  caseReviewActionCatalogue,
  caseReviewDraft,
  caseReviewEventDetails,
  caseReviewTemplate,
  RecordCaseReviewInput,
} from './template.ts';

const mitigation = (
  code: MitigationResult['code'],
  status: MitigationResult['status'],
): MitigationResult => ({
  code,
  label: code,
  status,
  detail: '',
});

const input = {
  personId: id(2),
  reviewedOn: '2026-03-10',
  tier: 'very_high',
  factors: ['OST_EXIT', 'BENZODIAZEPINE'],
  mitigations: [{ code: 'naloxone', status: 'unmet' }],
  actions: [
    { action: 'supply_naloxone', owner: { kind: 'keyworker' }, dueOn: '2026-03-14', note: null },
    {
      action: 'other',
      owner: { kind: 'staff', staffId: id(40) },
      dueOn: '2026-03-20',
      note: 'Ask the hostel about a kit',
    },
  ],
  signedOffBy: id(41),
} as const;

describe('the case review template', () => {
  it('has the three sections of drd-risk.md and an action for each checklist item it can answer', () => {
    expect(caseReviewTemplate.sections.map((s) => s.id)).toEqual(['factors', 'mitigations', 'actions']);
    const answered = Object.values(caseReviewActionCatalogue).map((a) => a.answers);
    expect(answered).toEqual(
      expect.arrayContaining(['naloxone', 'adequate_ost_dose', 'recent_contact', 'safety_plan']),
    );
  });

  it('drafts the review from today’s assessment, suggesting an action for each unmet item', () => {
    const draft = caseReviewDraft(
      {
        tier: 'very_high',
        factors: [{ code: 'OST_EXIT' } as ContributingFactor],
        mitigations: [
          mitigation('naloxone', 'unmet'),
          mitigation('recent_contact', 'met'),
          mitigation('safety_plan', 'unmet'),
          mitigation('case_review', 'unmet'),
        ],
      },
      '2026-03-10',
    );
    expect(draft.actions).toEqual([
      { action: 'supply_naloxone', owner: { kind: 'keyworker' }, dueOn: '2026-03-17', note: null },
      { action: 'safety_plan', owner: { kind: 'keyworker' }, dueOn: '2026-03-24', note: null },
    ]);
    expect(draft.mitigations).toHaveLength(4);
    expect(draft.factors).toEqual(['OST_EXIT']);
  });

  it('records a review as the case_review event’s details, which the event schema accepts', () => {
    const details = caseReviewEventDetails(RecordCaseReviewInput.parse(input));
    expect(details).toMatchObject({ actionsAgreed: 2, templateVersion: 1, signedOffBy: id(41) });
    expect(eventDetails.case_review.safeParse(details).success).toBe(true);
  });

  it('keeps reviews stored before the template valid, and refuses a count that disagrees with the actions', () => {
    expect(eventDetails.case_review.safeParse({ actionsAgreed: 3 }).success).toBe(true);
    expect(eventDetails.case_review.safeParse({ actionsAgreed: 3, actions: [] }).success).toBe(false);
  });

  it('refuses an action due before the review, and an "other" action with no words', () => {
    const early = { ...input, actions: [{ ...input.actions[0], dueOn: '2026-03-09' }] };
    expect(RecordCaseReviewInput.safeParse(early).error?.issues[0]?.path).toEqual(['actions', 0, 'dueOn']);
    const vague = { ...input, actions: [{ ...input.actions[1], note: null }] };
    expect(RecordCaseReviewInput.safeParse(vague).error?.issues[0]?.path).toEqual(['actions', 0, 'note']);
  });
});

describe('a recorded review opens its actions as tasks', () => {
  it('opens one task per action, for its owner, by its date, with the detail kept off the list', () => {
    const details = caseReviewEventDetails(RecordCaseReviewInput.parse(input));
    const review = event('case_review', '2026-03-10', details, { personId: id(2) });
    const tasks = tasksForEvent(review, { today: '2026-03-10' });
    expect(tasks.map((t) => [t.kind, t.assignee, t.dueOn, t.why, t.note])).toEqual([
      [
        'naloxone_supply',
        { kind: 'keyworker' },
        '2026-03-13',
        'Agreed at the case review on 10 March 2026: Supply naloxone',
        null,
      ],
      [
        'case_review_action',
        { kind: 'staff', staffId: id(40) },
        '2026-03-20',
        'Agreed at the case review on 10 March 2026: Other action',
        'Ask the hostel about a kit',
      ],
    ]);
    expect(tasks.every((t) => t.source.ruleId === 'TSK-CASE-REVIEW-ACTION' && t.windowEndsOn === null)).toBe(
      true,
    );
  });
});
