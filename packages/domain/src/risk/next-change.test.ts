import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import { assessRisk } from './assess.ts';
import type { RiskFacts } from './facts.ts';
import { AS_OF, blankFacts, daysAgo, withoutDay } from './test-fixtures.ts';

/** Facts with nothing time-bound: over 40 already, nothing dated. */
const timeless = (overrides: Partial<RiskFacts> = {}): RiskFacts =>
  blankFacts({ dateOfBirth: '1970-01-01', ...overrides });
const nextChange = (facts: RiskFacts, asOf = AS_OF) => assessRisk(facts, asOf).nextChangeAt;

/** The assessment is the same on every day before `nextChangeAt`, and differs on it. */
function expectStableUntilNextChange(facts: RiskFacts, asOf: string): void {
  const today = assessRisk(facts, asOf);
  if (today.nextChangeAt === null) throw new Error('expected a next change');
  const dayBefore = assessRisk(facts, addDays(today.nextChangeAt, -1));
  expect(withoutDay(dayBefore)).toEqual(withoutDay(today));
  expect(withoutDay(assessRisk(facts, today.nextChangeAt))).not.toEqual(withoutDay(today));
}

describe('nextChangeAt', () => {
  it('is null when nothing can change without new facts', () => {
    expect(
      nextChange(
        timeless({
          sex: 'male',
          usesOpioids: true,
          substances: [{ substance: 'z_drug', source: 'illicit', dailyDoseMg: null }],
        }),
      ),
    ).toBeNull();
  });

  it.each([
    ['the next prison release window', { prisonReleases: [daysAgo(7)] }, daysAgo(-8)],
    ['the end of the last prison release window', { prisonReleases: [daysAgo(80)] }, daysAgo(-5)],
    [
      'the end of a non-fatal overdose override, before its points change',
      { nonFatalOverdoses: [daysAgo(10)] },
      daysAgo(-19),
    ],
    ['the move of an overdose into the older band', { nonFatalOverdoses: [daysAgo(365)] }, daysAgo(-1)],
    ['the end of "injected in the last 28 days"', { lastInjectedOn: daysAgo(20) }, daysAgo(-9)],
    [
      'the day after a drug alert ends',
      { usesOpioids: true, drugAlert: { issuedOn: daysAgo(3), endsOn: daysAgo(-10), summary: 'Nitazenes' } },
      daysAgo(-11),
    ],
    [
      'the day after a naloxone kit expires',
      {
        naloxoneSupplies: [
          { suppliedOn: daysAgo(400), expiresOn: daysAgo(-30), reportedOn: null, reportedOutcome: null },
        ],
      },
      daysAgo(-31),
    ],
    ['the day contact lapses for the tier', { lastContactOn: daysAgo(20) }, daysAgo(-9)],
    [
      'the day a sedative review lapses',
      {
        substances: [{ substance: 'gabapentin' as const, source: 'prescribed' as const, dailyDoseMg: 900 }],
        sedativeReviewedOn: '2025-10-31',
      },
      '2026-05-01',
    ],
    ['the day a BBV test lapses', { lastBbvTestOn: '2025-04-02' }, '2026-04-03'],
    ['the day a health check lapses', { lastHealthCheckOn: '2025-04-01' }, '2026-04-02'],
    [
      'the day a case review lapses at very high',
      { prisonReleases: [daysAgo(1)], suicidalityRecordedOn: [daysAgo(1)], lastCaseReviewOn: daysAgo(85) },
      daysAgo(-6),
    ],
  ])('is %s', (_name, facts, expected) => {
    const all = timeless(facts);
    expect(nextChange(all)).toBe(expected);
    expectStableUntilNextChange(all, AS_OF);
  });

  it('is the 40th birthday when nothing comes sooner, and the factor starts that day', () => {
    const facts = blankFacts({ dateOfBirth: '1986-04-01' });
    expect(nextChange(facts)).toBe('2026-04-01');
    expect(assessRisk(facts, '2026-04-01').factors.map((f) => f.code)).toEqual(['AGE_40_PLUS']);
    expectStableUntilNextChange(facts, AS_OF);
  });

  it('ignores a case review date below the very high tier, where it is not applicable', () => {
    expect(nextChange(timeless({ lastCaseReviewOn: daysAgo(85) }))).toBeNull();
  });

  it('does not count a lapse that has already happened', () => {
    expect(
      nextChange(
        timeless({
          lastContactOn: daysAgo(40),
          lastBbvTestOn: '2020-01-01',
          sedativeReviewedOn: '2020-01-01',
        }),
      ),
    ).toBeNull();
  });

  it('takes the earliest of several change dates', () => {
    const facts = timeless({
      prisonReleases: [daysAgo(20)],
      hospitalDischarges: [{ dischargedOn: daysAgo(1), admittedOn: null, selfDischarged: false }],
      lastContactOn: daysAgo(0),
    });
    expect(nextChange(facts)).toBe(daysAgo(-2));
    expectStableUntilNextChange(facts, AS_OF);
  });
});

describe('windows in Europe/London calendar days across the clock change', () => {
  it('counts a prison release window across the start of British Summer Time (29 March 2026)', () => {
    const facts = blankFacts({ prisonReleases: ['2026-03-25'] });
    expect(assessRisk(facts, '2026-04-08').factors[0]?.points).toBe(20);
    expect(assessRisk(facts, '2026-04-08').nextChangeAt).toBe('2026-04-09');
    expect(assessRisk(facts, '2026-04-09').factors[0]?.points).toBe(5);
  });

  it('counts a hospital discharge window across the end of British Summer Time (25 October 2026)', () => {
    const facts = blankFacts({
      hospitalDischarges: [{ dischargedOn: '2026-10-24', admittedOn: null, selfDischarged: false }],
    });
    expect(assessRisk(facts, '2026-10-26').factors[0]?.points).toBe(15);
    expect(assessRisk(facts, '2026-10-27').factors[0]?.points).toBe(7);
    expect(assessRisk(facts, '2026-10-26').nextChangeAt).toBe('2026-10-27');
  });
});
