import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assessRisk } from './assess.ts';
import { riskTierLabels, type RiskFactorCode, type RiskTier } from './codes.ts';
import { parseRiskFacts } from './parse.ts';
import { AS_OF } from './test-fixtures.ts';

/**
 * Worked vignettes: the personas of workflows.md (Dean, Kayleigh, Mo) and others written with the same care.
 * Their facts are the CLI examples in docs/risk-model-examples/, assessed on Monday 16 March 2026; docs/risk-model.md
 * writes each one up, and this test checks the write-up's score and tier too.
 */
const examples = fileURLToPath(new URL('../../../../docs/risk-model-examples/', import.meta.url));
const docs = readFileSync(fileURLToPath(new URL('../../../../docs/risk-model.md', import.meta.url)), 'utf8');

interface Expected {
  score: number;
  tier: RiskTier;
  factors: RiskFactorCode[];
  overrides: RiskFactorCode[];
  /** Mitigation statuses in checklist order: m met, u unmet, n not applicable. */
  mitigations: string;
  nextChangeAt: string;
}

const vignettes: Record<string, Expected> = {
  dean: {
    score: 24,
    tier: 'moderate',
    factors: ['ALCOHOL', 'CHRONIC_LUNG_DISEASE', 'MALE', 'AGE_40_PLUS'],
    overrides: [],
    mitigations: 'mmmmmmn',
    nextChangeAt: '2026-04-08',
  },
  kayleigh: {
    score: 39,
    tier: 'high',
    factors: ['PRISON_RELEASE', 'NOT_IN_OST', 'INJECTING'],
    overrides: ['PRISON_RELEASE'],
    mitigations: 'mummuun',
    nextChangeAt: '2026-03-24',
  },
  mo: {
    score: 32,
    tier: 'high',
    factors: ['NOT_IN_OST', 'INJECTING', 'USING_ALONE', 'HOMELESS', 'MALE'],
    overrides: [],
    mitigations: 'mummuun',
    nextChangeAt: '2026-03-27',
  },
  gary: {
    score: 57,
    tier: 'very_high',
    factors: [
      'HOSPITAL_DISCHARGE',
      'SELF_DISCHARGE',
      'BENZODIAZEPINE',
      'GABAPENTINOID',
      'ALCOHOL',
      'MALE',
      'AGE_40_PLUS',
    ],
    overrides: ['HOSPITAL_DISCHARGE'],
    mitigations: 'uuuuuuu',
    nextChangeAt: '2026-03-18',
  },
  rachel: {
    score: 23,
    tier: 'high',
    factors: ['TOLERANCE_LOSS', 'USING_ALONE'],
    overrides: ['TOLERANCE_LOSS'],
    mitigations: 'mnmmmmn',
    nextChangeAt: '2026-03-28',
  },
  lee: {
    score: 38,
    tier: 'very_high',
    factors: ['OST_EXIT', 'NON_FATAL_OVERDOSE', 'MALE', 'AGE_40_PLUS'],
    overrides: ['OST_EXIT', 'NON_FATAL_OVERDOSE'],
    mitigations: 'uummumu',
    nextChangeAt: '2026-03-20',
  },
  sandra: {
    score: 16,
    tier: 'moderate',
    factors: ['Z_DRUG', 'CHRONIC_LUNG_DISEASE', 'LIVER_DISEASE', 'AGE_40_PLUS'],
    overrides: [],
    mitigations: 'mmmmmmn',
    nextChangeAt: '2026-04-01',
  },
  jamie: {
    score: 30,
    tier: 'high',
    factors: ['METHADONE_INDUCTION', 'BENZODIAZEPINE', 'INJECTING'],
    overrides: [],
    mitigations: 'mummuun',
    nextChangeAt: '2026-03-26',
  },
  paul: {
    score: 21,
    tier: 'high',
    factors: ['MISSED_DOSES', 'MALE', 'AGE_40_PLUS'],
    overrides: ['MISSED_DOSES'],
    mitigations: 'mmmmmmn',
    nextChangeAt: '2026-03-19',
  },
  chloe: {
    score: 13,
    tier: 'high',
    factors: ['ANTIPSYCHOTIC', 'SUICIDALITY'],
    overrides: ['SUICIDALITY'],
    mitigations: 'mummmmn',
    nextChangeAt: '2026-03-28',
  },
  steve: {
    score: 22,
    tier: 'high',
    factors: ['HOSPITAL_DISCHARGE', 'MALE', 'AGE_40_PLUS', 'DRUG_ALERT'],
    overrides: ['HOSPITAL_DISCHARGE'],
    mitigations: 'mmmmmmn',
    nextChangeAt: '2026-03-28',
  },
  tony: {
    score: 20,
    tier: 'moderate',
    factors: ['NON_FATAL_OVERDOSE', 'NON_FATAL_OVERDOSE', 'MALE', 'AGE_40_PLUS'],
    overrides: [],
    mitigations: 'mmmmmmn',
    nextChangeAt: '2026-04-07',
  },
  aisha: {
    score: 0,
    tier: 'low',
    factors: [],
    overrides: [],
    mitigations: 'mmmmmmn',
    nextChangeAt: '2026-03-31',
  },
  darren: {
    score: 23,
    tier: 'moderate',
    factors: ['PRISON_RELEASE', 'NOT_IN_OST', 'MALE'],
    overrides: [],
    mitigations: 'mummuun',
    nextChangeAt: '2026-03-21',
  },
  femi: {
    score: 7,
    tier: 'low',
    factors: ['MALE'],
    overrides: [],
    mitigations: 'mmmmmmn',
    nextChangeAt: '2026-04-08',
  },
};

const capitalised = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

describe('worked vignettes, assessed on 16 March 2026', () => {
  it('has a vignette for every example file, and at least 12', () => {
    const files = readdirSync(examples)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace('.json', ''));
    expect(files.sort()).toEqual(Object.keys(vignettes).sort());
    expect(files.length).toBeGreaterThanOrEqual(12);
  });

  it.each(Object.entries(vignettes))('%s', (name, expected) => {
    const parsed = parseRiskFacts(JSON.parse(readFileSync(`${examples}${name}.json`, 'utf8')), AS_OF);
    if (!parsed.success) throw new Error(JSON.stringify(parsed.issues));
    const a = assessRisk(parsed.data, AS_OF);
    expect({
      score: a.score,
      tier: a.tier,
      factors: a.factors.map((f) => f.code),
      overrides: a.overrides.map((o) => o.code),
      mitigations: a.mitigations
        .map((m) => (m.status === 'not_applicable' ? 'n' : m.status.charAt(0)))
        .join(''),
      nextChangeAt: a.nextChangeAt,
    }).toEqual(expected);
    // The write-up in docs/risk-model.md gives the same score and tier.
    const row = docs.split('\n').find((line) => line.startsWith(`| ${capitalised(name)} `));
    expect(row, `docs/risk-model.md has no vignette row for ${capitalised(name)}`).toBeDefined();
    // Whitespace-tolerant, so the check survives Prettier padding the table.
    expect(row).toMatch(
      new RegExp(`\\|\\s*${expected.score}\\s*\\|\\s*${riskTierLabels[expected.tier]}\\s*\\|`),
    );
  });

  it('Kayleigh drops to moderate when her prison window moves on, and Darren becomes high on his 40th birthday', () => {
    const read = (name: string) => {
      const parsed = parseRiskFacts(JSON.parse(readFileSync(`${examples}${name}.json`, 'utf8')), AS_OF);
      if (!parsed.success) throw new Error(name);
      return parsed.data;
    };
    expect(assessRisk(read('kayleigh'), '2026-03-24')).toMatchObject({
      score: 24,
      tier: 'moderate',
      overrides: [],
    });
    expect(assessRisk(read('darren'), '2026-03-21')).toMatchObject({ score: 26, tier: 'high' });
  });
});
