import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.ts';
import { id } from '../tasks/test-fixtures.ts';
import { caseReviewCompletion } from './completion.ts';
import { caseReviewQueue } from './queue.ts';

const person = (n: number, tier: 'high' | 'very_high', since: string, reviews: string[] = []) => ({
  personId: id(n),
  tierHistory: [{ on: since, tier }],
  reviews,
});

describe('the review queue', () => {
  it('lists the people due, oldest first, very high before high on the same day, with how long they have waited', () => {
    const queue = caseReviewQueue(
      [
        person(1, 'very_high', '2026-03-01'),
        person(2, 'very_high', '2026-02-20'),
        person(3, 'high', '2026-02-08'),
        person(4, 'very_high', '2026-03-09'),
        person(5, 'very_high', '2026-02-20', ['2026-03-01']),
      ],
      '2026-03-10',
    );
    expect(queue.map((q) => [q.personId, q.tier, q.dueFrom, q.dueBy, q.overdue, q.daysWaiting])).toEqual([
      [id(2), 'very_high', '2026-02-27', '2026-03-13', false, 11],
      [id(1), 'very_high', '2026-03-08', '2026-03-22', false, 2],
      [id(3), 'high', '2026-03-08', '2026-04-05', false, 2],
    ]);
  });

  it('shows a missed review as overdue while the person is still in the tier', () => {
    const [item] = caseReviewQueue([person(1, 'very_high', '2026-01-01')], '2026-03-10');
    expect(item).toMatchObject({ dueFrom: '2026-01-08', dueBy: '2026-01-22', overdue: true });
  });

  it('refuses bad input and names it', () => {
    let paths: string[] = [];
    try {
      caseReviewQueue([{ ...person(1, 'very_high', '2026-01-01'), reviews: ['yesterday'] }], '2026-03-10');
    } catch (error) {
      if (isDomainError(error)) paths = error.issues.map((i) => i.path.join('.'));
    }
    expect(paths).toEqual(['candidates.0.reviews.0']);
  });
});

describe('the completion rate (reviewed within the target ÷ due)', () => {
  const people = [
    person(1, 'very_high', '2026-03-01', ['2026-03-10']), // due by 22 March: met
    person(2, 'very_high', '2026-03-01', ['2026-03-25']), // due by 22 March: late, so missed
    person(3, 'very_high', '2026-03-01'), // due by 22 March: missed
    person(4, 'very_high', '2026-03-20'), // due by 10 April: pending on 1 April
  ];
  const march = { from: '2026-03-01', to: '2026-03-31' };
  const april = { from: '2026-04-01', to: '2026-04-30' };

  it('gives the numerator and denominator per period, with the pending ones apart', () => {
    expect(caseReviewCompletion(people, [march, april], '2026-04-01')).toEqual([
      { period: march, numerator: 1, denominator: 3, share: 1 / 3, pending: 0, targetShare: 0.97 },
      { period: april, numerator: 0, denominator: 0, share: null, pending: 1, targetShare: 0.97 },
    ]);
  });

  it('counts a deadline once it has passed', () => {
    const [, april2] = caseReviewCompletion(people, [march, april], '2026-04-11');
    expect(april2).toMatchObject({ numerator: 0, denominator: 1, pending: 0 });
  });

  it('refuses a period that ends before it starts', () => {
    expect(() =>
      caseReviewCompletion(people, [{ from: '2026-04-01', to: '2026-03-01' }], '2026-04-01'),
    ).toThrow(/not valid/);
  });
});
