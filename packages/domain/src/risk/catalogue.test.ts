import { describe, expect, it } from 'vitest';
import { catalogueByCode, riskFactorCatalogue } from './catalogue.ts';
import { RiskFactorDefinition } from './catalogue-schema.ts';
import { RISK_MODEL_VERSION, riskFactorCodes } from './codes.ts';
import { riskDomainDefinitions } from './domains.ts';

/**
 * The catalogue against drd-risk.md, written out again by hand: a weight changed in place fails here, and the
 * fix is a new model version (with a hazard log entry), not a new expected value.
 */
const brief = {
  PRISON_RELEASE: 'd0–14: 20 · d15–28: 5 · d29–84: 2',
  HOSPITAL_DISCHARGE: 'd0–2: 15 · d3–14: 7 · d15–90: 3',
  SELF_DISCHARGE: 'd0–28: 7',
  OST_EXIT: 'd0–14: 22 · d15–28: 21',
  TOLERANCE_LOSS: 'd0–28: 20',
  METHADONE_INDUCTION: 'd0–14: 11',
  MISSED_DOSES: 'while current: 11',
  NON_FATAL_OVERDOSE: 'd0–90: 7 · d91–365: 3 · d366+: 2',
  NOT_IN_OST: 'while current: 11',
  BENZODIAZEPINE: 'while current: 11',
  GABAPENTINOID: 'while current: 8',
  Z_DRUG: 'while current: 3',
  ANTIPSYCHOTIC: 'while current: 6',
  ALCOHOL: 'while current: 9',
  INJECTING: 'while current: 8',
  USING_ALONE: 'while current: 3',
  SUICIDALITY: 'd0–28: 7',
  CHRONIC_LUNG_DISEASE: 'while current: 5',
  LIVER_DISEASE: 'while current: 5',
  HOMELESS: 'while current: 3',
  MALE: 'always: 7',
  AGE_40_PLUS: 'always: 3',
  DRUG_ALERT: 'while current: 5',
} as const;

const briefDomains = {
  transitions: [
    'PRISON_RELEASE',
    'HOSPITAL_DISCHARGE',
    'SELF_DISCHARGE',
    'OST_EXIT',
    'TOLERANCE_LOSS',
    'METHADONE_INDUCTION',
    'MISSED_DOSES',
  ],
  overdose_history: ['NON_FATAL_OVERDOSE'],
  substances: [
    'BENZODIAZEPINE',
    'GABAPENTINOID',
    'Z_DRUG',
    'ANTIPSYCHOTIC',
    'ALCOHOL',
    'INJECTING',
    'USING_ALONE',
  ],
  treatment: ['NOT_IN_OST'],
  mental_health: ['SUICIDALITY'],
  physical_health: ['CHRONIC_LUNG_DISEASE', 'LIVER_DISEASE'],
  social: ['HOMELESS'],
  demographics: ['MALE', 'AGE_40_PLUS'],
  environment: ['DRUG_ALERT'],
} as const;

const briefCaps = {
  transitions: 30,
  overdose_history: 20,
  substances: 25,
  treatment: null,
  mental_health: null,
  physical_health: 10,
  social: 6,
  demographics: null,
  environment: null,
} as const;

const expertJudgement = [
  'TOLERANCE_LOSS',
  'MISSED_DOSES',
  'USING_ALONE',
  'CHRONIC_LUNG_DISEASE',
  'LIVER_DISEASE',
  'AGE_40_PLUS',
  'DRUG_ALERT',
];

const briefOverrides = {
  PRISON_RELEASE: 'd0–14',
  HOSPITAL_DISCHARGE: 'd0–14',
  OST_EXIT: 'd0–28',
  TOLERANCE_LOSS: 'd0–28',
  NON_FATAL_OVERDOSE: 'd0–28',
  SUICIDALITY: 'd0–28',
  MISSED_DOSES: 'while current',
} as const;

function pointsText(d: RiskFactorDefinition): string {
  return d.windows
    .map((w) =>
      w.kind === 'days'
        ? `d${w.fromDay}${w.toDay === null ? '+' : `–${w.toDay}`}: ${w.points}`
        : `${w.kind === 'always' ? 'always' : 'while current'}: ${w.points}`,
    )
    .join(' · ');
}

describe(`factor catalogue, model ${RISK_MODEL_VERSION}`, () => {
  it('is the brief’s 2026.1 weights with the 2026.2 transfer change (docs/risk-model.md "Changes")', () => {
    expect(RISK_MODEL_VERSION).toBe('2026.2');
  });

  it('has every code exactly once, in the brief order, each a well-formed definition', () => {
    expect(riskFactorCatalogue.map((d) => d.code)).toEqual([...riskFactorCodes]);
    for (const definition of riskFactorCatalogue) {
      expect(RiskFactorDefinition.safeParse(definition).success, definition.code).toBe(true);
      expect(catalogueByCode[definition.code]).toBe(definition);
    }
  });

  it('gives the points per window of drd-risk.md, including the extras', () => {
    for (const d of riskFactorCatalogue) expect(pointsText(d), d.code).toBe(brief[d.code]);
    expect(catalogueByCode.GABAPENTINOID.extra).toEqual({ condition: 'pregabalin > 300 mg/day', points: 4 });
    expect(catalogueByCode.NON_FATAL_OVERDOSE.perEvent).toEqual({ atMost: 2, openEndedOnce: true });
    expect(riskFactorCatalogue.filter((d) => d.extra !== null || d.perEvent !== null)).toHaveLength(2);
  });

  it('puts every factor in the domain of the brief, with its cap', () => {
    for (const [domain, codes] of Object.entries(briefDomains)) {
      const actual = riskFactorCatalogue.filter((d) => d.domain === domain).map((d) => d.code);
      expect(actual, domain).toEqual([...codes]);
    }
    for (const [domain, cap] of Object.entries(briefCaps)) {
      expect(riskDomainDefinitions[domain as keyof typeof briefCaps].cap, domain).toBe(cap);
    }
  });

  it('marks exactly the expert-judgement weights as such', () => {
    const graded = riskFactorCatalogue.filter((d) => d.grade === 'expert-judgement').map((d) => d.code);
    expect(graded).toEqual(expertJudgement);
  });

  it('has the overrides of the brief and no others', () => {
    const overrides = Object.fromEntries(
      riskFactorCatalogue
        .filter((d) => d.override !== null)
        .map((d) => [
          d.code,
          d.override?.kind === 'days' ? `d${d.override.fromDay}–${d.override.toDay}` : 'while current',
        ]),
    );
    expect(overrides).toEqual(briefOverrides);
  });

  it('never raises points with time, so the newest event always outweighs an older one', () => {
    for (const d of riskFactorCatalogue) {
      const days = d.windows.filter((w) => w.kind === 'days');
      days.forEach((w, i) => {
        const next = days[i + 1];
        if (next === undefined) return;
        expect(next.fromDay, d.code).toBe((w.toDay ?? Number.NaN) + 1);
        expect(next.points, d.code).toBeLessThanOrEqual(w.points);
      });
      if (days.length > 0) expect(days[0]?.fromDay, d.code).toBe(0);
    }
  });

  it('has evidence for every factor and no text that would break a markdown table', () => {
    for (const d of riskFactorCatalogue) {
      expect(d.evidence.length, d.code).toBeGreaterThan(0);
      const texts = [d.label, ...d.evidence.flatMap((e) => [e.study, e.population, e.effect])];
      for (const text of texts) expect(text, d.code).not.toMatch(/[|\n]/);
    }
  });
});
