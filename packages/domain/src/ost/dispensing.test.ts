import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import { isDomainError } from '../errors.ts';
import { applyDispensingEvent, replayDispensing } from './dispensing.ts';
import { startDispensing, type DispensingEvent, type DispensingState } from './dispensing-types.ts';

const d0 = '2026-03-02';
const day = (n: number): string => addDays(d0, n);

const maintenance = startDispensing({
  medicine: 'methadone',
  phase: 'maintenance',
  doseMg: 80,
  firstDoseOn: d0,
  lastDoseIncreaseOn: null,
});
const induction: DispensingState = { ...maintenance, phase: 'induction', doseMg: 30 };

const took = (n: number): DispensingEvent => ({ type: 'supervised_consumed', on: day(n) });
const missed = (n: number): DispensingEvent => ({ type: 'missed', on: day(n) });

function refusedCode(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return isDomainError(error) ? error.code : 'not a DomainError';
  }
}

describe('one missed pick-up (OST-DISP-MISSED-ALERT)', () => {
  it('alerts prescriber and keyworker the same day during induction', () => {
    const { effects } = replayDispensing(induction, [took(0), missed(1)]);
    expect(effects.filter((e) => e.type.startsWith('alert_'))).toEqual([
      {
        type: 'alert_prescriber',
        on: day(1),
        reason: 'missed_in_induction',
        ruleId: 'OST-DISP-MISSED-ALERT',
      },
      { type: 'alert_keyworker', on: day(1), reason: 'missed_in_induction', ruleId: 'OST-DISP-MISSED-ALERT' },
    ]);
  });

  it.each([
    [7, true],
    [8, false],
  ])('alerts %d days after a dose increase: %s', (n, alerts) => {
    const events: DispensingEvent[] = [{ type: 'dose_increase', on: d0, toMg: 90 }];
    for (let i = 0; i < n; i++) events.push(took(i));
    events.push(missed(n));
    const { effects } = replayDispensing(maintenance, events);
    expect(
      effects.some((e) => e.type === 'alert_prescriber' && e.reason === 'missed_after_dose_increase'),
    ).toBe(alerts);
  });

  it('asks for the supervision decision to be re-reviewed on a dose change and a first missed day', () => {
    const { effects } = replayDispensing(maintenance, [
      { type: 'dose_increase', on: d0, toMg: 90 },
      missed(0),
    ]);
    expect(
      effects
        .filter((e) => e.type === 'review_supervision')
        .map((e) => e.type === 'review_supervision' && e.reason),
    ).toEqual(['dose_change', 'missed_doses']);
  });
});

describe('consecutive missed days (OST-DISP-BLOCKED)', () => {
  it('does not block or alert after 2 misses in maintenance', () => {
    const { state, effects } = replayDispensing(maintenance, [took(0), missed(1), missed(2)]);
    expect(state).toMatchObject({ blocked: false, daysWithoutDose: 2, missedDosesFact: false });
    expect(effects.map((e) => e.type)).toEqual(['review_supervision']);
  });

  it('blocks on the third, adds MISSED_DOSES, opens a re-engagement task and alerts both', () => {
    const { state, effects } = replayDispensing(maintenance, [took(0), missed(1), missed(2), missed(3)]);
    expect(state).toMatchObject({
      blocked: true,
      daysWithoutDose: 3,
      missedDosesFact: true,
      reengagementOpen: true,
    });
    expect(effects.filter((e) => e.on === day(3)).map((e) => e.type)).toEqual([
      'alert_prescriber',
      'alert_keyworker',
      'add_risk_fact',
      'open_reengagement_task',
    ]);
    expect(refusedCode(() => applyDispensingEvent(state, took(4)))).toBe('RULE_REFUSED');
    expect(
      refusedCode(() => applyDispensingEvent(state, { type: 'collected_take_home', on: day(4), days: 2 })),
    ).toBe('RULE_REFUSED');
  });

  it('resets the count when a dose is taken in between', () => {
    const { state } = replayDispensing(maintenance, [missed(0), missed(1), took(2), missed(3), missed(4)]);
    expect(state).toMatchObject({ blocked: false, daysWithoutDose: 2 });
  });

  it('does not raise the alerts twice while still blocked', () => {
    const { effects } = replayDispensing(maintenance, [
      missed(0),
      missed(1),
      missed(2),
      missed(3),
      missed(4),
    ]);
    expect(effects.filter((e) => e.type === 'alert_prescriber')).toHaveLength(1);
    expect(effects.filter((e) => e.type === 'add_risk_fact')).toHaveLength(1);
  });

  it('counts days with nothing recorded as missed, so silence blocks too', () => {
    const { state } = replayDispensing(maintenance, [took(0)]);
    expect(refusedCode(() => applyDispensingEvent(state, took(4)))).toBe('RULE_REFUSED');
    const recorded = applyDispensingEvent(state, missed(4));
    expect(recorded.state).toMatchObject({ blocked: true, daysWithoutDose: 4 });
    expect(recorded.effects.find((e) => e.type === 'add_risk_fact')?.on).toBe(day(3));
  });

  it('lifts the block on prescriber review, and clears MISSED_DOSES when the next dose is taken', () => {
    const blocked = replayDispensing(maintenance, [missed(0), missed(1), missed(2)]).state;
    const reviewed = applyDispensingEvent(blocked, {
      type: 'prescriber_review',
      on: day(3),
      doseMg: 40,
      newInduction: false,
    });
    expect(reviewed.state).toMatchObject({ blocked: false, doseMg: 40, missedDosesFact: true });
    const next = applyDispensingEvent(reviewed.state, took(3));
    expect(next.state).toMatchObject({ daysWithoutDose: 0, missedDosesFact: false, reengagementOpen: false });
    expect(next.effects).toEqual([
      { type: 'clear_risk_fact', on: day(3), code: 'MISSED_DOSES', ruleId: 'OST-DISP-BLOCKED' },
    ]);
  });

  it('blocks again if another day is missed after the review, as tolerance keeps falling', () => {
    const { state, effects } = replayDispensing(maintenance, [
      missed(0),
      missed(1),
      missed(2),
      { type: 'prescriber_review', on: day(3), doseMg: 40, newInduction: false },
      missed(3),
    ]);
    expect(state.blocked).toBe(true);
    expect(effects.filter((e) => e.type === 'alert_prescriber')).toHaveLength(2);
    expect(effects.filter((e) => e.type === 'open_reengagement_task')).toHaveLength(1);
  });

  it('counts unrecorded days before a review, so the review sees them', () => {
    const { state } = replayDispensing(maintenance, [
      took(0),
      { type: 'prescriber_review', on: day(5), doseMg: 40, newInduction: true },
    ]);
    expect(state).toMatchObject({
      blocked: false,
      daysWithoutDose: 4,
      phase: 'induction',
      nextDoseOn: day(5),
    });
    expect(applyDispensingEvent(state, took(5)).state.daysWithoutDose).toBe(0);
  });

  it('records a person turned away while blocked and alerts the prescriber', () => {
    const blocked = replayDispensing(maintenance, [missed(0), missed(1), missed(2)]).state;
    const { state, effects } = applyDispensingEvent(blocked, { type: 'withheld_blocked', on: day(3) });
    expect(state.daysWithoutDose).toBe(4);
    expect(effects).toEqual([
      { type: 'alert_prescriber', on: day(3), reason: 'presented_while_blocked', ruleId: 'OST-DISP-BLOCKED' },
    ]);
    expect(refusedCode(() => applyDispensingEvent(maintenance, { type: 'withheld_blocked', on: d0 }))).toBe(
      'INVALID_INPUT',
    );
  });
});

describe('intoxicated (OST-DISP-INTOXICATED)', () => {
  it('withholds the dose and alerts prescriber and keyworker', () => {
    const { state, effects } = replayDispensing(maintenance, [
      took(0),
      { type: 'withheld_intoxicated', on: day(1) },
    ]);
    expect(state.daysWithoutDose).toBe(1);
    expect(effects.map((e) => e.type)).toEqual(['alert_prescriber', 'alert_keyworker', 'review_supervision']);
    expect(effects[0]).toMatchObject({ reason: 'intoxicated', on: day(1) });
    expect(effects[2]).toMatchObject({ reason: 'intoxication' });
  });

  it('counts a withheld day towards the consecutive days without a dose', () => {
    const { state } = replayDispensing(maintenance, [
      missed(0),
      missed(1),
      { type: 'withheld_intoxicated', on: day(2) },
    ]);
    expect(state.blocked).toBe(true);
  });
});

describe('missed doses are never dispensed later (OST-DISP-ALREADY-SUPPLIED)', () => {
  it('refuses a dose for a day already recorded as missed, withheld or taken', () => {
    const { state } = replayDispensing(maintenance, [took(0), missed(1)]);
    expect(refusedCode(() => applyDispensingEvent(state, took(1)))).toBe('RULE_REFUSED');
    expect(refusedCode(() => applyDispensingEvent(state, took(0)))).toBe('RULE_REFUSED');
  });

  it('treats take-home days as supplied', () => {
    const { state } = replayDispensing(maintenance, [{ type: 'collected_take_home', on: d0, days: 3 }]);
    expect(state.nextDoseOn).toBe(day(3));
    expect(refusedCode(() => applyDispensingEvent(state, took(2)))).toBe('RULE_REFUSED');
    expect(applyDispensingEvent(state, took(3)).state.daysWithoutDose).toBe(0);
  });
});

describe('plan events', () => {
  it('changes dose and phase, and refuses an "increase" that is not one', () => {
    const { state } = replayDispensing(maintenance, [
      { type: 'dose_decrease', on: d0, toMg: 70 },
      { type: 'phase_change', on: d0, phase: 'reduction' },
    ]);
    expect(state).toMatchObject({
      doseMg: 70,
      phase: 'reduction',
      lastDoseIncreaseOn: null,
      lastEventOn: d0,
    });
    expect(refusedCode(() => applyDispensingEvent(state, { type: 'dose_increase', on: d0, toMg: 70 }))).toBe(
      'INVALID_INPUT',
    );
    expect(refusedCode(() => applyDispensingEvent(state, { type: 'dose_decrease', on: d0, toMg: 75 }))).toBe(
      'INVALID_INPUT',
    );
  });

  it('refuses events out of date order and malformed events', () => {
    const { state } = replayDispensing(maintenance, [took(0), took(1)]);
    expect(
      refusedCode(() => applyDispensingEvent(state, { type: 'phase_change', on: d0, phase: 'reduction' })),
    ).toBe('INVALID_INPUT');
    expect(() =>
      applyDispensingEvent(state, { type: 'collected_take_home', on: day(2), days: 15 }),
    ).toThrow();
    expect(() =>
      applyDispensingEvent(state, { type: 'teleported', on: day(2) } as unknown as DispensingEvent),
    ).toThrow();
    expect(() => applyDispensingEvent(state, { type: 'missed', on: '2026-02-30' })).toThrow();
  });

  it('does not run daily dispensing for an injection (zod)', () => {
    expect(() =>
      startDispensing({
        medicine: 'buprenorphine_prolonged_release' as 'methadone',
        phase: 'maintenance',
        doseMg: 96,
        firstDoseOn: d0,
        lastDoseIncreaseOn: null,
      }),
    ).toThrow();
  });
});
