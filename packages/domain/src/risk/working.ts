import type { CalendarDate } from '../ids.ts';
import type { ContributingFactor, DataGap, FactRef, RiskOverride, WindowShown } from './assessment.ts';
import type { FactorWindow, RiskFactorDefinition } from './catalogue-schema.ts';
import { fromDayNumber, toDayNumber } from './day-number.ts';

/**
 * The state of one assessment while it is built, and the helpers the factor rules share. `nextChangeDay`
 * collects every future day on which something shown would change (a window boundary, a lapse), keeping the
 * earliest: that is `nextChangeAt`.
 */
export interface Working {
  asOf: CalendarDate;
  asOfDay: number;
  nextChangeDay: number;
  factors: ContributingFactor[];
  overrides: RiskOverride[];
  dataGaps: DataGap[];
}

/** Starts an assessment on `asOf`. */
export function startWorking(asOf: CalendarDate): Working {
  return {
    asOf,
    asOfDay: toDayNumber(asOf),
    nextChangeDay: Number.POSITIVE_INFINITY,
    factors: [],
    overrides: [],
    dataGaps: [],
  };
}

/** Records that what is shown changes on `day` (always after the assessment day, by construction). */
export function noteChange(w: Working, day: number): void {
  if (day < w.nextChangeDay) w.nextChangeDay = day;
}

type DaysWindow = Extract<FactorWindow, { kind: 'days' }>;

/** The day window `daysSince` falls in, or `null` when every window has passed. */
export function dayWindowAt(definition: RiskFactorDefinition, daysSince: number): DaysWindow | null {
  for (const window of definition.windows) {
    if (
      window.kind === 'days' &&
      daysSince >= window.fromDay &&
      (window.toDay === null || daysSince <= window.toDay)
    ) {
      return window;
    }
  }
  return null;
}

/** The first day after a day window for an event on `eventDay` (infinity for the open-ended window: no change). */
export function dayAfterWindow(window: DaysWindow, eventDay: number): number {
  return window.toDay === null ? Number.POSITIVE_INFINITY : eventDay + window.toDay + 1;
}

/** The last day of a factor's closed day windows (OST_EXIT: 28; 0 for a factor with none). */
export function lastWindowDay(definition: RiskFactorDefinition): number {
  let last = 0;
  for (const window of definition.windows)
    if (window.kind === 'days' && window.toDay !== null) last = Math.max(last, window.toDay);
  return last;
}

/** Points of a while-current or always factor. */
export function currentPoints(definition: RiskFactorDefinition): number {
  let points = 0;
  for (const window of definition.windows) if (window.kind !== 'days') points = window.points;
  return points;
}

/** Adds a factor that scores today. */
export function pushFactor(
  w: Working,
  definition: RiskFactorDefinition,
  points: number,
  detail: string,
  window: WindowShown,
  facts: FactRef[],
): void {
  w.factors.push({
    code: definition.code,
    label: definition.label,
    domain: definition.domain,
    points,
    detail,
    window,
    facts,
    evidence: definition.evidence,
    grade: definition.grade,
  });
}

// Labels of the catalogue's windows, made once each (the catalogue is fixed, so this stays small).
const windowLabels = new WeakMap<DaysWindow, string>();

/** A window's words: `days 0–14`, `day 366 onwards`, `while current`, `always`. */
export function windowLabel(window: Pick<WindowShown, 'kind' | 'fromDay' | 'toDay'>): string {
  if (window.kind === 'always') return 'always';
  if (window.kind === 'while_current') return 'while current';
  return window.toDay === null ? `day ${window.fromDay} onwards` : `days ${window.fromDay}–${window.toDay}`;
}

/** How a day window is shown: its day range and calendar dates for an event on `eventDay`. */
export function shownDayWindow(window: DaysWindow, eventDate: CalendarDate, eventDay: number): WindowShown {
  let label = windowLabels.get(window);
  if (label === undefined) {
    label = windowLabel({ kind: 'days', fromDay: window.fromDay, toDay: window.toDay });
    windowLabels.set(window, label);
  }
  return {
    kind: 'days',
    label,
    fromDay: window.fromDay,
    toDay: window.toDay,
    startsOn: window.fromDay === 0 ? eventDate : fromDayNumber(eventDay + window.fromDay),
    endsOn: window.toDay === null ? null : fromDayNumber(eventDay + window.toDay),
  };
}

/** How a while-current or always window is shown. */
export function shownCurrentWindow(
  definition: RiskFactorDefinition,
  startsOn: CalendarDate | null,
  endsOn: CalendarDate | null,
): WindowShown {
  const always = definition.windows.some((window) => window.kind === 'always');
  return {
    kind: always ? 'always' : 'while_current',
    label: windowLabel({ kind: always ? 'always' : 'while_current', fromDay: null, toDay: null }),
    fromDay: null,
    toDay: null,
    startsOn,
    endsOn,
  };
}

/** The index of the latest date in `items` (the first of equal latest dates), or -1 when empty. */
export function latestIndex<T>(items: readonly T[], dateOf: (item: T) => string): number {
  let best = -1;
  let bestDate = '';
  let i = 0;
  for (const item of items) {
    const date = dateOf(item);
    if (date > bestDate) {
      best = i;
      bestDate = date;
    }
    i++;
  }
  return best;
}
