import type { EpisodeStatus } from '../episode.ts';
import type { CalendarDate } from '../ids.ts';
import type { Sex } from '../person.ts';
import { assessRisk } from '../risk/assess.ts';
import type { RiskAssessment } from '../risk/assessment.ts';
import type { RiskFacts } from '../risk/facts.ts';
import { riskFactsFromRecord, type RiskRecordEvent } from '../risk/from-record.ts';
import { riskTimeline, type TimelinePoint } from '../risk/timeline.ts';
import type { RecordedFact } from './facts.ts';
import { riskStateFromRecord, type RecordGap } from './risk-state.ts';

/**
 * Scoring a person from their stored record: the one path from what staff wrote to the risk model, used for the
 * re-score after an entry, the daily sweep, `pnpm rescore` and the demo's history. Pure.
 */

export interface EpisodeDates {
  status: EpisodeStatus;
  referredOn: CalendarDate;
  startedOn: CalendarDate | null;
  endedOn: CalendarDate | null;
}

/** What the model needs of one person's stored record. */
export interface PersonRecordInput {
  sex: Sex;
  dateOfBirth: CalendarDate;
  episodes: readonly EpisodeDates[];
  /** Active events only (entered-in-error ones are not scored). */
  events: readonly RiskRecordEvent[];
  facts: readonly RecordedFact[];
  /** Consecutive missed OST doses up to today, from the pharmacy's record (0 until dispensing is recorded). */
  consecutiveMissedDoses?: number;
}

export interface ScoredRecord {
  facts: RiskFacts;
  assessment: RiskAssessment;
  gaps: RecordGap[];
}

/** An episode's status on a past day, from its dates (its stored status is the status today). */
export function episodeStatusOn(episode: EpisodeDates, day: CalendarDate): EpisodeStatus | null {
  if (episode.referredOn > day) return null;
  if (episode.endedOn !== null && episode.endedOn <= day) return 'discharged';
  if (episode.startedOn === null || episode.startedOn > day) return 'referred';
  return 'active';
}

function factsAsOf(record: PersonRecordInput, asOf: CalendarDate, statuses: readonly EpisodeStatus[]) {
  // Entries are never dated after the day they are written; these filters only matter for a past `asOf`.
  const events = record.events.filter((e) => e.occurredOn <= asOf);
  const recorded = record.facts.filter((f) => f.recordedOn <= asOf);
  const { state, gaps } = riskStateFromRecord(recorded, statuses, record.consecutiveMissedDoses ?? 0);
  return { facts: riskFactsFromRecord(record, events, state), gaps };
}

/** The person's assessment on `asOf` (today, for every stored score), with the facts it read and the record's gaps. */
export function scoreRecord(record: PersonRecordInput, asOf: CalendarDate): ScoredRecord {
  const { facts, gaps } = factsAsOf(
    record,
    asOf,
    record.episodes.map((e) => e.status),
  );
  return { facts, assessment: assessRisk(facts, asOf), gaps };
}

/**
 * The person's score on every day from `from` to `to` as the days it changed, as the record would have shown it
 * then (entries dated later left out; episodes by their dates). Used to give the demo organisation a history.
 */
export function recordTimeline(
  record: PersonRecordInput,
  from: CalendarDate,
  to: CalendarDate,
): TimelinePoint[] {
  const entryDays = [
    ...record.events.map((e) => e.occurredOn),
    ...record.facts.map((f) => f.recordedOn),
    ...record.episodes.flatMap((e) =>
      [e.referredOn, e.startedOn, e.endedOn].filter((d): d is string => d !== null),
    ),
  ];
  const factsOn = (day: CalendarDate): RiskFacts => {
    const statuses = record.episodes
      .map((e) => episodeStatusOn(e, day))
      .filter((s): s is EpisodeStatus => s !== null);
    return factsAsOf({ ...record, consecutiveMissedDoses: 0 }, day, statuses).facts;
  };
  return riskTimeline(factsOn, entryDays, from, to);
}
