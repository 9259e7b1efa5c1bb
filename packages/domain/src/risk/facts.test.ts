import { describe, expect, it } from 'vitest';
import { DomainError, isDomainError } from '../errors.ts';
import { assessRisk } from './assess.ts';
import { formatIssue, parseRiskFacts } from './parse.ts';
import { AS_OF, blankFacts, daysAgo } from './test-fixtures.ts';

const issuesFor = (input: unknown, asOf = AS_OF): string[] => {
  const result = parseRiskFacts(input, asOf);
  return result.success ? [] : result.issues.map(formatIssue);
};
const withFacts = (patch: Record<string, unknown>): unknown => ({ ...blankFacts(), ...patch });

describe('parseRiskFacts', () => {
  it('accepts well-formed facts and returns them unchanged', () => {
    const facts = blankFacts({
      usesOpioids: true,
      currentOst: { medicine: 'methadone', doseMg: 60, startedOn: daysAgo(100) },
      ostExits: [{ exitedOn: daysAgo(100), reason: 'transferred' }],
      hospitalDischarges: [{ dischargedOn: daysAgo(5), admittedOn: daysAgo(5), selfDischarged: false }],
      naloxoneSupplies: [
        {
          suppliedOn: daysAgo(10),
          expiresOn: daysAgo(-900),
          reportedOn: daysAgo(2),
          reportedOutcome: 'used',
        },
      ],
      drugAlert: { issuedOn: AS_OF, endsOn: AS_OF, summary: 'Nitazenes' },
      substances: [
        { substance: 'benzodiazepine', source: 'prescribed', dailyDoseMg: 10 },
        { substance: 'benzodiazepine', source: 'illicit', dailyDoseMg: null },
      ],
    });
    expect(parseRiskFacts(facts, AS_OF)).toEqual({ success: true, data: facts });
  });

  it.each([
    [
      'an event dated after the assessment date',
      { prisonReleases: [daysAgo(-1)] },
      'prisonReleases[0]: is after the assessment date 2026-03-16',
    ],
    [
      'a date of birth after the assessment date',
      { dateOfBirth: daysAgo(-1) },
      'dateOfBirth: is after the assessment date 2026-03-16',
    ],
    [
      'a discharge before its admission',
      { hospitalDischarges: [{ dischargedOn: daysAgo(5), admittedOn: daysAgo(4), selfDischarged: false }] },
      'hospitalDischarges[0].dischargedOn: a discharge cannot be before its admission',
    ],
    [
      'continuity on an exit that is not a transfer',
      { ostExits: [{ exitedOn: daysAgo(5), reason: 'unplanned', continuity: true }] },
      'ostExits[0].continuity: only a transfer to another service can have continuity',
    ],
    [
      'a negative dose',
      { currentOst: { medicine: 'methadone', doseMg: -40, startedOn: daysAgo(5) } },
      'currentOst.doseMg: Too small: expected number to be >0',
    ],
    [
      'a negative pregabalin dose',
      { substances: [{ substance: 'pregabalin', source: 'prescribed', dailyDoseMg: -1 }] },
      'substances[0].dailyDoseMg: Too small: expected number to be >0',
    ],
    [
      'an unknown condition',
      { conditions: ['gout'] },
      'conditions[0]: Invalid option: expected one of "copd"|"asthma_needing_treatment"|"cirrhosis"|"chronic_hepatitis"',
    ],
    [
      'an unknown medicine',
      { currentOst: { medicine: 'heroin', doseMg: 40, startedOn: daysAgo(5) } },
      'currentOst.medicine: Invalid option: expected one of "methadone"|"buprenorphine"|"buprenorphine_naloxone"|"buprenorphine_prolonged_release"',
    ],
    ['an unknown key', { riskScore: 10 }, '(facts): Unrecognized key: "riskScore"'],
    ['an impossible date', { lastContactOn: '2026-02-30' }, 'lastContactOn: Invalid ISO date'],
    [
      'a fractional count of missed doses',
      {
        consecutiveMissedDoses: 2.5,
        currentOst: { medicine: 'methadone', doseMg: 40, startedOn: daysAgo(5) },
      },
      'consecutiveMissedDoses: Invalid input: expected int, received number',
    ],
    [
      'an AUDIT score out of range',
      { alcohol: { auditScore: 41, auditCScore: null, clinicianRecordedHarmful: false } },
      'alcohol.auditScore: Too big: expected number to be <=40',
    ],
    [
      'missed doses with no OST',
      { consecutiveMissedDoses: 3 },
      'consecutiveMissedDoses: missed OST doses are recorded but the person is not on OST',
    ],
    [
      'an OST exit after the current start',
      {
        currentOst: { medicine: 'methadone', doseMg: 40, startedOn: daysAgo(20) },
        ostExits: [{ exitedOn: daysAgo(10), reason: 'unplanned' }],
      },
      'ostExits[0].exitedOn: an OST exit after the current OST started: the person is not on OST, or the exit date is wrong',
    ],
    [
      'a kit report with no outcome',
      {
        naloxoneSupplies: [
          {
            suppliedOn: daysAgo(10),
            expiresOn: daysAgo(-900),
            reportedOn: daysAgo(2),
            reportedOutcome: null,
          },
        ],
      },
      'naloxoneSupplies[0]: a kit report needs both its date and its outcome',
    ],
    [
      'a kit reported before it was supplied',
      {
        naloxoneSupplies: [
          {
            suppliedOn: daysAgo(10),
            expiresOn: daysAgo(-900),
            reportedOn: daysAgo(12),
            reportedOutcome: 'lost',
          },
        ],
      },
      'naloxoneSupplies[0].reportedOn: a kit cannot be reported before it was supplied',
    ],
    [
      'an alert ending before it was issued',
      { drugAlert: { issuedOn: daysAgo(3), endsOn: daysAgo(4), summary: 'x' } },
      'drugAlert.endsOn: an alert cannot end before it was issued',
    ],
    [
      'a condition listed twice',
      { conditions: ['copd', 'copd'] },
      'conditions[1]: the condition is listed twice',
    ],
    ['a flag listed twice', { flags: ['pregnancy', 'pregnancy'] }, 'flags[1]: the flag is listed twice'],
    [
      'a substance and source listed twice',
      {
        substances: [
          { substance: 'z_drug', source: 'prescribed', dailyDoseMg: null },
          { substance: 'z_drug', source: 'prescribed', dailyDoseMg: 7.5 },
        ],
      },
      'substances[1]: the same substance and source is listed twice',
    ],
    [
      'an event before birth',
      { nonFatalOverdoses: ['1990-01-01'] },
      'nonFatalOverdoses[0]: is before the date of birth',
    ],
    ['a date of birth before 1900', { dateOfBirth: '1899-12-31' }, 'dateOfBirth: is before 1900-01-01'],
  ])('refuses %s', (_name, patch, issue) => {
    expect(issuesFor(withFacts(patch))).toEqual([issue]);
  });

  it('accepts a transfer with continuity after the current OST started: it is not an exit', () => {
    const ost = { medicine: 'methadone', doseMg: 70, startedOn: daysAgo(400) } as const;
    const transfer = { exitedOn: daysAgo(8), reason: 'transferred', continuity: true } as const;
    expect(parseRiskFacts(blankFacts({ currentOst: ost, ostExits: [transfer] }), AS_OF).success).toBe(true);
    const exit = { exitedOn: daysAgo(8), reason: 'transferred' } as const;
    expect(parseRiskFacts(blankFacts({ currentOst: ost, ostExits: [exit] }), AS_OF).success).toBe(false);
  });

  it('reports every problem at once, each with its path', () => {
    const issues = issuesFor(withFacts({ sex: 'm', housing: 'tent', flags: ['unknown'] }));
    expect(issues.map((line) => line.split(':')[0])).toEqual(['sex', 'housing', 'flags[0]']);
  });

  it('refuses input that is not an object at all', () => {
    expect(issuesFor(null)).toEqual(['(facts): Invalid input: expected object, received null']);
    expect(issuesFor([])).toHaveLength(1);
  });

  it('checks nested dates against the assessment date, except those that may lie ahead', () => {
    const facts = withFacts({
      naloxoneSupplies: [
        { suppliedOn: daysAgo(1), expiresOn: daysAgo(-900), reportedOn: null, reportedOutcome: null },
      ],
      drugAlert: { issuedOn: daysAgo(1), endsOn: daysAgo(-60), summary: 'Nitazenes' },
    });
    expect(issuesFor(facts)).toEqual([]);
    expect(issuesFor(facts, daysAgo(2))).toEqual([
      'naloxoneSupplies[0].suppliedOn: is after the assessment date 2026-03-14',
      'drugAlert.issuedOn: is after the assessment date 2026-03-14',
    ]);
  });
});

describe('assessRisk on facts dated after the assessment date', () => {
  it('throws INVALID_INPUT with one issue per late fact, rather than counting a window from the future', () => {
    const facts = blankFacts({
      prisonReleases: [daysAgo(0), daysAgo(-3)],
      safetyPlan: { recordedOn: daysAgo(-1), whoToCall: true, whereTheyUse: true, emergencyWishes: true },
    });
    let thrown: unknown;
    try {
      assessRisk(facts, AS_OF);
    } catch (error) {
      thrown = error;
    }
    expect(isDomainError(thrown)).toBe(true);
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).code).toBe('INVALID_INPUT');
    expect((thrown as DomainError).issues).toEqual([
      { path: ['prisonReleases', 1], message: 'is after the assessment date 2026-03-16' },
      { path: ['safetyPlan', 'recordedOn'], message: 'is after the assessment date 2026-03-16' },
    ]);
  });

  it('accepts facts dated on the assessment date itself (day 0)', () => {
    expect(assessRisk(blankFacts({ prisonReleases: [AS_OF] }), AS_OF).score).toBe(20);
  });
});

describe('formatIssue', () => {
  it('writes a path as code would', () => {
    expect(formatIssue({ path: ['hospitalDischarges', 0, 'admittedOn'], message: 'bad' })).toBe(
      'hospitalDischarges[0].admittedOn: bad',
    );
    expect(formatIssue({ path: [], message: 'bad' })).toBe('(facts): bad');
  });
});
