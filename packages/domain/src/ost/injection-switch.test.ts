import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import {
  draftFromInjectionSwitchForm,
  injectionSwitchFormValues,
  injectionSwitchProblem,
  injectionSwitchSuggestion,
  PlanInjectionSwitchForm,
} from './injection-switch.ts';
import { checkPlanChange } from './plan-check.ts';
import { OstPlan } from './plan.ts';
import {
  deanPlan,
  EPISODE_ID,
  PERSON_ID,
  planContext,
  PRESCRIBER_ID,
  stevePlan,
  TODAY,
} from './plan-testing.ts';

/** Sublingual buprenorphine 16 mg a day, in maintenance for a year, at the pharmacy. */
const sublingual = deanPlan({
  medicine: 'buprenorphine',
  doseMg: 16,
  courseStartedOn: '2025-03-03',
  effectiveFrom: '2026-03-02',
});

const form = {
  expectedVersion: 1,
  interval: 'weekly',
  doseMg: 24,
  effectiveFrom: TODAY,
  reviewOn: '2026-03-23',
  supervisionReasons: ['stability'],
  supervisionReviewOn: '2026-03-23',
  qtProlonging: false,
  toleranceUncertain: false,
  reason: 'They asked for the injection, to stop daily collections.',
} as const;

const switched = (answers: object, current: OstPlan = sublingual) => {
  const plan = OstPlan.parse({
    ...draftFromInjectionSwitchForm(current, PlanInjectionSwitchForm.parse(answers), TODAY),
    personId: PERSON_ID,
    episodeId: EPISODE_ID,
    prescriberId: PRESCRIBER_ID,
    version: current.version + 1,
  });
  return { plan, check: checkPlanChange(current, plan, planContext()) };
};

describe('PlanInjectionSwitchForm and draftFromInjectionSwitchForm', () => {
  it('switches 16 mg sublingual to the table’s 24 mg weekly: a new course from the first injection, allowed', () => {
    const { plan, check } = switched(form);
    expect(plan).toMatchObject({
      version: 2,
      medicine: 'buprenorphine_prolonged_release',
      phase: 'induction',
      doseMg: 24,
      courseStartedOn: TODAY,
      effectiveFrom: TODAY,
      instalments: null,
      pharmacyId: null,
      injection: {
        interval: 'weekly',
        newStarter: false,
        testDoseGiven: false,
        lastGivenOn: null,
        nextDueOn: TODAY,
      },
      supervision: { mode: 'daily_supervised', supervisedDays: ['mon'] },
    });
    expect(check.refusals).toEqual([]);
    expect(check.warnings.map((f) => f.ruleId)).not.toContain('OST-PRB-CONVERSION');
    expect(check.findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'OST-PRB-CONVERSION',
        outcome: 'ok',
        message: '16 mg a day is in the 12–16 mg band.',
      }),
    );
  });

  it('warns (OST-PRB-CONVERSION, a reason lifts it) for a dose other than the table’s', () => {
    const { check } = switched({ ...form, doseMg: 16 });
    expect(check.refusals).toEqual([]);
    const warning = check.warnings.find((f) => f.ruleId === 'OST-PRB-CONVERSION');
    expect(warning?.message).toBe(
      'From 16 mg a day the table gives 24 mg weekly; 16 mg was chosen. Record the reason.',
    );
    expect(warning?.overridable).toBe(true);
  });

  it('leaves monthly to the rules: refused before 4 weekly injections', () => {
    const { check } = switched({ ...form, interval: 'monthly', doseMg: 96 });
    expect(check.refusals.map((f) => f.ruleId)).toContain('OST-PRB-WEEKLY-BEFORE-MONTHLY');
  });

  it('refuses an injection plan, and methadone, with words saying what to do instead', () => {
    expect(() => switched(form, stevePlan())).toThrow(
      new DomainError(
        'INVALID_INPUT',
        'The plan is already the prolonged-release injection: to change its dose or schedule, use the injection change form',
      ),
    );
    expect(injectionSwitchProblem(stevePlan())).toMatch(/already the prolonged-release injection/);
    expect(injectionSwitchProblem(deanPlan())).toMatch(
      /^Switch from methadone to sublingual buprenorphine first/,
    );
    expect(() => switched(form, deanPlan())).toThrow(/sublingual buprenorphine first/);
    expect(injectionSwitchProblem({ medicine: 'buprenorphine_naloxone' })).toBeNull();
  });

  it('asks weekly or monthly, and the version it was opened at', () => {
    const read = PlanInjectionSwitchForm.safeParse({
      ...form,
      interval: undefined,
      expectedVersion: undefined,
    });
    expect(read.error?.issues.map((i) => i.path.join())).toEqual(
      expect.arrayContaining(['interval', 'expectedVersion']),
    );
    expect(read.error?.issues.map((i) => i.message)).toContain('Choose weekly or monthly');
  });

  it('starts the form weekly, the first injection today, with the current review and reasons', () => {
    expect(injectionSwitchFormValues(sublingual, TODAY)).toEqual({
      expectedVersion: '1',
      interval: 'weekly',
      effectiveFrom: TODAY,
      reviewOn: sublingual.reviewOn,
      supervisionReasons: ['stability'],
      supervisionReviewOn: sublingual.supervision.reviewOn,
    });
  });
});

describe('injectionSwitchSuggestion', () => {
  it('gives the table’s doses for the current daily dose', () => {
    expect(injectionSwitchSuggestion(sublingual)).toEqual({
      weeklyMg: 24,
      monthlyMg: 96,
      words: [
        'From 16 mg a day the conversion table suggests 24 mg weekly; 96 mg monthly once at least 4 weekly injections have been given.',
      ],
    });
    expect(injectionSwitchSuggestion({ medicine: 'buprenorphine', doseMg: 4 })?.words).toEqual([
      'From 4 mg a day the conversion table suggests 8 mg weekly.',
    ]);
  });

  it('adds the table’s warning for a dose between bands, and its refusal outside the table', () => {
    const gap = injectionSwitchSuggestion({ medicine: 'buprenorphine_naloxone', doseMg: 17 });
    expect(gap?.weeklyMg).toBe(24);
    expect(gap?.words[1]).toMatch(/^17 mg a day falls between the table's bands/);
    const outside = injectionSwitchSuggestion({ medicine: 'buprenorphine', doseMg: 1 });
    expect(outside).toMatchObject({ weeklyMg: null, monthlyMg: null });
    expect(outside?.words).toEqual([
      '1 mg a day is outside the conversion table (2–32 mg); the prescriber decides the injection dose.',
    ]);
  });

  it('gives none for a plan that is not sublingual buprenorphine', () => {
    expect(injectionSwitchSuggestion(deanPlan())).toBeNull();
    expect(injectionSwitchSuggestion(stevePlan())).toBeNull();
  });
});
