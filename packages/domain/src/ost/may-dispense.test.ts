import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../dates.ts';
import { isDomainError } from '../errors.ts';
import { applyDispensingEvent, replayDispensing } from './dispensing.ts';
import { startDispensing, type DispensingEvent, type DispensingState } from './dispensing-types.ts';
import { mayDispenseOn } from './may-dispense.ts';
import { applyOverride } from './outcome.ts';

const d0 = '2026-03-02';
const day = (n: number): string => addDays(d0, n);
const start = startDispensing({
  medicine: 'buprenorphine',
  phase: 'maintenance',
  doseMg: 16,
  firstDoseOn: d0,
  lastDoseIncreaseOn: null,
});
const prescriber = {
  reason: 'He came in late; give it now please.',
  recordedBy: '0190a6b2-0000-7000-8000-000000000001',
  role: 'prescriber',
} as const;

describe('may this dose be dispensed today? (OST-DISP-NO-LATE-DOSE, OST-DISP-NOT-YET)', () => {
  it('allows today’s dose', () => {
    expect(mayDispenseOn(start, d0, d0).outcome).toBe('ok');
  });

  it('never dispenses a past day’s dose, even with a prescriber’s reason', () => {
    const result = mayDispenseOn(start, d0, day(1));
    expect(result.findings[0]).toMatchObject({
      ruleId: 'OST-DISP-NO-LATE-DOSE',
      outcome: 'refused',
      overridable: false,
    });
    expect(applyOverride(result, prescriber).allowed).toBe(false);
  });

  it('does not dispense a future day’s dose as a daily dose', () => {
    expect(mayDispenseOn(start, day(1), d0).findings[0]).toMatchObject({
      ruleId: 'OST-DISP-NOT-YET',
      outcome: 'refused',
    });
  });

  it('refuses a day already supplied (OST-DISP-ALREADY-SUPPLIED)', () => {
    const { state } = replayDispensing(start, [{ type: 'supervised_consumed', on: d0 }]);
    expect(mayDispenseOn(state, d0, d0).findings[1]).toMatchObject({ outcome: 'refused' });
  });

  it('refuses while blocked, including after unrecorded days (OST-DISP-BLOCKED)', () => {
    expect(mayDispenseOn(start, day(2), day(2)).outcome).toBe('ok');
    const silent = mayDispenseOn(start, day(3), day(3));
    expect(silent.findings[2]).toMatchObject({
      ruleId: 'OST-DISP-BLOCKED',
      outcome: 'refused',
      overridable: false,
    });
    expect(silent.findings[2]?.message).toContain('3 consecutive days');
  });

  it('refuses non-dates (zod)', () => {
    expect(() => mayDispenseOn(start, 'today', d0)).toThrow();
  });
});

const doseEvent = fc.oneof(
  fc.constant({ type: 'supervised_consumed' as const }),
  fc.integer({ min: 1, max: 3 }).map((days) => ({ type: 'collected_take_home' as const, days })),
  fc.constant({ type: 'missed' as const }),
  fc.constant({ type: 'withheld_intoxicated' as const }),
  fc.constant({ type: 'review' as const }),
);

describe('the dispensing loop (properties)', () => {
  it('never counts more days without a dose than days that have passed, and never dispenses while blocked', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(doseEvent, fc.integer({ min: 0, max: 3 })), { maxLength: 40 }),
        (script) => {
          let state: DispensingState = start;
          let on = d0;
          for (const [step, gap] of script) {
            on = addDays(state.nextDoseOn > on ? state.nextDoseOn : on, gap);
            const event: DispensingEvent =
              step.type === 'review'
                ? { type: 'prescriber_review', on, doseMg: 8, newInduction: false }
                : step.type === 'collected_take_home'
                  ? { type: 'collected_take_home', on, days: step.days }
                  : { type: step.type, on };
            const allowed = mayDispenseOn(state, on, on).outcome === 'ok';
            try {
              state = applyDispensingEvent(state, event).state;
              if (step.type === 'supervised_consumed' || step.type === 'collected_take_home') {
                expect(allowed).toBe(true);
                expect(state.daysWithoutDose).toBe(0);
                expect(state.missedDosesFact).toBe(false);
              }
            } catch (error) {
              expect(isDomainError(error) && error.code).toBe('RULE_REFUSED');
              expect(allowed).toBe(false);
            }
            expect(state.daysWithoutDose).toBeLessThanOrEqual(daysBetween(d0, state.nextDoseOn));
            if (state.blocked) expect(state.daysWithoutDose).toBeGreaterThanOrEqual(3);
            if (state.missedDosesFact) expect(state.daysWithoutDose).toBeGreaterThanOrEqual(3);
          }
        },
      ),
    );
  });
});
