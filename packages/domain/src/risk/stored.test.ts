import { describe, expect, it } from 'vitest';
import { assessRisk } from './assess.ts';
import { eventDayOf, storedAssessment, topReasons } from './stored.ts';
import { AS_OF, blankFacts, daysAgo } from './test-fixtures.ts';

const facts = blankFacts({
  sex: 'male',
  dateOfBirth: '1970-01-01',
  usesOpioids: true,
  prisonReleases: [daysAgo(6)],
  housing: 'rough_sleeping',
  substances: [{ substance: 'benzodiazepine', source: 'illicit', dailyDoseMg: null }],
});

describe('storedAssessment', () => {
  it('keeps everything but each factor’s evidence and grade', () => {
    const assessment = assessRisk(facts, AS_OF);
    const stored = storedAssessment(assessment);
    expect(stored.score).toBe(assessment.score);
    expect(stored.factors.map((f) => f.code)).toEqual(assessment.factors.map((f) => f.code));
    expect(stored.factors.every((f) => !('evidence' in f) && !('grade' in f))).toBe(true);
  });
});

describe('topReasons', () => {
  it('gives the three factors with the most points, never sex or age, with the day of the event', () => {
    const reasons = topReasons(assessRisk(facts, AS_OF));
    expect(reasons.map((r) => r.code)).toEqual(['PRISON_RELEASE', 'NOT_IN_OST', 'BENZODIAZEPINE']);
    expect(reasons[0]?.eventOn).toBe(daysAgo(6));
    expect(reasons[1]?.eventOn).toBeNull();
  });

  it('finds the event day from a later window (days 15–28 start 15 days after it)', () => {
    const later = assessRisk(blankFacts({ prisonReleases: [daysAgo(20)] }), AS_OF);
    const factor = later.factors.find((f) => f.code === 'PRISON_RELEASE');
    expect(factor && eventDayOf(factor)).toBe(daysAgo(20));
  });

  it('gives none for someone with nothing but sex and age', () => {
    expect(topReasons(assessRisk(blankFacts({ sex: 'male', dateOfBirth: '1960-01-01' }), AS_OF))).toEqual([]);
  });
});
