import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../dates.ts';
import { eventDetails } from '../events.ts';
import { ostMedicines } from '../medicines.ts';
import { sexes } from '../person.ts';
import { assessRisk } from './assess.ts';
import { riskTiers } from './codes.ts';
import { cappedPoints } from './domains.ts';
import {
  healthConditions,
  housingStatuses,
  type RiskFacts,
  riskSubstances,
  treatmentStatuses,
} from './facts.ts';
import { riskFlags } from './flags.ts';
import { parseRiskFacts } from './parse.ts';
import { compactAssessment, expandAssessment, storedAssessment } from './stored.ts';
import { blankFacts, withoutDay } from './test-fixtures.ts';

/**
 * Properties over random valid facts: every generated record is checked against the schema first, so a
 * property can never pass on facts the model would refuse.
 */

const asOfArb = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2022-01-01', n));
// Days before the assessment date, weighted towards the first weeks where the windows change fastest.
const ago = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 500 }));
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

const rawArb = fc.record({
  sex: fc.constantFrom(...sexes),
  ageDays: fc.integer({ min: 16 * 366, max: 75 * 366 }),
  usesOpioids: fc.boolean(),
  treatmentStatus: fc.constantFrom(...treatmentStatuses),
  ost: opt(
    fc.record({ medicine: fc.constantFrom(...ostMedicines), doseMg: fc.integer({ min: 1, max: 200 }), ago }),
  ),
  missed: fc.integer({ min: 0, max: 6 }),
  prisonReleases: fc.array(ago, { maxLength: 3 }),
  discharges: fc.array(fc.record({ ago, stay: opt(fc.integer({ min: 0, max: 30 })), self: fc.boolean() }), {
    maxLength: 3,
  }),
  exits: fc.array(
    fc.record({ ago, reason: fc.constantFrom(...eventDetails.ost_exit.shape.reason.options) }),
    { maxLength: 2 },
  ),
  detox: fc.array(ago, { maxLength: 2 }),
  overdoses: fc.array(ago, { maxLength: 4 }),
  suicidality: fc.array(ago, { maxLength: 2 }),
  substances: fc.uniqueArray(
    fc.record({
      substance: fc.constantFrom(...riskSubstances),
      source: fc.constantFrom('prescribed' as const, 'illicit' as const),
      dailyDoseMg: opt(fc.integer({ min: 1, max: 900 })),
    }),
    { selector: (s) => `${s.substance}/${s.source}`, maxLength: 4 },
  ),
  conditions: fc.subarray([...healthConditions]),
  housing: fc.constantFrom(...housingStatuses),
  injected: opt(ago),
  alcohol: fc.record({
    auditScore: opt(fc.integer({ min: 0, max: 40 })),
    auditCScore: opt(fc.integer({ min: 0, max: 12 })),
    clinicianRecordedHarmful: fc.boolean(),
  }),
  usesAlone: fc.boolean(),
  kits: fc.array(
    fc.record({
      ago,
      life: fc.integer({ min: 0, max: 1200 }),
      report: opt(
        fc.record({
          after: fc.nat(),
          outcome: fc.constantFrom(
            'used' as const,
            'lost' as const,
            'expired' as const,
            'confiscated' as const,
          ),
        }),
      ),
    }),
    { maxLength: 3 },
  ),
  contact: opt(ago),
  review: opt(ago),
  plan: opt(
    fc.record({ ago, whoToCall: fc.boolean(), whereTheyUse: fc.boolean(), emergencyWishes: fc.boolean() }),
  ),
  sedativeReview: opt(ago),
  bbv: opt(ago),
  check: opt(ago),
  alert: opt(
    fc.record({ ago: fc.integer({ min: 0, max: 60 }), length: opt(fc.integer({ min: 0, max: 120 })) }),
  ),
  flags: fc.subarray([...riskFlags]),
});

type Raw = typeof rawArb extends fc.Arbitrary<infer T> ? T : never;

function build(raw: Raw, asOf: string): RiskFacts {
  const on = (days: number) => addDays(asOf, -days);
  const ost = raw.ost;
  return {
    sex: raw.sex,
    dateOfBirth: on(raw.ageDays),
    usesOpioids: raw.usesOpioids,
    treatmentStatus: raw.treatmentStatus,
    currentOst: ost === null ? null : { medicine: ost.medicine, doseMg: ost.doseMg, startedOn: on(ost.ago) },
    consecutiveMissedDoses: ost === null ? 0 : raw.missed,
    prisonReleases: raw.prisonReleases.map(on),
    hospitalDischarges: raw.discharges.map((d) => ({
      dischargedOn: on(d.ago),
      admittedOn: d.stay === null ? null : on(d.ago + d.stay),
      selfDischarged: d.self,
    })),
    // An exit must not follow the current start: clamp it to the start day or earlier.
    ostExits: raw.exits.map((e) => ({
      exitedOn: on(ost === null ? e.ago : Math.max(e.ago, ost.ago)),
      reason: e.reason,
    })),
    detoxCompletions: raw.detox.map((d) => ({ completedOn: on(d), setting: 'inpatient' as const })),
    nonFatalOverdoses: raw.overdoses.map(on),
    suicidalityRecordedOn: raw.suicidality.map(on),
    substances: raw.substances,
    conditions: raw.conditions,
    housing: raw.housing,
    lastInjectedOn: raw.injected === null ? null : on(raw.injected),
    alcohol: raw.alcohol,
    usesAlone: raw.usesAlone,
    naloxoneSupplies: raw.kits.map((k) => ({
      suppliedOn: on(k.ago),
      expiresOn: on(k.ago - k.life),
      reportedOn: k.report === null ? null : on(k.ago - (k.report.after % (k.ago + 1))),
      reportedOutcome: k.report === null ? null : k.report.outcome,
    })),
    lastContactOn: raw.contact === null ? null : on(raw.contact),
    lastCaseReviewOn: raw.review === null ? null : on(raw.review),
    safetyPlan:
      raw.plan === null
        ? null
        : {
            recordedOn: on(raw.plan.ago),
            whoToCall: raw.plan.whoToCall,
            whereTheyUse: raw.plan.whereTheyUse,
            emergencyWishes: raw.plan.emergencyWishes,
          },
    sedativeReviewedOn: raw.sedativeReview === null ? null : on(raw.sedativeReview),
    lastBbvTestOn: raw.bbv === null ? null : on(raw.bbv),
    lastHealthCheckOn: raw.check === null ? null : on(raw.check),
    drugAlert:
      raw.alert === null
        ? null
        : {
            issuedOn: on(raw.alert.ago),
            endsOn: raw.alert.length === null ? null : on(raw.alert.ago - raw.alert.length),
            summary: 'Nitazenes in heroin',
          },
    flags: raw.flags,
  };
}

const factsArb = fc.tuple(rawArb, asOfArb).map(([raw, asOf]) => ({ facts: build(raw, asOf), asOf }));

/** One risk fact added to a record: each can only add risk. */
type Addition = (facts: RiskFacts, asOf: string) => RiskFacts;
const additionArb: fc.Arbitrary<readonly [string, Addition]> = fc.oneof(
  ago.map(
    (d) =>
      [
        'prison release',
        (f: RiskFacts, asOf: string) => ({ ...f, prisonReleases: [...f.prisonReleases, addDays(asOf, -d)] }),
      ] as const,
  ),
  fc.tuple(ago, fc.boolean()).map(
    ([d, self]) =>
      [
        'hospital discharge',
        (f: RiskFacts, asOf: string) => ({
          ...f,
          hospitalDischarges: [
            ...f.hospitalDischarges,
            { dischargedOn: addDays(asOf, -d), admittedOn: null, selfDischarged: self },
          ],
        }),
      ] as const,
  ),
  ago.map(
    (d) =>
      [
        'OST exit',
        (f: RiskFacts, asOf: string) => {
          const start = f.currentOst === null ? asOf : f.currentOst.startedOn;
          const exitedOn = addDays(asOf, -d) < start ? addDays(asOf, -d) : start;
          return { ...f, ostExits: [...f.ostExits, { exitedOn, reason: 'unplanned' as const }] };
        },
      ] as const,
  ),
  ago.map(
    (d) =>
      [
        'detox',
        (f: RiskFacts, asOf: string) => ({
          ...f,
          detoxCompletions: [
            ...f.detoxCompletions,
            { completedOn: addDays(asOf, -d), setting: 'residential' as const },
          ],
        }),
      ] as const,
  ),
  ago.map(
    (d) =>
      [
        'overdose',
        (f: RiskFacts, asOf: string) => ({
          ...f,
          nonFatalOverdoses: [...f.nonFatalOverdoses, addDays(asOf, -d)],
        }),
      ] as const,
  ),
  ago.map(
    (d) =>
      [
        'suicidality',
        (f: RiskFacts, asOf: string) => ({
          ...f,
          suicidalityRecordedOn: [...f.suicidalityRecordedOn, addDays(asOf, -d)],
        }),
      ] as const,
  ),
  fc.constantFrom(...riskSubstances).map(
    (substance) =>
      [
        'substance',
        (f: RiskFacts) =>
          f.substances.some((s) => s.substance === substance && s.source === 'illicit')
            ? f
            : {
                ...f,
                substances: [...f.substances, { substance, source: 'illicit' as const, dailyDoseMg: null }],
              },
      ] as const,
  ),
  fc
    .constantFrom(...healthConditions)
    .map(
      (c) =>
        [
          'condition',
          (f: RiskFacts) => (f.conditions.includes(c) ? f : { ...f, conditions: [...f.conditions, c] }),
        ] as const,
    ),
  fc.constant(['rough sleeping', (f: RiskFacts) => ({ ...f, housing: 'rough_sleeping' as const })] as const),
  ago.map(
    (d) =>
      [
        'injecting',
        (f: RiskFacts, asOf: string) => {
          const on = addDays(asOf, -d);
          return {
            ...f,
            lastInjectedOn: f.lastInjectedOn !== null && f.lastInjectedOn > on ? f.lastInjectedOn : on,
          };
        },
      ] as const,
  ),
  fc.constant([
    'harmful drinking',
    (f: RiskFacts) => ({ ...f, alcohol: { ...f.alcohol, clinicianRecordedHarmful: true } }),
  ] as const),
  fc.constant(['uses alone', (f: RiskFacts) => ({ ...f, usesAlone: true })] as const),
  fc.constant(['uses opioids', (f: RiskFacts) => ({ ...f, usesOpioids: true })] as const),
  fc.constant(['male', (f: RiskFacts) => ({ ...f, sex: 'male' as const })] as const),
  fc
    .integer({ min: 1, max: 5 })
    .map(
      (n) =>
        [
          'missed doses',
          (f: RiskFacts) =>
            f.currentOst === null ? f : { ...f, consecutiveMissedDoses: f.consecutiveMissedDoses + n },
        ] as const,
    ),
  fc.constant([
    'drug alert',
    (f: RiskFacts, asOf: string) =>
      f.drugAlert === null ? { ...f, drugAlert: { issuedOn: asOf, endsOn: null, summary: 'Nitazenes' } } : f,
  ] as const),
);

const rank = (tier: string) => riskTiers.indexOf(tier as (typeof riskTiers)[number]);

describe('properties of the model over random valid facts', () => {
  it('generates only facts the schema accepts', () => {
    fc.assert(
      fc.property(factsArb, ({ facts, asOf }) => {
        expect(parseRiskFacts(facts, asOf)).toEqual({ success: true, data: facts });
      }),
    );
  });

  it('adding a risk fact never lowers the score or the tier', () => {
    fc.assert(
      fc.property(
        factsArb,
        fc.array(additionArb, { minLength: 1, maxLength: 3 }),
        ({ facts, asOf }, additions) => {
          const more = additions.reduce((f, [, add]) => add(f, asOf), facts);
          expect(parseRiskFacts(more, asOf).success).toBe(true);
          const before = assessRisk(facts, asOf);
          const after = assessRisk(more, asOf);
          expect(after.score).toBeGreaterThanOrEqual(before.score);
          expect(rank(after.tier)).toBeGreaterThanOrEqual(rank(before.tier));
        },
      ),
    );
  });

  it('recording an OST exit never lowers the score, even when the transitions cap absorbs it', () => {
    const offOst = fc.tuple(rawArb, asOfArb).map(([raw, asOf]) => ({
      facts: { ...build({ ...raw, ost: null, exits: [] }, asOf), usesOpioids: true },
      asOf,
    }));
    fc.assert(
      fc.property(offOst, fc.integer({ min: 0, max: 40 }), ({ facts, asOf }, d) => {
        const exited = {
          ...facts,
          ostExits: [{ exitedOn: addDays(asOf, -d), reason: 'unplanned' as const }],
        };
        expect(assessRisk(exited, asOf).score).toBeGreaterThanOrEqual(assessRisk(facts, asOf).score);
      }),
      { numRuns: 1000 },
    );
  });

  it('the score is the sum of the capped points shown', () => {
    fc.assert(
      fc.property(factsArb, ({ facts, asOf }) => {
        const a = assessRisk(facts, asOf);
        const byDomain = new Map<string, number>();
        for (const f of a.factors) byDomain.set(f.domain, (byDomain.get(f.domain) ?? 0) + f.points);
        let sum = 0;
        for (const d of a.domains) {
          expect(d.points).toBe(byDomain.get(d.domain) ?? 0);
          expect(d.counted).toBe(cappedPoints(d.domain, d.points));
          sum += d.counted;
        }
        expect(a.score).toBe(sum);
      }),
    );
  });

  it('every window expires: in the far future only always, while-current and the open-ended overdose band remain', () => {
    fc.assert(
      fc.property(factsArb, ({ facts, asOf }) => {
        const later = assessRisk(facts, addDays(asOf, 20_000));
        for (const factor of later.factors) {
          const openEnded = factor.window.kind === 'days' && factor.window.toDay === null;
          expect(factor.window.kind !== 'days' || openEnded, factor.code).toBe(true);
          expect(factor.window.endsOn, factor.code).toBeNull();
        }
        expect(later.overrides.every((o) => o.code === 'MISSED_DOSES')).toBe(true);
        expect(later.nextChangeAt).toBeNull();
      }),
    );
  });

  it('nothing changes before nextChangeAt, and something changes on it', () => {
    fc.assert(
      fc.property(factsArb, fc.double({ min: 0, max: 1, noNaN: true }), ({ facts, asOf }, where) => {
        const today = assessRisk(facts, asOf);
        if (today.nextChangeAt === null) {
          expect(withoutDay(assessRisk(facts, addDays(asOf, 1000)))).toEqual(withoutDay(today));
          return;
        }
        const gap = daysBetween(asOf, today.nextChangeAt);
        expect(gap).toBeGreaterThan(0);
        const somewhere = addDays(asOf, Math.floor(where * (gap - 1)));
        expect(withoutDay(assessRisk(facts, somewhere))).toEqual(withoutDay(today));
        expect(withoutDay(assessRisk(facts, addDays(today.nextChangeAt, -1)))).toEqual(withoutDay(today));
        expect(withoutDay(assessRisk(facts, today.nextChangeAt))).not.toEqual(withoutDay(today));
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic and leaves the facts untouched', () => {
    fc.assert(
      fc.property(factsArb, ({ facts, asOf }) => {
        const copy = structuredClone(facts);
        expect(assessRisk(facts, asOf)).toEqual(assessRisk(copy, asOf));
        expect(facts).toEqual(copy);
      }),
    );
  });

  it('adding nothing but flags changes no score', () => {
    const facts = blankFacts({ flags: [...riskFlags] });
    const a = assessRisk(facts, '2026-03-16');
    expect(a.score).toBe(0);
    expect(a.flags.map((f) => f.flag)).toEqual([...riskFlags]);
  });
});

describe('the assessment as the projection stores it', () => {
  it('gives back, from its compact form read as JSON, exactly the stored assessment', () => {
    fc.assert(
      fc.property(factsArb, ({ facts, asOf }) => {
        const assessment = assessRisk(facts, asOf);
        const column = JSON.parse(JSON.stringify(compactAssessment(assessment))) as ReturnType<
          typeof compactAssessment
        >;
        expect(expandAssessment(column)).toEqual(storedAssessment(assessment));
      }),
      { numRuns: 500 },
    );
  });

  it('shows a row of an older model version whose codes the tables no longer have by its codes, not an error', () => {
    const old = compactAssessment(
      assessRisk(blankFacts({ sex: 'male', dateOfBirth: '1970-01-01' }), '2026-03-16'),
    );
    const [factor] = old.factors;
    const [mitigation] = old.mitigations;
    if (!factor || !mitigation) throw new Error('the fixture has a factor and a mitigation');
    const retired = {
      ...old,
      factors: [{ ...factor, code: 'RETIRED_FACTOR' as never }],
      flags: ['retired_flag' as never],
      mitigations: [{ ...mitigation, code: 'retired_mitigation' as never }],
    };
    const shown = expandAssessment(JSON.parse(JSON.stringify(retired)) as typeof retired);
    expect(shown.factors[0]?.label).toBe('RETIRED_FACTOR');
    expect(shown.flags[0]?.label).toBe('retired_flag');
    expect(shown.mitigations[0]?.label).toBe('retired_mitigation');
  });
});
