import type { EpisodeStatus } from '../episode.ts';
import type { CalendarDate } from '../ids.ts';
import type { RiskCurrentState } from '../risk/from-record.ts';
import type { TreatmentStatus } from '../risk/facts.ts';
import type { FactKind, RecordedFact } from './facts.ts';

/**
 * From a person's stored current facts and episodes to the `RiskCurrentState` the risk model's record mapper
 * takes (risk/from-record.ts). Pure and cheap: the re-scoring of a whole organisation calls it once a person.
 */

/** Where a person is with treatment, from their episodes: any active → in treatment; else any referred; else not. */
export function treatmentStatusOf(episodeStatuses: readonly EpisodeStatus[]): TreatmentStatus {
  if (episodeStatuses.includes('active')) return 'in_treatment';
  if (episodeStatuses.includes('referred')) return 'referred';
  return 'not_in_treatment';
}

/** A fact the record lacks that the model would read, said plainly, with the form that fills it. */
export interface RecordGap {
  kind: FactKind;
  message: string;
}

export interface RiskStateFromRecord {
  state: RiskCurrentState;
  /** Gaps the model's own data gaps do not cover (it already reports housing and alcohol). */
  gaps: RecordGap[];
}

function latestOf<K extends FactKind>(
  facts: readonly RecordedFact[],
  kind: K,
): Extract<RecordedFact, { kind: K }> | undefined {
  let found: Extract<RecordedFact, { kind: K }> | undefined;
  for (const fact of facts) {
    if (fact.kind === kind && (found === undefined || fact.recordedOn >= found.recordedOn))
      found = fact as Extract<RecordedFact, { kind: K }>;
  }
  return found;
}

/**
 * The model's current state from the record. Where drug use has never been recorded the person is taken to use
 * opioids: Harbour's caseload is a drug treatment service's, and the wrong default would hide NOT_IN_OST (11
 * points) for someone out of OST; the gap is shown so the keyworker records it. Nothing else is assumed: the rest
 * default to "nothing recorded", which scores nothing (the model shows housing and alcohol as data gaps).
 * `consecutiveMissedDoses` comes from the pharmacy's dispensing record when there is one (0 until then).
 */
export function riskStateFromRecord(
  facts: readonly RecordedFact[],
  episodeStatuses: readonly EpisodeStatus[],
  consecutiveMissedDoses = 0,
): RiskStateFromRecord {
  const gaps: RecordGap[] = [];
  const drugUse = latestOf(facts, 'drug_use');
  if (drugUse === undefined)
    gaps.push({
      kind: 'drug_use',
      message: 'No drug use on record: scored as using opioids until it is recorded',
    });
  const injecting = latestOf(facts, 'injecting');
  if (injecting === undefined && drugUse?.details.routes.includes('injecting'))
    gaps.push({ kind: 'injecting', message: 'Injects, but the last injection date is not recorded' });
  const coPrescriptions = latestOf(facts, 'co_prescriptions');
  const alcohol = latestOf(facts, 'alcohol');
  const safetyPlan = latestOf(facts, 'safety_plan');
  const state: RiskCurrentState = {
    usesOpioids: drugUse?.details.usesOpioids ?? true,
    treatmentStatus: treatmentStatusOf(episodeStatuses),
    consecutiveMissedDoses,
    substances: coPrescriptions?.details.medicines ?? [],
    conditions: latestOf(facts, 'conditions')?.details.conditions ?? [],
    housing: latestOf(facts, 'housing')?.details.status ?? 'not_recorded',
    // "Currently injecting" without a date counts from the day it was recorded: the safer reading.
    lastInjectedOn:
      injecting?.details.lastInjectedOn ??
      (injecting === undefined && drugUse?.details.routes.includes('injecting') ? drugUse.recordedOn : null),
    alcohol: alcohol?.details,
    usesAlone: drugUse?.details.usesAlone ?? false,
    safetyPlan:
      safetyPlan === undefined ? null : { recordedOn: safetyPlan.recordedOn, ...safetyPlan.details },
    sedativeReviewedOn: coPrescriptions?.details.gpReviewedOn ?? null,
    flags: latestOf(facts, 'flags')?.details.flags ?? [],
  };
  return { state, gaps };
}

/** The latest `recordedOn` of any fact (facts dated after the assessment day are refused when written). */
export function latestFactDate(facts: readonly RecordedFact[]): CalendarDate | null {
  let latest: CalendarDate | null = null;
  for (const fact of facts) if (latest === null || fact.recordedOn > latest) latest = fact.recordedOn;
  return latest;
}
