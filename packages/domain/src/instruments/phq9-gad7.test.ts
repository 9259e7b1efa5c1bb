import { describe, expect, it } from 'vitest';
import { crisisContacts } from './crisis.ts';
import { gad7 } from './gad7.ts';
import { phq9 } from './phq9.ts';
import { scoreInstrument } from './score.ts';
import { answersWithTotal } from './testing.ts';

/** A PHQ-9 answer set with `total`, all of it on items 1 to 8, and item 9 answered as given. */
function phq9Answers(total: number, item9: number): Record<string, number> {
  const rest = answersWithTotal({ ...phq9, items: phq9.items.slice(0, 8) }, total - item9);
  return { ...rest, phq9_9: item9 };
}

describe('PHQ-9 scoring', () => {
  it.each([
    [0, 'none_minimal'],
    [4, 'none_minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'moderately_severe'],
    [19, 'moderately_severe'],
    [20, 'severe'],
    [27, 'severe'],
  ])('puts a total of %i in the %s band', (total, band) => {
    const result = scoreInstrument(phq9, answersWithTotal(phq9, total));
    expect(result.total).toBe(total);
    expect(result.band?.id).toBe(band);
    expect(result.range).toEqual({ min: 0, max: 27 });
  });

  it('raises no alert and proposes nothing when question 9 is "Not at all", even at the top band', () => {
    const result = scoreInstrument(phq9, phq9Answers(24, 0));
    expect(result.alerts).toEqual([]);
    expect(result.urgent).toBe(false);
    expect(result.crisisContacts).toEqual([]);
    expect(result.proposedFacts).toEqual([]);
  });

  it.each([1, 2, 3])(
    'raises an urgent same-day alert with crisis contacts when question 9 scores %i, even at a low total',
    (item9) => {
      const result = scoreInstrument(phq9, phq9Answers(item9, item9));
      expect(result.band?.id).toBe('none_minimal');
      expect(result.urgent).toBe(true);
      expect(result.alerts).toHaveLength(1);
      const [alert] = result.alerts;
      expect(alert?.level).toBe('urgent');
      expect(alert?.itemId).toBe('phq9_9');
      expect(alert?.response).toEqual({
        task: 'urgent_same_day_contact',
        sameDay: true,
        showCrisisContacts: true,
      });
      expect(result.crisisContacts).toEqual(crisisContacts);
      expect(result.crisisContacts.map((c) => c.phone)).toEqual(['116 123', '111', '999']);
    },
  );

  it('puts SUICIDALITY into the risk model at once from question 9, with the question and answer', () => {
    const result = scoreInstrument(phq9, phq9Answers(6, 1));
    expect(result.proposedFacts).toEqual([
      {
        code: 'SUICIDALITY',
        use: 'in_risk_model',
        instrumentId: 'phq9',
        itemId: 'phq9_9',
        question: 'Thoughts that you would be better off dead or of hurting yourself in some way',
        answer: 1,
        total: 6,
        evidence: 'PHQ-9 question 9 answered above "Not at all".',
      },
    ]);
  });

  it('records every item score', () => {
    const result = scoreInstrument(phq9, phq9Answers(11, 2));
    expect(Object.keys(result.itemScores)).toHaveLength(9);
    expect(result.itemScores.phq9_9).toBe(2);
  });
});

describe('GAD-7 scoring', () => {
  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'severe'],
    [21, 'severe'],
  ])('puts a total of %i in the %s band', (total, band) => {
    const result = scoreInstrument(gad7, answersWithTotal(gad7, total));
    expect(result.total).toBe(total);
    expect(result.band?.id).toBe(band);
  });

  it('raises no alert and proposes no risk fact, even when severe', () => {
    const result = scoreInstrument(gad7, answersWithTotal(gad7, 21));
    expect(result.alerts).toEqual([]);
    expect(result.proposedFacts).toEqual([]);
  });
});
