import type { CalendarDate } from '../ids.ts';
import { assessRisk } from './assess.ts';
import type { RiskTier } from './codes.ts';
import type { RiskFacts } from './facts.ts';

/** One point of a person's risk history: the score and tier from `asOf` until the next point. */
export interface TimelinePoint {
  asOf: CalendarDate;
  score: number;
  tier: RiskTier;
}

/**
 * A person's score as it would have stood on every day from `from` to `to`, as the list of days it changed: the
 * first day, then each day the score or tier moved. An assessment says when it next changes with no new facts
 * (`nextChangeAt`), and nothing else changes it but a new entry, so only those days and the entry days are
 * assessed, never each day in between.
 *
 * `factsOn(day)` gives the facts as the record knew them that day (entries dated after it left out);
 * `entryDays` are the days entries were dated (events and facts), in any order.
 */
export function riskTimeline(
  factsOn: (day: CalendarDate) => RiskFacts,
  entryDays: readonly CalendarDate[],
  from: CalendarDate,
  to: CalendarDate,
): TimelinePoint[] {
  const entries = [...new Set(entryDays)].filter((day) => day > from && day <= to).sort();
  const points: TimelinePoint[] = [];
  let day: CalendarDate | null = from;
  let nextEntry = 0;
  while (day !== null && day <= to) {
    const assessment = assessRisk(factsOn(day), day);
    const last = points.at(-1);
    if (last === undefined || last.score !== assessment.score || last.tier !== assessment.tier)
      points.push({ asOf: day, score: assessment.score, tier: assessment.tier });
    while (nextEntry < entries.length && (entries[nextEntry] ?? '') <= day) nextEntry++;
    const entry: CalendarDate | undefined = entries[nextEntry];
    const change = assessment.nextChangeAt;
    day = change === null ? (entry ?? null) : entry !== undefined && entry < change ? entry : change;
  }
  return points;
}
