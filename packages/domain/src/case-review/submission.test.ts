import { describe, expect, it } from 'vitest';
import { caseReviewInputFor, monthlyPeriods } from './submission.ts';

const id = (n: number) => `0190a000-0000-7000-8000-00000000000${n}`;

describe('a review submission', () => {
  const submission = {
    personId: id(1),
    idempotencyKey: id(2),
    reviewedOn: '2026-04-14',
    tier: 'very_high' as const,
    factors: ['OST_EXIT' as const],
    mitigations: [{ code: 'naloxone' as const, status: 'unmet' as const }],
    actions: [
      {
        action: 'supply_naloxone' as const,
        owner: { kind: 'keyworker' as const },
        dueOn: '2026-04-21',
        note: null,
      },
    ],
  };

  it('is signed off by whoever sends it', () => {
    const parsed = caseReviewInputFor(submission, id(3));
    expect(parsed.success && parsed.data.signedOffBy).toBe(id(3));
  });

  it('refuses an action due before the review', () => {
    const early = submission.actions.map((a) => ({ ...a, dueOn: '2026-04-13' }));
    const parsed = caseReviewInputFor({ ...submission, actions: early }, id(3));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['actions', 0, 'dueOn']);
  });
});

describe('monthly periods', () => {
  it('gives the last months oldest first, the current one ending today, across a year end', () => {
    expect(monthlyPeriods('2026-02-10', 3)).toEqual([
      { from: '2025-12-01', to: '2025-12-31' },
      { from: '2026-01-01', to: '2026-01-31' },
      { from: '2026-02-01', to: '2026-02-10' },
    ]);
  });
});
