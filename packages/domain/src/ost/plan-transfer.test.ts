import { describe, expect, it } from 'vitest';
import { checkPlanChange } from './plan-check.ts';
import { OstPlan } from './plan.ts';
import {
  deanPlan,
  nextVersion,
  EPISODE_ID,
  PERSON_ID,
  PHARMACY_ID,
  planContext,
  PRESCRIBER_ID,
  stevePlan,
  TODAY,
} from './plan-testing.ts';
import { draftFromTransferForm, planTransferForm, transferContext } from './plan-transfer.ts';
import { transferInDispensing, transferInProblem } from './transfer-in.ts';

/** Methadone 80 mg in maintenance, a course begun six months ago elsewhere, last dose there yesterday. */
const transfer = {
  medicine: 'methadone',
  instalmentForm: 'FP10MDA',
  productAllowsHigherDose: false,
  doseMg: 80,
  effectiveFrom: TODAY,
  reviewOn: '2026-03-30',
  supervisionMode: 'partly_supervised',
  supervisedDays: ['mon', 'wed', 'fri'],
  supervisionReasons: ['stability'],
  pickupDays: ['fri', 'mon', 'wed'],
  supervisionReviewOn: '2026-04-13',
  pharmacyId: PHARMACY_ID,
  qtProlonging: false,
  toleranceUncertain: false,
  fromService: 'Northgate Recovery Service',
  courseStartedOn: '2025-09-16',
  phase: 'maintenance',
  lastDoseOn: '2026-03-15',
  confirmedWithPreviousService: true,
  reason: 'Moved into the area; continuing his prescription.',
} as const;

const ids = { personId: PERSON_ID, episodeId: EPISODE_ID, prescriberId: PRESCRIBER_ID, version: 1 };

function checked(form: typeof transfer | Record<string, unknown>) {
  const read = planTransferForm(TODAY).parse(form);
  const plan = OstPlan.parse({ ...draftFromTransferForm(read, TODAY), ...ids });
  const { qtProlonging, ...stated } = transferContext(read);
  const check = checkPlanChange(
    null,
    plan,
    planContext({ coMedication: { sedatives: [], qtProlonging }, ...stated }),
  );
  return { plan, check };
}

const messagesFor = (form: Record<string, unknown>) =>
  planTransferForm(TODAY)
    .safeParse(form)
    .error?.issues.map((i) => [i.path[0], i.message]);

describe('planTransferForm and draftFromTransferForm', () => {
  it('makes a first plan continuing the course begun elsewhere, with where they came from in its reason', () => {
    const { plan } = checked(transfer);
    expect(plan.version).toBe(1);
    expect(plan.phase).toBe('maintenance');
    expect(plan.courseStartedOn).toBe('2025-09-16');
    expect(plan.effectiveFrom).toBe(TODAY);
    expect(plan.instalments?.pickupDays).toEqual(['mon', 'wed', 'fri']);
    expect(plan.reason).toBe(
      'Transfer in from Northgate Recovery Service, course started 16 September 2025, last dose there ' +
        '15 March 2026; current prescription confirmed with the previous service. Moved into the area; ' +
        'continuing his prescription.',
    );
  });

  it('so 80 mg is checked as the same dose continuing, not as a start (which refuses it)', () => {
    const { check } = checked(transfer);
    expect(check.refusals).toEqual([]);
    expect(check.findings.map((f) => f.ruleId)).not.toContain('OST-METH-START-RANGE');
    expect(check.findings.map((f) => f.ruleId)).not.toContain('OST-DISP-REINDUCTION');
  });

  it('after 5 or more days without a dose warns that it is a re-induction, not a continuing transfer', () => {
    // Last dose on the 10th: the 11th to the 15th, five days, without one before the first dose here.
    const { check } = checked({ ...transfer, lastDoseOn: '2026-03-10' });
    const reinduction = check.warnings.find((f) => f.ruleId === 'OST-DISP-REINDUCTION');
    expect(reinduction?.message).toMatch(/^5 days without a dose: tolerance may be lost/);
    expect(reinduction?.prompt).toBe('re_induction');
    expect(checked({ ...transfer, lastDoseOn: '2026-03-11' }).check.warnings).toEqual([]);
  });

  it('refuses a course start in the future, or not before the start date here', () => {
    expect(messagesFor({ ...transfer, courseStartedOn: '2026-03-17' })).toContainEqual([
      'courseStartedOn',
      'The date their course started cannot be in the future',
    ]);
    expect(
      messagesFor({ ...transfer, effectiveFrom: '2026-03-20', courseStartedOn: TODAY, lastDoseOn: TODAY }),
    ).toBeUndefined();
    expect(
      messagesFor({ ...transfer, effectiveFrom: '2026-03-01', lastDoseOn: '2026-02-28' }),
    ).toBeUndefined();
    expect(messagesFor({ ...transfer, effectiveFrom: '2025-09-16', lastDoseOn: '2025-09-15' })?.[0]).toEqual([
      'courseStartedOn',
      'The course must have started before the start date here: for a course starting that day, use the start form',
    ]);
    expect(messagesFor({ ...transfer, courseStartedOn: '1960-01-01', lastDoseOn: '2026-03-15' })).toEqual([
      ['courseStartedOn', 'Check the date their course started: it is more than 60 years ago'],
    ]);
  });

  it('refuses a last dose on or after the start date here, or before the course', () => {
    expect(messagesFor({ ...transfer, lastDoseOn: TODAY })).toEqual([
      ['lastDoseOn', 'The last dose at the previous service must be before the start date here'],
    ]);
    expect(messagesFor({ ...transfer, lastDoseOn: '2025-09-15' })).toEqual([
      ['lastDoseOn', 'The last dose cannot be before their course started'],
    ]);
  });

  it('refuses induction, and a transfer whose prescription was not confirmed with the previous service', () => {
    expect(messagesFor({ ...transfer, phase: 'induction' })).toEqual([
      [
        'phase',
        'Choose stabilisation or maintenance: someone still in induction starts a new course, with the start form',
      ],
    ]);
    expect(messagesFor({ ...transfer, confirmedWithPreviousService: false })).toEqual([
      [
        'confirmedWithPreviousService',
        'Confirm that you have checked the current prescription with the previous service',
      ],
    ]);
    expect(messagesFor({ ...transfer, fromService: ' ' })?.[0]?.[0]).toBe('fromService');
  });
});

describe('transferInDispensing', () => {
  const arriving = deanPlan({ courseStartedOn: '2025-09-16' });

  it('counts the days after the last dose elsewhere, up to the first dose here', () => {
    expect(transferInDispensing(null, arriving, '2026-03-09')?.daysWithoutDose).toBe(6);
    expect(transferInDispensing(null, arriving, '2026-03-15')?.daysWithoutDose).toBe(0);
    expect(transferInDispensing(null, arriving, null)).toBeNull();
  });

  it('is refused for anything but a first plan continuing a course, with a last dose within it', () => {
    expect(() => transferInDispensing(deanPlan(), arriving, '2026-03-15')).toThrow(/first plan/);
    expect(() => transferInDispensing(null, deanPlan({ courseStartedOn: TODAY }), '2026-03-15')).toThrow(
      /first plan/,
    );
    expect(() => transferInDispensing(null, arriving, TODAY)).toThrow(/before the plan here/);
    expect(() => transferInDispensing(null, arriving, '2025-09-01')).toThrow(/within the course/);
  });
});

describe('a transfer in from any caller (transferInProblem, checked at write time)', () => {
  const continuing = deanPlan();
  it('takes a daily medicine past induction with the last dose elsewhere', () => {
    expect(transferInProblem(null, continuing, '2026-03-15')).toBeNull();
  });
  it('refuses one without the last dose elsewhere, or still in induction, or an injection', () => {
    expect(transferInProblem(null, continuing, null)).toMatch(/gives the day of the last dose/);
    expect(transferInProblem(null, deanPlan({ phase: 'induction' }), '2026-03-15')).toMatch(/induction/);
    expect(transferInProblem(null, stevePlan({ courseStartedOn: '2026-01-05' }), null)).toMatch(/injection/);
  });
  it('says nothing of a plan that starts its course here, or of a later version', () => {
    expect(
      transferInProblem(null, deanPlan({ courseStartedOn: TODAY, phase: 'induction' }), null),
    ).toBeNull();
    expect(transferInProblem(continuing, nextVersion(continuing), null)).toBeNull();
  });
});
