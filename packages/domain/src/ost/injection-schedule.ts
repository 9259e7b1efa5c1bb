import { z } from 'zod';
import { addDays, daysBetween } from '../dates.ts';
import { CalendarDate } from '../ids.ts';
import { alertBoth, type OstEffect } from './effects.ts';
import { InjectionInterval } from './injection.ts';
import { finding, combine, type CheckResult } from './outcome.ts';
import { OstSettings, defaultOstSettings } from './settings.ts';

/**
 * When a prolonged-release injection is due. Weekly is every 7 days; "monthly" is every 28 days (the earlier
 * reading of a month, so a dose is never planned late). The window either side is a service setting
 * (±2 days weekly, ±7 days monthly by default).
 */
export const injectionIntervalDays: Record<InjectionInterval, number> = { weekly: 7, monthly: 28 };

export interface DueWindow {
  dueOn: CalendarDate;
  earliestOn: CalendarDate;
  latestOn: CalendarDate;
}

export const injectionStatuses = ['not_yet_due', 'due', 'overdue'] as const;
export type InjectionStatus = (typeof injectionStatuses)[number];

/** The due date and window for the next injection after one given on `lastGivenOn`. */
export function injectionDueWindow(
  lastGivenOn: CalendarDate,
  interval: InjectionInterval,
  settings: OstSettings = defaultOstSettings,
): DueWindow {
  const last = CalendarDate.parse(lastGivenOn);
  const { weeklyWindowDays, monthlyWindowDays } = OstSettings.parse(settings).injection;
  const spread = InjectionInterval.parse(interval) === 'weekly' ? weeklyWindowDays : monthlyWindowDays;
  const dueOn = addDays(last, injectionIntervalDays[interval]);
  return { dueOn, earliestOn: addDays(dueOn, -spread), latestOn: addDays(dueOn, spread) };
}

/** Where `on` falls against a due window: before it, in it (edges included), or after it. */
export function injectionStatusOn(window: DueWindow, on: CalendarDate): InjectionStatus {
  const date = CalendarDate.parse(on);
  if (date < window.earliestOn) return 'not_yet_due';
  return date <= window.latestOn ? 'due' : 'overdue';
}

/** The status on a date and the alerts it raises. */
export interface InjectionAlerts {
  window: DueWindow;
  status: InjectionStatus;
  effects: OstEffect[];
}

/**
 * Due and overdue alerts for the next injection, on `on`. Due: the keyworker is alerted to book it. Overdue:
 * prescriber and keyworker are alerted and a re-engagement task is opened (buprenorphine levels are falling).
 * The alerts hold for every day of the status, so a missed daily run cannot lose one; the caller de-duplicates.
 */
export function injectionAlertsOn(
  lastGivenOn: CalendarDate,
  interval: InjectionInterval,
  on: CalendarDate,
  settings: OstSettings = defaultOstSettings,
): InjectionAlerts {
  const window = injectionDueWindow(lastGivenOn, interval, settings);
  const status = injectionStatusOn(window, on);
  const effects: OstEffect[] = [];
  if (status === 'due') {
    effects.push({ type: 'alert_keyworker', on, reason: 'injection_due', ruleId: 'OST-PRB-DUE-ALERT' });
  } else if (status === 'overdue') {
    effects.push(...alertBoth(on, 'injection_overdue', 'OST-PRB-DUE-ALERT'), {
      type: 'open_reengagement_task',
      on,
      reason: 'injection_overdue',
      ruleId: 'OST-PRB-DUE-ALERT',
    });
  }
  return { window, status, effects };
}

export const InjectionTimingInput = z
  .strictObject({
    lastGivenOn: CalendarDate,
    /** The interval of the last injection: it sets when the next is due. */
    lastInterval: InjectionInterval,
    givenOn: CalendarDate,
  })
  .refine((i) => i.givenOn > i.lastGivenOn, {
    message: 'an injection follows the last one',
    path: ['givenOn'],
  });
export type InjectionTimingInput = z.infer<typeof InjectionTimingInput>;

/**
 * Checks the date of an injection against the due window: before it is refused (too soon after the last
 * dose); after it warns (give it, and record why it was late); within it is ok.
 */
export function checkInjectionTiming(
  input: InjectionTimingInput,
  settings: OstSettings = defaultOstSettings,
): CheckResult {
  const { lastGivenOn, lastInterval, givenOn } = InjectionTimingInput.parse(input);
  const window = injectionDueWindow(lastGivenOn, lastInterval, settings);
  const status = injectionStatusOn(window, givenOn);
  const span = `${window.earliestOn} to ${window.latestOn}`;
  if (status === 'not_yet_due') {
    const early = daysBetween(givenOn, window.earliestOn);
    return combine(
      finding('OST-PRB-DUE-WINDOW', 'refused', `${early} days before the due window (${span}): too soon.`),
    );
  }
  if (status === 'overdue') {
    const late = daysBetween(window.latestOn, givenOn);
    return combine(
      finding('OST-PRB-DUE-WINDOW', 'warning', `${late} days after the due window (${span}); record why.`),
    );
  }
  return combine(finding('OST-PRB-DUE-WINDOW', 'ok', `Within the due window (${span}).`));
}
