import { describe, expect, it } from 'vitest';
import { entryKindsFor, HealthEntry, healthFactsFromEntries, type RecordBasics } from './entries.ts';
import { healthNeeds } from './needs.ts';

const basics: RecordBasics = {
  entryDate: '2026-01-05',
  dateOfBirth: '1985-06-01',
  injecting: { current: true, lastInjectedOn: '2026-01-01' },
  smokes: false,
  methadone: null,
  buprenorphine: 'none',
  qtProlongingCoMedication: false,
};
const statusOf = (facts: ReturnType<typeof healthFactsFromEntries>, code: string, on = '2026-02-01') =>
  healthNeeds(facts, on).find((n) => n.code === code)?.status;

describe('health entries', () => {
  it('offers the kinds of entry that meet each need, with a decline where it may be declined', () => {
    expect(entryKindsFor('hcv_antibody_test')).toEqual(['result', 'declined']);
    expect(entryKindsFor('hbv_vaccination')).toEqual(['vaccine', 'declined']);
    expect(entryKindsFor('hiv_referral')).toEqual(['referral', 'declined']);
    expect(entryKindsFor('dental_check')).toEqual(['done', 'declined']);
    expect(entryKindsFor('suicide_risk_review')).toEqual(['done']);
  });

  it('refuses a result that the test cannot have, a result on a vaccine, and a decline without a reason', () => {
    const issues = (input: unknown) =>
      HealthEntry.safeParse(input).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues({ need: 'hiv_test', kind: 'result', on: '2026-02-01', result: 'detected' })).toEqual([
      ['result', 'Choose the result'],
    ]);
    expect(issues({ need: 'flu_vaccine', kind: 'vaccine', on: '2026-02-01', result: 'positive' })).toEqual([
      ['result', 'Only a test has a result'],
    ]);
    expect(issues({ need: 'dental_check', kind: 'declined', on: '2026-02-01' })).toEqual([
      ['note', 'Say why they declined'],
    ]);
    expect(issues({ need: 'suicide_risk_review', kind: 'declined', on: '2026-02-01', note: 'no' })).toEqual([
      ['kind', 'Choose what was done for this check'],
    ]);
  });

  it('turns results, doses, referrals, checks and declines into the facts the needs rules read', () => {
    const none = healthFactsFromEntries(basics, [], []);
    expect(statusOf(none, 'hcv_antibody_test')).toBe('due');
    expect(statusOf(none, 'hcv_antibody_test', '2026-02-03')).toBe('overdue');
    const facts = healthFactsFromEntries(
      basics,
      [
        { need: 'hcv_antibody_test', kind: 'result', on: '2026-01-20', result: 'negative' },
        { need: 'hbv_test', kind: 'result', on: '2026-01-20', result: 'immune' },
        { need: 'hiv_test', kind: 'result', on: '2026-01-20', result: 'positive' },
        { need: 'hiv_referral', kind: 'referral', on: '2026-01-22' },
        { need: 'dental_check', kind: 'declined', on: '2026-01-20', note: 'Has a dentist' },
        { need: 'liver_function_tests', kind: 'done', on: '2026-01-20' },
        // Not valid (a result on a vaccine): ignored rather than trusted.
        { need: 'flu_vaccine', kind: 'vaccine', on: '2026-01-20', result: 'positive' },
      ],
      [{ need: 'sexual_health_check', on: '2026-02-02' }],
    );
    expect(statusOf(facts, 'hcv_antibody_test')).toBe('met');
    expect(statusOf(facts, 'hbv_vaccination')).toBe('not_applicable');
    expect(statusOf(facts, 'hiv_referral')).toBe('met');
    expect(statusOf(facts, 'dental_check')).toBe('declined');
    expect(statusOf(facts, 'liver_function_tests')).toBe('met');
    expect(statusOf(facts, 'sexual_health_check')).toBe('booked');
  });
});
