import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import type { CalendarDate } from '../ids.ts';
import { assessRisk } from './assess.ts';
import type { RiskFacts } from './facts.ts';
import { blankFacts } from './test-fixtures.ts';
import { riskTimeline, type TimelinePoint } from './timeline.ts';

/** Facts as known on `day`: a release, an overdose and a discharge, each only once it has happened. */
function factsWith(events: {
  release?: CalendarDate;
  overdose?: CalendarDate;
}): (day: CalendarDate) => RiskFacts {
  return (day) =>
    blankFacts({
      sex: 'male',
      usesOpioids: true,
      prisonReleases: events.release !== undefined && events.release <= day ? [events.release] : [],
      nonFatalOverdoses: events.overdose !== undefined && events.overdose <= day ? [events.overdose] : [],
    });
}

/** The same history found the slow way: assessing every single day. */
function dailyTimeline(factsOn: (day: CalendarDate) => RiskFacts, from: CalendarDate, to: CalendarDate) {
  const points: TimelinePoint[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const a = assessRisk(factsOn(day), day);
    const last = points.at(-1);
    if (last === undefined || last.score !== a.score || last.tier !== a.tier)
      points.push({ asOf: day, score: a.score, tier: a.tier });
  }
  return points;
}

describe('riskTimeline', () => {
  it('rises on the day of a prison release and falls as each of its windows ends', () => {
    const release = '2026-03-01';
    const points = riskTimeline(factsWith({ release }), [release], '2026-02-20', '2026-06-30');
    expect(points.map((p) => p.asOf)).toEqual([
      '2026-02-20', // not in OST, male
      release, // days 0–14: 20 points and never below high
      '2026-03-16', // days 15–28: 5 points
      '2026-03-30', // days 29–84: 2 points
      '2026-05-25', // day 85: the release no longer counts
    ]);
    expect(points[1]?.tier).toBe('high');
    expect(points[1]?.score).toBeGreaterThan(points[2]?.score ?? Infinity);
    expect(points.at(-1)?.score).toBe(points[0]?.score);
  });

  it('gives one point when nothing changes', () => {
    expect(riskTimeline(factsWith({}), [], '2026-01-01', '2026-12-31')).toHaveLength(1);
  });

  it('agrees with assessing every day, for any release and overdose dates', () => {
    const from = '2026-01-01';
    const day = fc.integer({ min: 0, max: 200 }).map((n) => addDays(from, n));
    fc.assert(
      fc.property(
        fc.option(day, { nil: undefined }),
        fc.option(day, { nil: undefined }),
        (release, overdose) => {
          const factsOn = factsWith({ release, overdose });
          const entries = [release, overdose].filter((d): d is string => d !== undefined);
          const to = '2026-10-01';
          expect(riskTimeline(factsOn, entries, from, to)).toEqual(dailyTimeline(factsOn, from, to));
        },
      ),
      { numRuns: 40 },
    );
  });
});
