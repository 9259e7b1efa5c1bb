import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.ts';
import { id } from '../tasks/test-fixtures.ts';
import { assertMaySignOffCaseReview, maySignOffCaseReview } from './sign-off.ts';

const jo = id(31);
const riskAssessment = (achievedOn: string, expiresOn: string, staffId = jo) => ({
  staffId,
  kind: 'risk_assessment' as const,
  achievedOn,
  expiresOn,
});

describe('only staff with an in-date risk assessment competency can sign off a case review', () => {
  it('allows Jo with an in-date competency, including one about to expire', () => {
    expect(maySignOffCaseReview([riskAssessment('2025-01-01', '2027-01-01')], '2026-03-10')).toEqual({
      allowed: true,
      inDateUntil: '2027-01-01',
    });
    expect(maySignOffCaseReview([riskAssessment('2024-03-10', '2026-03-10')], '2026-03-10').allowed).toBe(
      true,
    );
  });

  it('refuses with the date it expired, and what to do', () => {
    expect(maySignOffCaseReview([riskAssessment('2024-03-10', '2026-03-10')], '2026-03-11')).toEqual({
      allowed: false,
      reason:
        'Only staff with an in-date risk assessment competency can sign off a case review. Yours expired on ' +
        '10 March 2026; an administrator can record a renewal.',
    });
  });

  it('refuses when none is recorded, or only other competencies, or one not yet achieved', () => {
    const none =
      'Only staff with an in-date risk assessment competency can sign off a case review, and none is recorded ' +
      'for you. An administrator can record it.';
    expect(maySignOffCaseReview([], '2026-03-10')).toEqual({ allowed: false, reason: none });
    const naloxone = { ...riskAssessment('2025-01-01', '2027-01-01'), kind: 'naloxone_training' as const };
    expect(maySignOffCaseReview([naloxone], '2026-03-10').allowed).toBe(false);
    expect(maySignOffCaseReview([riskAssessment('2026-03-11', '2028-03-11')], '2026-03-10').allowed).toBe(
      false,
    );
  });

  it('refuses in the service with RULE_REFUSED and the plain reason, and refuses another person’s records', () => {
    let refused: { code: string; message: string } | null = null;
    try {
      assertMaySignOffCaseReview([], '2026-03-10');
    } catch (error) {
      if (isDomainError(error)) refused = { code: error.code, message: error.message };
    }
    expect(refused?.code).toBe('RULE_REFUSED');
    expect(refused?.message).toMatch(/^Only staff with an in-date risk assessment competency/);
    expect(() =>
      assertMaySignOffCaseReview([riskAssessment('2025-01-01', '2027-01-01')], '2026-03-10'),
    ).not.toThrow();
    expect(() =>
      maySignOffCaseReview(
        [riskAssessment('2025-01-01', '2027-01-01'), riskAssessment('2025-01-01', '2027-01-01', id(32))],
        '2026-03-10',
      ),
    ).toThrow(/one member of staff/);
  });
});
