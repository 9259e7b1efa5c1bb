import type { CalendarDate } from '../ids.ts';
import { ostMedicineLabels } from '../medicines.ts';
import type { FactRef } from './assessment.ts';
import { catalogueByCode, NON_FATAL_OVERDOSE_COUNTING } from './catalogue.ts';
import type { FactorWindow, RiskFactorDefinition } from './catalogue-schema.ts';
import type { RiskFactorCode } from './codes.ts';
import { fromDayNumber, toDayNumber } from './day-number.ts';
import type { OstExitFact, RiskFacts } from './facts.ts';
import { isContinuousTransfer } from './transfer.ts';
import {
  currentPoints,
  dayAfterWindow,
  dayWindowAt,
  latestIndex,
  noteChange,
  pushFactor,
  shownDayWindow,
  type Working,
} from './working.ts';

/**
 * Factors that follow a dated event and fade by time window: the transitions (prison release, hospital discharge,
 * self-discharge, OST exit, tolerance loss, methadone induction, and missed doses which last while current),
 * non-fatal overdoses and suicidality. A factor that counts once reads only the most recent event: its points
 * never rise with time, so an older event can never outweigh a newer one, now or later.
 */

/** Consecutive missed doses that make MISSED_DOSES current (the Home Office instalment wording: 3). */
export const MISSED_DOSES_TRIGGER = 3;

type DaysWindow = Extract<FactorWindow, { kind: 'days' }>;

const exitReasons: Record<OstExitFact['reason'], string> = {
  planned: 'planned',
  unplanned: 'unplanned',
  reduction_completed: 'a reduction reached zero',
  transferred: 'transferred',
};

const detoxSettings: Record<RiskFacts['detoxCompletions'][number]['setting'], string> = {
  community: 'Completed a community detox',
  inpatient: 'Completed an inpatient detox',
  residential: 'Left residential treatment',
};

/** Adds the override of a day-windowed factor when `daysSince` is inside its override range. */
function dayOverride(
  w: Working,
  definition: RiskFactorDefinition,
  eventDay: number,
  daysSince: number,
  detail: string,
): void {
  const rule = definition.override;
  if (rule === null || rule.kind !== 'days' || daysSince < rule.fromDay || daysSince > rule.toDay) return;
  noteChange(w, eventDay + rule.toDay + 1);
  const endsOn = fromDayNumber(eventDay + rule.toDay);
  w.overrides.push({
    code: definition.code,
    reason: `${detail}: never below high until ${endsOn} (days ${rule.fromDay}–${rule.toDay})`,
    startsOn: fromDayNumber(eventDay + rule.fromDay),
    endsOn,
  });
}

/** The latest event of a factor that is still inside one of its windows today. */
interface Hit<T> {
  index: number;
  item: T;
  date: CalendarDate;
  eventDay: number;
  window: DaysWindow;
}

/** The most recent of `items` (by `dateOf`; '' skips an item) if still in a window of `code`, else null. */
function latestInWindow<T>(
  w: Working,
  code: RiskFactorCode,
  items: readonly T[],
  dateOf: (item: T) => string,
): Hit<T> | null {
  // Most people have no such event: return before calling `dateOf` at all.
  if (items.length === 0) return null;
  const index = latestIndex(items, dateOf);
  const item = items[index];
  if (item === undefined) return null;
  const date = dateOf(item);
  const eventDay = toDayNumber(date);
  const window = dayWindowAt(catalogueByCode[code], w.asOfDay - eventDay);
  return window === null ? null : { index, item, date, eventDay, window };
}

/** Scores the event of a day-windowed factor found by `latestInWindow`, with its override. */
function eventFactor<T>(
  w: Working,
  code: RiskFactorCode,
  hit: Hit<T>,
  facts: FactRef[],
  detail: string,
): void {
  const definition = catalogueByCode[code];
  const { window, eventDay } = hit;
  noteChange(w, dayAfterWindow(window, eventDay));
  pushFactor(w, definition, window.points, detail, shownDayWindow(window, hit.date, eventDay), facts);
  dayOverride(w, definition, eventDay, w.asOfDay - eventDay, detail);
}

/** PRISON_RELEASE, HOSPITAL_DISCHARGE, SELF_DISCHARGE, OST_EXIT, TOLERANCE_LOSS, METHADONE_INDUCTION, MISSED_DOSES. */
export function transitionFactors(facts: RiskFacts, w: Working): void {
  const release = latestInWindow(w, 'PRISON_RELEASE', facts.prisonReleases, (date) => date);
  if (release !== null) {
    const refs = [{ path: `prisonReleases[${release.index}]`, value: release.date }];
    eventFactor(w, 'PRISON_RELEASE', release, refs, `Released from prison or custody on ${release.date}`);
  }

  const discharge = latestInWindow(w, 'HOSPITAL_DISCHARGE', facts.hospitalDischarges, (d) => d.dischargedOn);
  if (discharge !== null) {
    const { admittedOn } = discharge.item;
    const refs = [{ path: `hospitalDischarges[${discharge.index}].dischargedOn`, value: discharge.date }];
    const admitted = admittedOn === null ? '' : ` (admitted ${admittedOn})`;
    eventFactor(
      w,
      'HOSPITAL_DISCHARGE',
      discharge,
      refs,
      `Discharged from hospital on ${discharge.date}${admitted}`,
    );
  }

  const selfDischarge = latestInWindow(w, 'SELF_DISCHARGE', facts.hospitalDischarges, (d) =>
    d.selfDischarged ? d.dischargedOn : '',
  );
  if (selfDischarge !== null) {
    const refs = [
      { path: `hospitalDischarges[${selfDischarge.index}].dischargedOn`, value: selfDischarge.date },
      { path: `hospitalDischarges[${selfDischarge.index}].selfDischarged`, value: true },
    ];
    eventFactor(
      w,
      'SELF_DISCHARGE',
      selfDischarge,
      refs,
      `Left hospital against medical advice on ${selfDischarge.date}`,
    );
  }

  // A transfer with continuity is not an exit ('' skips it), so an earlier real exit still counts.
  const exit = latestInWindow(w, 'OST_EXIT', facts.ostExits, (e) =>
    isContinuousTransfer(e) ? '' : e.exitedOn,
  );
  if (exit !== null) {
    const refs = [{ path: `ostExits[${exit.index}].exitedOn`, value: exit.date }];
    const restarted =
      facts.currentOst === null
        ? ''
        : `; restarted on ${facts.currentOst.startedOn}, and the exit window still counts`;
    eventFactor(
      w,
      'OST_EXIT',
      exit,
      refs,
      `Left OST on ${exit.date} (${exitReasons[exit.item.reason]})${restarted}`,
    );
  }

  const detox = latestInWindow(w, 'TOLERANCE_LOSS', facts.detoxCompletions, (d) => d.completedOn);
  if (detox !== null) {
    const refs = [{ path: `detoxCompletions[${detox.index}].completedOn`, value: detox.date }];
    eventFactor(w, 'TOLERANCE_LOSS', detox, refs, `${detoxSettings[detox.item.setting]} on ${detox.date}`);
  }

  const ost = facts.currentOst;
  const methadone = ost !== null && ost.medicine === 'methadone' ? [ost] : [];
  const induction = latestInWindow(w, 'METHADONE_INDUCTION', methadone, (o) => o.startedOn);
  if (induction !== null) {
    const refs: FactRef[] = [
      { path: 'currentOst.medicine', value: 'methadone' },
      { path: 'currentOst.startedOn', value: induction.date },
    ];
    const detail = `Started methadone on ${induction.date} (now ${induction.item.doseMg} mg/day)`;
    eventFactor(w, 'METHADONE_INDUCTION', induction, refs, detail);
  }

  if (ost !== null && facts.consecutiveMissedDoses >= MISSED_DOSES_TRIGGER) {
    const definition = catalogueByCode.MISSED_DOSES;
    const detail = `${facts.consecutiveMissedDoses} consecutive ${ostMedicineLabels[ost.medicine].toLowerCase()} doses missed`;
    pushFactor(
      w,
      definition,
      currentPoints(definition),
      detail,
      {
        kind: 'while_current',
        label: 'while current',
        fromDay: null,
        toDay: null,
        startsOn: null,
        endsOn: null,
      },
      [{ path: 'consecutiveMissedDoses', value: facts.consecutiveMissedDoses }],
    );
    w.overrides.push({
      code: 'MISSED_DOSES',
      reason: `${detail}: never below high until a dose is taken`,
      startsOn: null,
      endsOn: null,
    });
  }
}

/**
 * NON_FATAL_OVERDOSE: overdoses on the same day count as one (ambulance, A&E and police often report the same
 * one). The most recent `atMost` (2) are counted, each by its own window (7 in days 0–90, 3 in days 91–365); the
 * open-ended window (2, older than a year) pays once however many counted overdoses are in it. Each counted
 * overdose in days 0–28 is its own override, so two overdoses in four weeks make the tier very high.
 */
export function overdoseFactors(facts: RiskFacts, w: Working): void {
  if (facts.nonFatalOverdoses.length === 0) return;
  const definition = catalogueByCode.NON_FATAL_OVERDOSE;
  const counted = latestDistinct(facts.nonFatalOverdoses, NON_FATAL_OVERDOSE_COUNTING.atMost);
  let openEndedPaid = false;
  for (const date of counted) {
    const eventDay = toDayNumber(date);
    const daysSince = w.asOfDay - eventDay;
    const window = dayWindowAt(definition, daysSince);
    if (
      window === null ||
      (window.toDay === null && openEndedPaid && NON_FATAL_OVERDOSE_COUNTING.openEndedOnce)
    )
      continue;
    if (window.toDay === null) openEndedPaid = true;
    noteChange(w, dayAfterWindow(window, eventDay));
    const detail = `Non-fatal overdose on ${date}`;
    const path = `nonFatalOverdoses[${facts.nonFatalOverdoses.indexOf(date)}]`;
    pushFactor(w, definition, window.points, detail, shownDayWindow(window, date, eventDay), [
      { path, value: date },
    ]);
    dayOverride(w, definition, eventDay, daysSince, detail);
  }
}

/** The `count` latest distinct dates, latest first (no sorting or sets: a short insertion into a short list). */
export function latestDistinct(dates: readonly CalendarDate[], count: number): CalendarDate[] {
  const latest: CalendarDate[] = [];
  for (const date of dates) {
    if (latest.includes(date)) continue;
    let at = latest.length;
    while (at > 0) {
      const before = latest[at - 1];
      if (before !== undefined && date < before) break;
      at--;
    }
    if (at < count) latest.splice(at, 0, date);
    if (latest.length > count) latest.pop();
  }
  return latest;
}

/** SUICIDALITY: the most recent record of suicidal thoughts or PHQ-9 item 9 above 0. */
export function suicidalityFactor(facts: RiskFacts, w: Working): void {
  const recorded = latestInWindow(w, 'SUICIDALITY', facts.suicidalityRecordedOn, (date) => date);
  if (recorded === null) return;
  const refs = [{ path: `suicidalityRecordedOn[${recorded.index}]`, value: recorded.date }];
  eventFactor(w, 'SUICIDALITY', recorded, refs, `Suicidal thoughts recorded on ${recorded.date}`);
}
