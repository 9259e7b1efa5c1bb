import { describe, expect, it } from 'vitest';
import { id } from '../tasks/test-fixtures.ts';
import { type CaseReviewCandidate, caseReviewObligations, spellsIn } from './obligations.ts';
import { CaseReviewSettings, defaultCaseReviewSettings } from './settings.ts';

// Dean: high from 1 February 2026, very high from 1 March.
const dean = (
  reviews: string[] = [],
  more: CaseReviewCandidate['tierHistory'] = [],
): CaseReviewCandidate => ({
  personId: id(2),
  tierHistory: [{ on: '2026-02-01', tier: 'high' }, { on: '2026-03-01', tier: 'very_high' }, ...more],
  reviews,
});
const obligations = (candidate: CaseReviewCandidate, asOf: string, settings = defaultCaseReviewSettings) =>
  caseReviewObligations(candidate, asOf, settings).map((o) => ({
    tier: o.tier,
    dueFrom: o.dueFrom,
    dueBy: o.dueBy,
    reviewedOn: o.reviewedOn,
    status: o.status,
  }));

describe('who is due a case review (very high for 7 or more days: a review within 14 days)', () => {
  it('is not due on day 6 in the tier, and due from day 7 to day 21', () => {
    expect(obligations(dean(), '2026-03-07')).toEqual([]);
    expect(obligations(dean(), '2026-03-08')).toEqual([
      { tier: 'very_high', dueFrom: '2026-03-08', dueBy: '2026-03-22', reviewedOn: null, status: 'pending' },
    ]);
    expect(obligations(dean(), '2026-03-22')[0]?.status).toBe('pending');
    expect(obligations(dean(), '2026-03-23')[0]?.status).toBe('missed');
  });

  it('is met by a review by day 21, and a late review still counts as missed', () => {
    expect(obligations(dean(['2026-03-22']), '2026-04-01')[0]?.status).toBe('met');
    expect(obligations(dean(['2026-03-23']), '2026-04-01')[0]).toMatchObject({
      reviewedOn: '2026-03-23',
      status: 'missed',
    });
  });

  it('is not counted when the person leaves the tier before the deadline without one', () => {
    const left = dean([], [{ on: '2026-03-15', tier: 'moderate' }]);
    expect(obligations(left, '2026-04-01')).toEqual([
      {
        tier: 'very_high',
        dueFrom: '2026-03-08',
        dueBy: '2026-03-22',
        reviewedOn: null,
        status: 'left_tier',
      },
    ]);
  });

  it('counts a review from the last 90 days, then asks again when it lapses', () => {
    expect(obligations(dean(['2026-01-15']), '2026-04-15')).toEqual([]);
    expect(obligations(dean(['2026-01-15']), '2026-04-16')).toEqual([
      { tier: 'very_high', dueFrom: '2026-04-16', dueBy: '2026-04-30', reviewedOn: null, status: 'pending' },
    ]);
  });

  it('asks again 91 days after a review while the person stays very high', () => {
    expect(obligations(dean(['2026-03-10']), '2026-06-10')).toEqual([
      {
        tier: 'very_high',
        dueFrom: '2026-03-08',
        dueBy: '2026-03-22',
        reviewedOn: '2026-03-10',
        status: 'met',
      },
      { tier: 'very_high', dueFrom: '2026-06-09', dueBy: '2026-06-23', reviewedOn: null, status: 'pending' },
    ]);
  });
});

describe('the high tier (Harbour’s default: 28 days in the tier, a review within 28 days, again every 180)', () => {
  const high: CaseReviewCandidate = {
    personId: id(3),
    tierHistory: [{ on: '2026-02-01', tier: 'high' }],
    reviews: [],
  };

  it('is due from day 28 in the high tier, by day 56', () => {
    expect(obligations(high, '2026-02-28')).toEqual([]);
    expect(obligations(high, '2026-03-01')).toEqual([
      { tier: 'high', dueFrom: '2026-03-01', dueBy: '2026-03-29', reviewedOn: null, status: 'pending' },
    ]);
  });

  it('can be turned off by a service', () => {
    const off = CaseReviewSettings.parse({ high: { enabled: false } });
    expect(obligations(high, '2026-03-01', off)).toEqual([]);
  });

  it('keeps the two tiers apart: a high spell that becomes very high owes only the very high review', () => {
    expect(obligations(dean(), '2026-03-08').map((o) => o.tier)).toEqual(['very_high']);
  });
});

describe('settings', () => {
  it('let a service be stricter than the brief, never looser', () => {
    expect(
      CaseReviewSettings.safeParse({ veryHigh: { qualifyAfterDays: 3, reviewWithinDays: 7 } }).success,
    ).toBe(true);
    expect(CaseReviewSettings.safeParse({ veryHigh: { qualifyAfterDays: 8 } }).success).toBe(false);
    expect(CaseReviewSettings.safeParse({ veryHigh: { reviewWithinDays: 15 } }).success).toBe(false);
    expect(CaseReviewSettings.safeParse({ veryHigh: { validForDays: 91 } }).success).toBe(false);
  });
});

describe('spells in a tier', () => {
  it('merges repeats and splits on a change, in date order', () => {
    const history = [
      { on: '2026-03-10', tier: 'very_high' as const },
      { on: '2026-03-01', tier: 'very_high' as const },
      { on: '2026-03-20', tier: 'high' as const },
      { on: '2026-04-01', tier: 'very_high' as const },
    ];
    expect(spellsIn(history, 'very_high')).toEqual([
      { start: '2026-03-01', end: '2026-03-20' },
      { start: '2026-04-01', end: null },
    ]);
  });
});
