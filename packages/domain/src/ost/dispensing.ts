import { addDays, daysBetween } from '../dates.ts';
import type { CalendarDate } from '../ids.ts';
import { DomainError } from '../errors.ts';
import { alertBoth, type OstEffect } from './effects.ts';
import {
  DispensingEvent,
  DispensingState,
  alertDaysAfterIncrease,
  blockAfterConsecutiveMissedDays,
  doseEventTypes,
  type DoseEventType,
} from './dispensing-types.ts';

/** The new state after an event, and what the application must do about it. */
export interface Transition {
  state: DispensingState;
  effects: OstEffect[];
}

/**
 * One day without a dose (missed, withheld, or never recorded). Counts the run; one missed pick-up during
 * induction or within 7 days of an increase alerts the same day; the third consecutive day blocks dispensing,
 * adds the MISSED_DOSES risk fact and opens a re-engagement task. `missed` is false for a withheld dose, whose
 * own alert is raised by the caller.
 */
function dayWithoutDose(state: DispensingState, on: CalendarDate, missed: boolean): Transition {
  const days = state.daysWithoutDose + 1;
  const next: DispensingState = { ...state, daysWithoutDose: days, nextDoseOn: addDays(on, 1) };
  const effects: OstEffect[] = [];
  // A withheld dose asks for its own re-review (intoxication), so only a missed day asks for this one.
  if (days === 1 && missed) {
    effects.push({ type: 'review_supervision', on, reason: 'missed_doses', ruleId: 'OST-SUP-RE-REVIEW' });
  }
  if (days >= blockAfterConsecutiveMissedDays) {
    if (!state.blocked) {
      next.blocked = true;
      effects.push(...alertBoth(on, 'consecutive_missed_doses', 'OST-DISP-BLOCKED'));
    }
    if (!state.missedDosesFact) {
      next.missedDosesFact = true;
      effects.push({ type: 'add_risk_fact', on, code: 'MISSED_DOSES', ruleId: 'OST-DISP-BLOCKED' });
    }
    if (!state.reengagementOpen) {
      next.reengagementOpen = true;
      effects.push({
        type: 'open_reengagement_task',
        on,
        reason: 'consecutive_missed_doses',
        ruleId: 'OST-DISP-BLOCKED',
      });
    }
    return { state: next, effects };
  }
  if (missed && state.phase === 'induction') {
    effects.push(...alertBoth(on, 'missed_in_induction', 'OST-DISP-MISSED-ALERT'));
  } else if (missed && state.lastDoseIncreaseOn !== null) {
    const sinceIncrease = daysBetween(state.lastDoseIncreaseOn, on);
    if (sinceIncrease <= alertDaysAfterIncrease) {
      effects.push(...alertBoth(on, 'missed_after_dose_increase', 'OST-DISP-MISSED-ALERT'));
    }
  }
  return { state: next, effects };
}

/**
 * Days before `on` that no event accounted for are days without a dose: the loop never assumes a dose was
 * taken. This is what stops a service going weeks without knowing someone has stopped collecting.
 */
export function accountForUnrecordedDays(state: DispensingState, on: CalendarDate): Transition {
  let current = state;
  const effects: OstEffect[] = [];
  for (let day = state.nextDoseOn; day < on; day = addDays(day, 1)) {
    const step = dayWithoutDose(current, day, true);
    current = step.state;
    effects.push(...step.effects);
  }
  return { state: current, effects };
}

function doseTaken(state: DispensingState, on: CalendarDate, days: number): Transition {
  if (state.blocked) {
    throw new DomainError(
      'RULE_REFUSED',
      `OST-DISP-BLOCKED: dispensing is blocked after ${state.daysWithoutDose} days without a dose until a prescriber reviews`,
    );
  }
  const effects: OstEffect[] = state.missedDosesFact
    ? [{ type: 'clear_risk_fact', on, code: 'MISSED_DOSES', ruleId: 'OST-DISP-BLOCKED' }]
    : [];
  return {
    state: {
      ...state,
      nextDoseOn: addDays(on, days),
      daysWithoutDose: 0,
      missedDosesFact: false,
      reengagementOpen: false,
    },
    effects,
  };
}

function isDoseEvent(event: DispensingEvent): event is Extract<DispensingEvent, { type: DoseEventType }> {
  return (doseEventTypes as readonly string[]).includes(event.type);
}

function applyDoseEvent(
  state: DispensingState,
  event: Extract<DispensingEvent, { type: DoseEventType }>,
): Transition {
  const gap = accountForUnrecordedDays(state, event.on);
  const before = gap.state;
  let step: Transition;
  switch (event.type) {
    case 'supervised_consumed':
      step = doseTaken(before, event.on, 1 + (event.takeHomeDays ?? 0));
      break;
    case 'collected_take_home':
      step = doseTaken(before, event.on, event.days);
      break;
    case 'missed':
      step = dayWithoutDose(before, event.on, true);
      break;
    case 'withheld_intoxicated': {
      const withheld = dayWithoutDose(before, event.on, false);
      step = {
        state: withheld.state,
        effects: [
          ...alertBoth(event.on, 'intoxicated', 'OST-DISP-INTOXICATED'),
          { type: 'review_supervision', on: event.on, reason: 'intoxication', ruleId: 'OST-SUP-RE-REVIEW' },
          ...withheld.effects,
        ],
      };
      break;
    }
    case 'withheld_blocked': {
      if (!before.blocked) {
        throw new DomainError(
          'INVALID_INPUT',
          'a dose can be withheld for a block only while dispensing is blocked',
        );
      }
      const withheld = dayWithoutDose(before, event.on, false);
      step = {
        state: withheld.state,
        effects: [
          {
            type: 'alert_prescriber',
            on: event.on,
            reason: 'presented_while_blocked',
            ruleId: 'OST-DISP-BLOCKED',
          },
          ...withheld.effects,
        ],
      };
      break;
    }
  }
  return { state: step.state, effects: [...gap.effects, ...step.effects] };
}

function applyPlanEvent(
  state: DispensingState,
  event: Exclude<DispensingEvent, { type: DoseEventType }>,
): Transition {
  switch (event.type) {
    case 'prescriber_review': {
      // The review covers every day before it: unrecorded days are counted first, then the block is lifted.
      const gap = accountForUnrecordedDays(state, event.on);
      const effects: OstEffect[] = [...gap.effects];
      if (event.newInduction) {
        effects.push({
          type: 'review_supervision',
          on: event.on,
          reason: 'restart',
          ruleId: 'OST-SUP-RE-REVIEW',
        });
      }
      return {
        state: {
          ...gap.state,
          blocked: false,
          doseMg: event.doseMg,
          phase: event.newInduction ? 'induction' : gap.state.phase,
        },
        effects,
      };
    }
    case 'dose_increase':
    case 'dose_decrease': {
      const increase = event.type === 'dose_increase';
      if (increase ? event.toMg <= state.doseMg : event.toMg >= state.doseMg) {
        throw new DomainError(
          'INVALID_INPUT',
          `a ${event.type.replace('_', ' ')} must change the dose that way`,
        );
      }
      return {
        state: {
          ...state,
          doseMg: event.toMg,
          lastDoseIncreaseOn: increase ? event.on : state.lastDoseIncreaseOn,
        },
        effects: [
          { type: 'review_supervision', on: event.on, reason: 'dose_change', ruleId: 'OST-SUP-RE-REVIEW' },
        ],
      };
    }
    case 'phase_change':
      return { state: { ...state, phase: event.phase }, effects: [] };
  }
}

/**
 * Applies one recorded event to the dispensing loop (pure: state + event → new state + effects). Events must
 * come in date order. Dispensing while blocked, or for a day already accounted for (a missed dose is never
 * dispensed later), throws a `RULE_REFUSED` DomainError: ask `mayDispenseOn` first.
 */
export function applyDispensingEvent(state: DispensingState, event: DispensingEvent): Transition {
  const current = DispensingState.parse(state);
  const parsed = DispensingEvent.parse(event);
  if (isDoseEvent(parsed) && parsed.on < current.nextDoseOn) {
    throw new DomainError(
      'RULE_REFUSED',
      `OST-DISP-ALREADY-SUPPLIED: the dose for ${parsed.on} is already accounted for; a day's dose is never supplied twice or later`,
    );
  }
  if (current.lastEventOn !== null && parsed.on < current.lastEventOn) {
    throw new DomainError(
      'INVALID_INPUT',
      `events are applied in date order: ${parsed.on} is before ${current.lastEventOn}`,
    );
  }
  const result = isDoseEvent(parsed) ? applyDoseEvent(current, parsed) : applyPlanEvent(current, parsed);
  return { state: { ...result.state, lastEventOn: parsed.on }, effects: result.effects };
}

/** Applies events in order from a starting state, collecting every effect. */
export function replayDispensing(state: DispensingState, events: DispensingEvent[]): Transition {
  return events.reduce<Transition>(
    (acc, event) => {
      const step = applyDispensingEvent(acc.state, event);
      return { state: step.state, effects: [...acc.effects, ...step.effects] };
    },
    { state, effects: [] },
  );
}
