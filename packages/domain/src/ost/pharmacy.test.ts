import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import { FollowUp } from '../follow-ups.ts';
import { replayDispensing } from './dispensing.ts';
import type { DispensingState } from './dispensing-types.ts';
import { dispensingEventsForPlanChange, dispensingForPlan, pharmacyDueOn } from './pharmacy-day.ts';
import { recordPharmacyOutcome, type PharmacyOutcome, type PharmacyRecording } from './pharmacy-record.ts';
import type { OstPlan } from './plan.ts';
import { deanInstalments, deanPlan, nextVersion, TODAY, stevePlan } from './plan-testing.ts';
import { refusalOf } from '../error-testing.ts';

const day = (n: number): string => addDays(TODAY, n);
const dean = deanPlan();

/** Records outcomes on consecutive days from `from`, returning every recording. */
function run(plan: OstPlan, outcomes: PharmacyOutcome[], from = 0): PharmacyRecording[] {
  let state: DispensingState = dispensingForPlan(plan);
  return outcomes.map((outcome, n) => {
    const recording = recordPharmacyOutcome(plan, state, day(from + n), outcome);
    state = recording.state;
    return recording;
  });
}

const missed: PharmacyOutcome = { kind: 'missed' };
const supervised: PharmacyOutcome = { kind: 'supervised_consumed' };
const notDue: PharmacyOutcome = { kind: 'not_due' };

describe('pharmacyDueOn: the day’s list', () => {
  const start = dispensingForPlan(dean);

  it('gives Dean a supervised dose on Monday with Tuesday’s to take home, then nothing on Tuesday', () => {
    expect(pharmacyDueOn(dean, start, day(0))).toEqual({
      kind: 'due',
      scheduled: true,
      doseMg: 80,
      supervised: true,
      days: 2,
    });
    const [monday] = run(dean, [supervised]);
    expect(monday?.event).toEqual({ type: 'supervised_consumed', on: day(0), takeHomeDays: 1 });
    expect(pharmacyDueOn(dean, monday?.state ?? start, day(1))).toEqual({
      kind: 'not_due',
      reason: 'covered',
      coveredUntil: day(1),
    });
  });

  it('offers the rest of an instalment after a missed collection day, as take-home', () => {
    const [monday] = run(dean, [missed]);
    expect(pharmacyDueOn(dean, monday?.state ?? start, day(1))).toEqual({
      kind: 'due',
      scheduled: false,
      doseMg: 80,
      supervised: false,
      days: 1,
    });
  });

  it('is not due before the plan starts or once it has ended', () => {
    expect(pharmacyDueOn(dean, start, day(-1))).toMatchObject({ kind: 'not_due', reason: 'not_started' });
    expect(pharmacyDueOn(deanPlan({ phase: 'ended' }), start, day(0))).toMatchObject({
      reason: 'plan_ended',
    });
  });

  it('shows a block, counting days nobody recorded as missed', () => {
    expect(pharmacyDueOn(dean, start, day(3))).toMatchObject({ kind: 'blocked', daysWithoutDose: 3 });
  });

  it('refuses an injection plan: it is given by a clinician', () => {
    const injection = stevePlan();
    expect(refusalOf(() => pharmacyDueOn(injection, start, day(0)))).toMatch(/^INVALID_INPUT/);
    expect(refusalOf(() => dispensingForPlan(injection))).toMatch(/^INVALID_INPUT/);
  });
});

describe('recordPharmacyOutcome: the missed-dose loop', () => {
  it('blocks after 3 consecutive missed days, adds MISSED_DOSES, opens a re-engagement task and a prescriber review', () => {
    const [first, second, third] = run(dean, [missed, missed, missed]);
    expect([first, second, third].map((r) => [r?.consecutiveMissedDays, r?.blocked])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(third?.effects).toContainEqual({
      type: 'add_risk_fact',
      on: day(2),
      code: 'MISSED_DOSES',
      ruleId: 'OST-DISP-BLOCKED',
    });
    expect(
      third?.followUps.filter((f) => f.type === 'task').map((f) => [f.kind, f.assignee, f.dueOn]),
    ).toEqual([
      ['missed_dose_review', 'prescriber', day(2)],
      ['re_engagement', 'keyworker', day(2)],
    ]);
    expect(third?.followUps.filter((f) => f.type === 'alert').map((f) => f.to)).toEqual([
      'prescriber',
      'keyworker',
    ]);
    // Each follow-up is plain data of the shared vocabulary the task service maps.
    for (const followUp of third?.followUps ?? []) expect(FollowUp.parse(followUp)).toEqual(followUp);
  });

  it('alerts prescriber and keyworker on one miss during induction, and not in maintenance', () => {
    const induction = deanPlan({ phase: 'induction', courseStartedOn: TODAY, doseMg: 30 });
    const [inInduction] = run(induction, [missed]);
    expect(inInduction?.missAlerted).toBe(true);
    expect(inInduction?.followUps).toContainEqual({
      type: 'alert',
      to: 'keyworker',
      on: day(0),
      reason: `Missed a dose during induction (${day(0)}).`,
      source: 'OST-DISP-MISSED-ALERT',
    });
    const [inMaintenance] = run(dean, [missed]);
    expect(inMaintenance?.missAlerted).toBe(false);
    expect(inMaintenance?.followUps.map((f) => f.type === 'task' && f.kind)).toEqual(['supervision_review']);
  });

  it('alerts on one miss within 7 days of an increase', () => {
    const v2 = nextVersion(dean, { doseMg: 90 });
    const { state } = replayDispensing(dispensingForPlan(dean), dispensingEventsForPlanChange(dean, v2));
    expect(recordPharmacyOutcome(v2, state, day(0), missed).missAlerted).toBe(true);
  });

  it('prompts re-induction after 5 days without a dose', () => {
    const recordings = run(dean, [missed, missed, missed, missed, missed]);
    expect(recordings.map((r) => r.reInductionDue)).toEqual([false, false, false, false, true]);
  });

  it('withholds for intoxication, alerting both and asking for a supervision review', () => {
    const [withheld] = run(dean, [{ kind: 'withheld_intoxicated', why: 'Slurred speech, unsteady.' }]);
    expect(withheld?.event).toEqual({ type: 'withheld_intoxicated', on: day(0) });
    expect(withheld?.consecutiveMissedDays).toBe(1);
    expect(withheld?.followUps.map((f) => (f.type === 'alert' ? `alert ${f.to}` : `task ${f.kind}`))).toEqual(
      ['alert prescriber', 'alert keyworker', 'task supervision_review'],
    );
  });

  it('records a take-home collection on a day that is not supervised, up to the days it covers', () => {
    const takeHome = deanPlan({
      supervision: { ...dean.supervision, mode: 'take_home', supervisedDays: [] },
    });
    const [monday] = run(takeHome, [{ kind: 'collected_take_home', days: 2 }]);
    expect(monday?.state.nextDoseOn).toBe(day(2));
    expect(refusalOf(() => run(takeHome, [{ kind: 'collected_take_home', days: 3 }]))).toBe(
      'RULE_REFUSED: This collection covers 2 days; 3 were recorded.',
    );
    const weekly = deanPlan({
      supervision: { ...dean.supervision, mode: 'take_home', supervisedDays: [] },
      instalments: { ...deanInstalments, pickupDays: ['mon'] },
    });
    expect(run(weekly, [{ kind: 'collected_take_home', days: 1 }])[0]?.state.nextDoseOn).toBe(day(1));
    expect(refusalOf(() => run(weekly, [{ kind: 'collected_take_home', days: 8 }]))).toBe(
      'RULE_REFUSED: This collection covers 7 days; 8 were recorded.',
    );
  });

  it('refuses what would break the plan, and changes nothing', () => {
    const state = dispensingForPlan(dean);
    expect(
      refusalOf(() => recordPharmacyOutcome(dean, state, day(0), { kind: 'collected_take_home', days: 2 })),
    ).toBe('RULE_REFUSED: Today’s dose is supervised in the plan: record it as supervised and consumed.');
    expect(refusalOf(() => recordPharmacyOutcome(dean, state, day(0), notDue))).toBe(
      'RULE_REFUSED: A dose is due today: record what happened.',
    );
    expect(refusalOf(() => recordPharmacyOutcome(dean, state, day(3), supervised))).toMatch(
      /^RULE_REFUSED: OST-DISP-BLOCKED: 3 consecutive days without a dose/,
    );
    const covered = recordPharmacyOutcome(dean, state, day(0), supervised).state;
    expect(refusalOf(() => recordPharmacyOutcome(dean, covered, day(1), supervised))).toMatch(
      /^RULE_REFUSED: Nothing is due today/,
    );
    expect(
      refusalOf(() => recordPharmacyOutcome(dean, state, day(0), { kind: 'withheld_intoxicated', why: '' })),
    ).toBe('not a DomainError');
  });

  it('records "not due" on a covered day without changing anything', () => {
    const state = recordPharmacyOutcome(dean, dispensingForPlan(dean), day(0), supervised).state;
    const tuesday = recordPharmacyOutcome(dean, state, day(1), notDue);
    expect(tuesday).toMatchObject({ event: null, state, effects: [], followUps: [] });
  });

  it('turns someone away while blocked, alerting the prescriber, until a review lifts it', () => {
    const [, , third] = run(dean, [missed, missed, missed]);
    const blocked = third?.state ?? dispensingForPlan(dean);
    const turnedAway = recordPharmacyOutcome(dean, blocked, day(3), { kind: 'withheld_blocked' });
    expect(turnedAway.followUps).toEqual([
      {
        type: 'alert',
        to: 'prescriber',
        on: day(3),
        reason: `Came to the pharmacy while dispensing is blocked: turned away until a prescriber reviews (${day(3)}).`,
        source: 'OST-DISP-BLOCKED',
      },
    ]);
  });
});

describe('dispensingEventsForPlanChange', () => {
  it('keeps the loop in step: dose increases and decreases, and the phase', () => {
    expect(dispensingEventsForPlanChange(dean, nextVersion(dean, { doseMg: 90 }))).toEqual([
      { type: 'dose_increase', on: TODAY, toMg: 90 },
    ]);
    expect(
      dispensingEventsForPlanChange(dean, nextVersion(dean, { doseMg: 70, phase: 'reduction' })),
    ).toEqual([
      { type: 'dose_decrease', on: TODAY, toMg: 70 },
      { type: 'phase_change', on: TODAY, phase: 'reduction' },
    ]);
    expect(dispensingEventsForPlanChange(dean, nextVersion(dean))).toEqual([]);
  });
});
