import { describe, expect, it } from 'vitest';
import { assessRisk } from './assess.ts';
import { type MitigationCode, mitigationCodes, mitigationStatuses } from './assessment.ts';
import type { RiskFacts } from './facts.ts';
import { AS_OF, blankFacts, daysAgo } from './test-fixtures.ts';

const mitigation = (overrides: Partial<RiskFacts>, code: MitigationCode) => {
  const found = assessRisk(blankFacts(overrides), AS_OF).mitigations.find((m) => m.code === code);
  if (found === undefined) throw new Error(`no ${code}`);
  return found;
};
const kit = (
  suppliedOn: string,
  expiresOn: string,
  reportedOn: string | null = null,
  reportedOutcome: 'used' | 'lost' | null = null,
) => ({ suppliedOn, expiresOn, reportedOn, reportedOutcome });
const veryHigh = { suicidalityRecordedOn: [daysAgo(1)], prisonReleases: [daysAgo(1)] };
const high = { prisonReleases: [daysAgo(1)] };
const sedative = { substance: 'benzodiazepine' as const, source: 'prescribed' as const, dailyDoseMg: 10 };

describe('mitigation checklist', () => {
  it('lists every mitigation in the brief order, whatever the facts', () => {
    const mitigations = assessRisk(blankFacts(), AS_OF).mitigations;
    expect(mitigations.map((m) => m.code)).toEqual([
      'naloxone',
      'adequate_ost_dose',
      'sedative_review',
      'recent_contact',
      'safety_plan',
      'bbv_and_health_check',
      'case_review',
    ]);
    expect(mitigations.map((m) => m.code)).toEqual([...mitigationCodes]);
    for (const m of mitigations) expect(mitigationStatuses).toContain(m.status);
  });

  it('never changes the score', () => {
    const bare = blankFacts({ usesOpioids: true, prisonReleases: [daysAgo(3)] });
    const covered = blankFacts({
      ...bare,
      naloxoneSupplies: [kit(daysAgo(3), daysAgo(-700))],
      lastContactOn: daysAgo(0),
      safetyPlan: { recordedOn: daysAgo(0), whoToCall: true, whereTheyUse: true, emergencyWishes: true },
      lastBbvTestOn: daysAgo(1),
      lastHealthCheckOn: daysAgo(1),
    });
    expect(assessRisk(covered, AS_OF).score).toBe(assessRisk(bare, AS_OF).score);
  });
});

describe('naloxone held and in date', () => {
  it.each([
    ['no kit', [], 'unmet', /No naloxone supply/],
    ['a kit in date', [kit(daysAgo(100), daysAgo(-100))], 'met', /in date until/],
    ['a kit expiring today (still in date)', [kit(daysAgo(100), daysAgo(0))], 'met', /in date until/],
    ['a kit that expired yesterday', [kit(daysAgo(800), daysAgo(1))], 'unmet', /expired on/],
    ['a kit reported used', [kit(daysAgo(100), daysAgo(-100), daysAgo(5), 'used')], 'unmet', /reported used/],
    [
      'a kit reported lost, and an older one still held',
      [kit(daysAgo(400), daysAgo(-300)), kit(daysAgo(100), daysAgo(-600), daysAgo(5), 'lost')],
      'met',
      /until/,
    ],
  ] as const)('%s', (_name, naloxoneSupplies, status, detail) => {
    const m = mitigation({ naloxoneSupplies: [...naloxoneSupplies] }, 'naloxone');
    expect(m.status).toBe(status);
    expect(m.detail).toMatch(detail);
  });

  it('names the kit in date the longest', () => {
    const m = mitigation(
      { naloxoneSupplies: [kit('2025-01-01', '2027-06-30'), kit('2025-06-01', '2026-12-31')] },
      'naloxone',
    );
    expect(m.detail).toContain('2027-06-30');
  });
});

describe('on OST at an adequate dose', () => {
  const on = (
    medicine: 'methadone' | 'buprenorphine' | 'buprenorphine_naloxone' | 'buprenorphine_prolonged_release',
    doseMg: number,
  ) => ({ currentOst: { medicine, doseMg, startedOn: '2024-01-01' } });
  it.each([
    ['methadone 59 mg', on('methadone', 59), 'unmet'],
    ['methadone 60 mg', on('methadone', 60), 'met'],
    ['buprenorphine 11 mg', on('buprenorphine', 11), 'unmet'],
    ['buprenorphine 12 mg', on('buprenorphine', 12), 'met'],
    ['buprenorphine with naloxone 12 mg', on('buprenorphine_naloxone', 12), 'met'],
    ['prolonged-release buprenorphine, any dose', on('buprenorphine_prolonged_release', 8), 'met'],
    ['uses opioids, not on OST', { usesOpioids: true }, 'unmet'],
    ['does not use opioids and is not on OST', {}, 'not_applicable'],
  ] as const)('%s', (_name, facts, status) => {
    expect(mitigation(facts, 'adequate_ost_dose').status).toBe(status);
  });
});

describe('no sedative co-prescription, or a GP review within 6 months', () => {
  it.each([
    ['nothing prescribed', {}, 'met'],
    [
      'illicit benzodiazepine only (not a co-prescription)',
      { substances: [{ ...sedative, source: 'illicit' as const }] },
      'met',
    ],
    [
      'prescribed antipsychotic only (not a sedative for this check)',
      {
        substances: [
          { substance: 'antipsychotic' as const, source: 'prescribed' as const, dailyDoseMg: null },
        ],
      },
      'met',
    ],
    ['prescribed benzodiazepine, never reviewed', { substances: [sedative] }, 'unmet'],
    ['reviewed exactly 6 months ago', { substances: [sedative], sedativeReviewedOn: '2025-09-16' }, 'met'],
    [
      'reviewed 6 months and a day ago',
      { substances: [sedative], sedativeReviewedOn: '2025-09-15' },
      'unmet',
    ],
  ])('%s', (_name, facts, status) => {
    expect(mitigation(facts, 'sedative_review').status).toBe(status);
  });
});

describe('contact in the last 7 days (very high), 14 (high), 28 (others)', () => {
  it.each([
    ['very high, 7 days ago', veryHigh, 7, 'met'],
    ['very high, 8 days ago', veryHigh, 8, 'unmet'],
    ['high, 14 days ago', high, 14, 'met'],
    ['high, 15 days ago', high, 15, 'unmet'],
    ['low, 28 days ago', {}, 28, 'met'],
    ['low, 29 days ago', {}, 29, 'unmet'],
  ])('%s', (_name, facts, days, status) => {
    expect(mitigation({ ...facts, lastContactOn: daysAgo(days) }, 'recent_contact').status).toBe(status);
  });

  it('is unmet with no contact recorded', () => {
    expect(mitigation({}, 'recent_contact')).toMatchObject({
      status: 'unmet',
      detail: expect.stringMatching(/No contact/),
    });
  });
});

describe('safety plan recorded', () => {
  const plan = { recordedOn: daysAgo(10), whoToCall: true, whereTheyUse: true, emergencyWishes: true };
  it.each([
    ['none', null, 'unmet'],
    ['complete', plan, 'met'],
    ['without who to call', { ...plan, whoToCall: false }, 'unmet'],
    [
      'without where they use or their wishes',
      { ...plan, whereTheyUse: false, emergencyWishes: false },
      'unmet',
    ],
  ])('%s', (_name, safetyPlan, status) => {
    expect(mitigation({ safetyPlan }, 'safety_plan').status).toBe(status);
  });

  it('says what a partial plan is missing', () => {
    expect(mitigation({ safetyPlan: { ...plan, whereTheyUse: false } }, 'safety_plan').detail).toBe(
      'Recorded on 2026-03-06, without where they use',
    );
    const none = { ...plan, whoToCall: false, whereTheyUse: false, emergencyWishes: false };
    expect(mitigation({ safetyPlan: none }, 'safety_plan').detail).toBe(
      'Recorded on 2026-03-06, without who to call, where they use or what they want to happen in an emergency',
    );
  });
});

describe('BBV test and health check in date (within 12 months)', () => {
  it.each([
    ['both recent', daysAgo(30), daysAgo(30), 'met'],
    ['both exactly 12 months ago', '2025-03-16', '2025-03-16', 'met'],
    ['BBV test 12 months and a day ago', '2025-03-15', daysAgo(30), 'unmet'],
    ['no health check', daysAgo(30), null, 'unmet'],
    ['neither', null, null, 'unmet'],
  ])('%s', (_name, lastBbvTestOn, lastHealthCheckOn, status) => {
    expect(mitigation({ lastBbvTestOn, lastHealthCheckOn }, 'bbv_and_health_check').status).toBe(status);
  });
});

describe('case review in the last 90 days (very high only)', () => {
  it.each([
    ['high tier', high, null, 'not_applicable'],
    ['very high, never reviewed', veryHigh, null, 'unmet'],
    ['very high, reviewed 90 days ago', veryHigh, daysAgo(90), 'met'],
    ['very high, reviewed 91 days ago', veryHigh, daysAgo(91), 'unmet'],
  ])('%s', (_name, facts, lastCaseReviewOn, status) => {
    expect(mitigation({ ...facts, lastCaseReviewOn }, 'case_review').status).toBe(status);
  });
});
