import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import { startDispensing, type DispensingState } from './dispensing-types.ts';
import type { OstPlan } from './plan.ts';
import { checkPlanChange, type PlanChangeCheck } from './plan-check.ts';
import {
  deanInstalments,
  deanPlan,
  KEYWORKER_ID,
  nextVersion,
  planContext,
  steveInjection,
  stevePlan,
  TODAY,
} from './plan-testing.ts';
import type { RuleId } from './rules.ts';
import { OstSettings } from './settings.ts';
import { failureOf } from '../error-testing.ts';

const concerns = (check: PlanChangeCheck): string[] =>
  [...check.refusals, ...check.warnings].map((f) => `${f.ruleId} ${f.outcome}`);
const ruleOf = (check: PlanChangeCheck, id: RuleId): PlanChangeCheck['findings'] =>
  check.findings.filter((f) => f.ruleId === id);

/** Jamie (workflows.md): starting methadone today, supervised every day. */
function jamieStart(overrides: Partial<OstPlan> = {}): OstPlan {
  return deanPlan({
    phase: 'induction',
    doseMg: 30,
    courseStartedOn: TODAY,
    supervision: {
      mode: 'daily_supervised',
      supervisedDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      reasons: ['benzodiazepine_or_alcohol_use'],
      decidedOn: TODAY,
      reviewOn: addDays(TODAY, 28),
    },
    instalments: {
      form: 'FP10MDA',
      pickupDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      daysPerForm: 7,
      wording: ['consult_prescriber_after_3_missed_days', 'supervise_on_collection_days'],
    },
    reviewOn: addDays(TODAY, 14),
    ...overrides,
  });
}

describe('checkPlanChange: one entry point for every rule', () => {
  it('passes Dean’s continuing plan, showing every rule it applied', () => {
    const check = checkPlanChange(null, deanPlan(), planContext());
    expect(check.outcome).toBe('ok');
    expect(check.refusals).toEqual([]);
    expect(check.warnings).toEqual([]);
    const applied = new Set(check.findings.map((f) => f.ruleId));
    for (const id of [
      'OST-PLAN-PRESCRIBER',
      'OST-METH-TITRATION-STEP',
      'OST-METH-POST-INDUCTION-INCREASE',
      'OST-METH-MAINTENANCE-RANGE',
      'OST-ECG-QTC',
      'OST-COPRESCRIBED-SEDATIVE',
      'OST-SUP-TAKE-HOME-INDUCTION',
      'OST-SUP-TAKE-HOME-RISK',
      'OST-SUP-FIRST-REVIEW',
      'OST-INST-MAX-DAYS',
      'OST-INST-CONSULT-WORDING',
      'OST-REVIEW-INTERVAL',
    ] as const) {
      expect(applied.has(id), id).toBe(true);
    }
  });

  it('refuses a change made by anyone but a prescriber, and no reason can lift it', () => {
    const check = checkPlanChange(
      null,
      deanPlan(),
      planContext({ author: { id: KEYWORKER_ID, role: 'keyworker' } }),
    );
    expect(ruleOf(check, 'OST-PLAN-PRESCRIBER')).toMatchObject([
      { outcome: 'refused', overridable: false, message: 'Only a prescriber can change an OST plan.' },
    ]);
  });

  it('refuses versions that do not follow each other, or a plan naming another prescriber', () => {
    const v1 = deanPlan();
    expect(failureOf(() => checkPlanChange(null, nextVersion(v1), planContext()))).toBe('INVALID_INPUT');
    expect(failureOf(() => checkPlanChange(v1, { ...v1 }, planContext()))).toBe('INVALID_INPUT');
    expect(
      failureOf(() => checkPlanChange(v1, nextVersion(v1, { episodeId: KEYWORKER_ID }), planContext())),
    ).toBe('INVALID_INPUT');
    expect(
      failureOf(() =>
        checkPlanChange(v1, nextVersion(v1, { effectiveFrom: addDays(TODAY, -1) }), planContext()),
      ),
    ).toBe('INVALID_INPUT');
    expect(
      failureOf(() => checkPlanChange(null, deanPlan({ prescriberId: KEYWORKER_ID }), planContext())),
    ).toBe('INVALID_INPUT');
    // A switch of medicine is a new course: its start date is the day of the switch.
    const toBup = nextVersion(v1, { medicine: 'buprenorphine', doseMg: 8 });
    expect(failureOf(() => checkPlanChange(v1, toBup, planContext()))).toBe('INVALID_INPUT');
  });

  it('refuses malformed plans before any rule runs', () => {
    expect(() => checkPlanChange(null, deanPlan({ doseMg: -5 }), planContext())).toThrow();
    expect(() => checkPlanChange(null, deanPlan({ pharmacyId: null }), planContext())).toThrow(/pharmacy/);
    expect(() => checkPlanChange(null, deanPlan({ reason: 'ok' }), planContext())).toThrow(/say why/);
    const offPickup = deanPlan({
      supervision: { ...deanPlan().supervision, supervisedDays: ['tue'] },
    });
    expect(() => checkPlanChange(null, offPickup, planContext())).toThrow(/collection day/);
  });
});

describe('checkPlanChange: methadone', () => {
  it('applies the start rules to a new course: 10–30 mg, 20 mg with sedatives', () => {
    expect(concerns(checkPlanChange(null, jamieStart(), planContext()))).toEqual([]);
    expect(concerns(checkPlanChange(null, jamieStart({ doseMg: 40 }), planContext()))).toContain(
      'OST-METH-START-RANGE refused',
    );
    const withBenzos = planContext({ usesSedativesOrAlcohol: true });
    expect(concerns(checkPlanChange(null, jamieStart({ doseMg: 25 }), withBenzos))).toEqual([
      'OST-METH-START-SEDATIVES refused',
    ]);
  });

  it('refuses a titration step above 10 mg in induction (day 5: 30 → 45 mg)', () => {
    const start = jamieStart({ courseStartedOn: addDays(TODAY, -5), effectiveFrom: addDays(TODAY, -5) });
    const change = nextVersion(start, { doseMg: 45, effectiveFrom: TODAY });
    const check = checkPlanChange(start, change, planContext());
    expect(concerns(check)).toEqual(['OST-METH-TITRATION-STEP refused']);
  });

  it('warns, after induction, about an increase above 10 mg in one change (Dean 80 → 95 mg)', () => {
    const v1 = deanPlan();
    const check = checkPlanChange(v1, nextVersion(v1, { doseMg: 95 }), planContext());
    expect(concerns(check)).toEqual(['OST-METH-POST-INDUCTION-INCREASE warning']);
    expect(check.warnings[0]?.message).toContain('an increase of 15 mg (from 80 mg) is more than 10 mg');
    expect(concerns(checkPlanChange(v1, nextVersion(v1, { doseMg: 90 }), planContext()))).toEqual([]);
  });

  it('warns, after induction, about more than 30 mg of increases in 7 days', () => {
    const v1 = deanPlan();
    const history = [
      { on: addDays(TODAY, -20), doseMg: 60 },
      { on: addDays(TODAY, -6), doseMg: 70 },
      { on: addDays(TODAY, -3), doseMg: 80 },
    ];
    const atLimit = checkPlanChange(
      v1,
      nextVersion(v1, { doseMg: 90 }),
      planContext({ doseHistory: history }),
    );
    expect(concerns(atLimit)).toEqual([]);
    const fourSteps = [
      ...history.slice(0, 2),
      { on: addDays(TODAY, -4), doseMg: 80 },
      { on: addDays(TODAY, -2), doseMg: 90 },
    ];
    const v2 = deanPlan({ doseMg: 90 });
    const over = checkPlanChange(
      v2,
      nextVersion(v2, { doseMg: 100 }),
      planContext({ doseHistory: fourSteps }),
    );
    expect(concerns(over)).toEqual(['OST-METH-POST-INDUCTION-INCREASE warning']);
    expect(over.warnings[0]?.message).toContain('would total 40 mg, more than 30 mg in 7 days');
  });

  it('prompts an ECG above 100 mg and names each co-prescribed sedative with its evidence', () => {
    const v1 = deanPlan({ doseMg: 100 });
    const ctx = planContext({
      coMedication: { sedatives: ['BENZODIAZEPINE', 'Z_DRUG'], qtProlonging: false },
    });
    const check = checkPlanChange(v1, nextVersion(v1, { doseMg: 105 }), ctx);
    expect(ruleOf(check, 'OST-ECG-QTC')).toMatchObject([{ outcome: 'warning', prompt: 'ecg_qtc_check' }]);
    expect(ruleOf(check, 'OST-COPRESCRIBED-SEDATIVE').map((f) => f.riskFactor)).toEqual([
      'BENZODIAZEPINE',
      'Z_DRUG',
    ]);
  });
});

describe('checkPlanChange: supervision, instalments and review', () => {
  it('warns about take-home days at high risk and during induction', () => {
    const high = checkPlanChange(null, deanPlan(), planContext({ riskTier: 'high' }));
    expect(concerns(high)).toEqual(['OST-SUP-TAKE-HOME-RISK warning']);
    const induction = checkPlanChange(
      null,
      deanPlan({ phase: 'induction', courseStartedOn: TODAY, doseMg: 30 }),
      planContext(),
    );
    expect(concerns(induction)).toContain('OST-SUP-TAKE-HOME-INDUCTION warning');
  });

  it('refuses a form over 14 days (the law: no override) and warns without the 3-missed-days wording', () => {
    const long = deanPlan({ instalments: { ...deanInstalments, daysPerForm: 15 } });
    expect(ruleOf(checkPlanChange(null, long, planContext()), 'OST-INST-MAX-DAYS')).toMatchObject([
      { outcome: 'refused', overridable: false },
    ]);
    const noWording = deanPlan({ instalments: { ...deanInstalments, wording: [] } });
    expect(concerns(checkPlanChange(null, noWording, planContext()))).toEqual([
      'OST-INST-CONSULT-WORDING warning',
    ]);
  });

  it('refuses a next review more than 3 months after the last', () => {
    const late = deanPlan({ reviewOn: '2026-06-17' });
    expect(concerns(checkPlanChange(null, late, planContext()))).toEqual(['OST-REVIEW-INTERVAL refused']);
  });
});

/** Sandra (workflows.md): buprenorphine 16 mg a day, collected weekly. */
function sandraPlan(overrides: Partial<OstPlan> = {}): OstPlan {
  return deanPlan({
    medicine: 'buprenorphine',
    doseMg: 16,
    supervision: {
      mode: 'take_home',
      supervisedDays: [],
      reasons: ['stability'],
      decidedOn: TODAY,
      reviewOn: addDays(TODAY, 7),
    },
    instalments: { ...deanInstalments, pickupDays: ['mon'], daysPerForm: 14 },
    ...overrides,
  });
}

describe('checkPlanChange: buprenorphine and the injection', () => {
  it('needs the first-dose assessment to start sublingual buprenorphine, then applies its rules', () => {
    const start = sandraPlan({ courseStartedOn: TODAY, phase: 'induction', doseMg: 8 });
    expect(concerns(checkPlanChange(null, start, planContext()))).toContain(
      'OST-BUP-FIRST-DOSE-COWS refused',
    );
    const assessed = planContext({
      buprenorphineFirstDose: { cows: 14, lastHeroin: { kind: 'hours_ago', hours: 12 }, fromMethadone: null },
    });
    expect(concerns(checkPlanChange(null, start, assessed))).toEqual(['OST-SUP-TAKE-HOME-INDUCTION warning']);
    const tooSoon = planContext({
      buprenorphineFirstDose: { cows: 10, lastHeroin: { kind: 'unknown' }, fromMethadone: null },
    });
    expect(concerns(checkPlanChange(null, start, tooSoon))).toEqual(
      expect.arrayContaining([
        'OST-BUP-FIRST-DOSE-COWS refused',
        'OST-BUP-FIRST-DOSE-HEROIN-INTERVAL refused',
      ]),
    );
  });

  it('refuses a dose above the licensed maximum and warns above the usual range', () => {
    const v1 = sandraPlan();
    expect(concerns(checkPlanChange(v1, nextVersion(v1, { doseMg: 28 }), planContext()))).toEqual([
      'OST-BUP-LICENSED-MAX refused',
      'OST-BUP-MAINTENANCE-RANGE warning',
    ]);
  });

  it('converts from sublingual by the table and warns when the dose chosen differs', () => {
    const v1 = sandraPlan();
    const weekly = {
      medicine: 'buprenorphine_prolonged_release' as const,
      courseStartedOn: TODAY,
      supervision: stevePlan().supervision,
      instalments: null,
      pharmacyId: null,
    };
    const injection = {
      interval: 'weekly' as const,
      newStarter: false,
      testDoseGiven: false,
      lastGivenOn: null,
      nextDueOn: TODAY,
    };
    const table = nextVersion(v1, { ...weekly, doseMg: 24, injection });
    expect(concerns(checkPlanChange(v1, table, planContext()))).toEqual([]);
    const off = nextVersion(v1, { ...weekly, doseMg: 32, injection });
    expect(checkPlanChange(v1, off, planContext()).warnings[0]?.message).toBe(
      'From 16 mg a day the table gives 24 mg weekly; 32 mg was chosen. Record the reason.',
    );
    const monthlyTooSoon = nextVersion(v1, {
      ...weekly,
      doseMg: 96,
      injection: { ...injection, interval: 'monthly' },
    });
    expect(
      concerns(checkPlanChange(v1, monthlyTooSoon, planContext({ weeklyInjectionsGiven: 2 }))),
    ).toContain('OST-PRB-WEEKLY-BEFORE-MONTHLY refused');
  });

  it('refuses a switch from methadone straight to the injection, which only sublingual buprenorphine converts to', () => {
    const v1 = deanPlan();
    const straight = nextVersion(v1, {
      medicine: 'buprenorphine_prolonged_release',
      courseStartedOn: TODAY,
      effectiveFrom: TODAY,
      doseMg: 24,
      supervision: stevePlan().supervision,
      instalments: null,
      pharmacyId: null,
      injection: {
        interval: 'weekly',
        newStarter: false,
        testDoseGiven: false,
        lastGivenOn: null,
        nextDueOn: TODAY,
      },
    });
    const check = checkPlanChange(v1, straight, planContext());
    const refusal = check.refusals.find((f) => f.ruleId === 'OST-PRB-CONVERSION');
    expect(refusal?.message).toMatch(/^From methadone, switch to sublingual buprenorphine first/);
    expect(refusal?.overridable).toBe(false);
    expect(check.outcome).toBe('refused');
  });

  it('refuses a switch to the injection before the sublingual dose is established (7 days)', () => {
    const injection = {
      medicine: 'buprenorphine_prolonged_release' as const,
      courseStartedOn: TODAY,
      doseMg: 24,
      supervision: stevePlan().supervision,
      instalments: null,
      pharmacyId: null,
      injection: {
        interval: 'weekly' as const,
        newStarter: false,
        testDoseGiven: false,
        lastGivenOn: null,
        nextDueOn: TODAY,
      },
    };
    const refusalOf = (startedDaysAgo: number) => {
      const v1 = sandraPlan({ courseStartedOn: addDays(TODAY, -startedDaysAgo), phase: 'stabilisation' });
      return checkPlanChange(v1, nextVersion(v1, injection), planContext()).refusals.find(
        (f) => f.ruleId === 'OST-PRB-CONVERSION',
      );
    };
    expect(refusalOf(0)?.message).toBe(
      'Sublingual buprenorphine started today: keep to it for at least 7 days before switching to the injection.',
    );
    expect(refusalOf(6)?.message).toMatch(/^Sublingual buprenorphine started 6 days ago/);
    expect(refusalOf(6)?.overridable).toBe(false);
    expect(refusalOf(7)).toBeUndefined();
  });

  it('checks a new starter’s test dose and the injection’s due window', () => {
    const newStarter = stevePlan({
      doseMg: 16,
      courseStartedOn: TODAY,
      injection: {
        interval: 'weekly',
        newStarter: true,
        testDoseGiven: false,
        lastGivenOn: null,
        nextDueOn: TODAY,
      },
    });
    expect(concerns(checkPlanChange(null, newStarter, planContext()))).toEqual(['OST-PRB-TEST-DOSE refused']);
    expect(concerns(checkPlanChange(null, stevePlan(), planContext({ weeklyInjectionsGiven: 4 })))).toEqual(
      [],
    );
    const early = stevePlan({ injection: { ...steveInjection, nextDueOn: '2026-03-01' } });
    expect(concerns(checkPlanChange(null, early, planContext({ weeklyInjectionsGiven: 4 })))).toEqual([
      'OST-PRB-DUE-WINDOW refused',
    ]);
  });

  it('never lets an injection be taken home', () => {
    const home = stevePlan({
      supervision: { ...stevePlan().supervision, mode: 'take_home', supervisedDays: [] },
    });
    expect(
      ruleOf(
        checkPlanChange(null, home, planContext({ weeklyInjectionsGiven: 4 })),
        'OST-PRB-NEVER-TAKE-HOME',
      ),
    ).toMatchObject([{ outcome: 'refused', overridable: false }]);
  });
});

describe('checkPlanChange: restarts after missed days', () => {
  /** Paul (workflows.md): methadone 70 mg since 2019, `days` days without a dose. */
  function paulAfter(days: number): DispensingState {
    const start = startDispensing({
      medicine: 'methadone',
      phase: 'maintenance',
      doseMg: 70,
      firstDoseOn: addDays(TODAY, -days),
      lastDoseIncreaseOn: null,
    });
    return { ...start, daysWithoutDose: days, blocked: days >= 3, nextDoseOn: TODAY };
  }
  const paul = deanPlan({ doseMg: 70 });

  it('leaves a restart of 3–4 days to the prescriber when the ladder is off', () => {
    const check = checkPlanChange(paul, nextVersion(paul), planContext({ dispensing: paulAfter(4) }));
    expect(concerns(check)).toEqual([]);
    expect(ruleOf(check, 'OST-DISP-RESTART-LADDER')).toHaveLength(1);
  });

  it('prompts a new induction after 5 or more days without a dose, and accepts one', () => {
    const same = checkPlanChange(paul, nextVersion(paul), planContext({ dispensing: paulAfter(5) }));
    expect(ruleOf(same, 'OST-DISP-REINDUCTION')).toMatchObject([
      { outcome: 'warning', prompt: 're_induction' },
    ]);
    const restart = nextVersion(paul, {
      phase: 'induction',
      courseStartedOn: TODAY,
      doseMg: 20,
      supervision: jamieStart().supervision,
      instalments: jamieStart().instalments,
    });
    const check = checkPlanChange(paul, restart, planContext({ dispensing: paulAfter(6) }));
    expect(concerns(check)).toEqual([]);
    expect(ruleOf(check, 'OST-METH-START-RANGE')).toHaveLength(1);
  });

  it('counts days nobody recorded at the pharmacy as days without a dose', () => {
    const unrecorded = { ...paulAfter(0), nextDoseOn: addDays(TODAY, -6) };
    const check = checkPlanChange(paul, nextVersion(paul), planContext({ dispensing: unrecorded }));
    expect(ruleOf(check, 'OST-DISP-REINDUCTION')).toMatchObject([{ outcome: 'warning' }]);
  });

  it('applies the service’s restart ladder when it is on', () => {
    const ladder = OstSettings.parse({ restartLadderEnabled: true });
    const check = checkPlanChange(paul, nextVersion(paul), planContext({ dispensing: paulAfter(3) }), ladder);
    expect(concerns(check)).toEqual(['OST-DISP-RESTART-LADDER refused']);
  });
});
