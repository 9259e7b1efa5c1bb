import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.ts';
import { scoreInstrument } from './score.ts';
import { top } from './top.ts';

/** A complete TOP: nothing used, no injecting, no crime, mid ratings, no housing problem. */
function quietTop(): Record<string, number | boolean | null> {
  const answers: Record<string, number | boolean | null> = {};
  for (const item of top.items) {
    if (item.kind === 'yes_no') answers[item.id] = false;
    else if (item.kind === 'integer') answers[item.id] = item.unit === 'rating' ? 10 : 0;
  }
  return answers;
}

function issuesOf(answers: unknown): { path: (string | number)[]; message: string }[] {
  try {
    scoreInstrument(top, answers);
    return [];
  } catch (error) {
    return isDomainError(error) ? error.issues : [];
  }
}

describe('Treatment Outcomes Profile', () => {
  it('has the four published sections, 28-day recall and no total', () => {
    expect(top.items).toHaveLength(24);
    expect(new Set(top.items.map((i) => i.section))).toEqual(
      new Set([
        'Section 1: Substance use',
        'Section 2: Injecting risk behaviour',
        'Section 3: Crime',
        'Section 4: Health and social functioning',
      ]),
    );
    const substances = top.items.filter((i) => i.section === 'Section 1: Substance use');
    expect(substances.map((i) => i.id)).toEqual([
      'top_alcohol_days',
      'top_opiates_days',
      'top_crack_days',
      'top_cocaine_days',
      'top_amphetamines_days',
      'top_cannabis_days',
      'top_other_days',
      'top_tobacco_days',
    ]);
    const result = scoreInstrument(top, quietTop());
    expect(result.total).toBeNull();
    expect(result.band).toBeNull();
    expect(result.range).toBeNull();
    expect(result.noScoreExplanation).toMatch(/no total/);
  });

  it('accepts days 0 and 28 and refuses -1, 29 and fractions', () => {
    expect(issuesOf({ ...quietTop(), top_alcohol_days: 28 })).toEqual([]);
    expect(issuesOf({ ...quietTop(), top_alcohol_days: 0 })).toEqual([]);
    expect(
      issuesOf({ ...quietTop(), top_alcohol_days: 29, top_crack_days: -1, top_cocaine_days: 2.5 }),
    ).toEqual([
      { path: ['top_alcohol_days'], message: 'Out of range: must be from 0 to 28.' },
      { path: ['top_crack_days'], message: 'Out of range: must be from 0 to 28.' },
      { path: ['top_cocaine_days'], message: 'Must be a whole number.' },
    ]);
  });

  it('accepts ratings 0 and 20 and refuses 21', () => {
    expect(issuesOf({ ...quietTop(), top_quality_of_life: 0, top_physical_health: 20 })).toEqual([]);
    expect(issuesOf({ ...quietTop(), top_psychological_health: 21 })).toEqual([
      { path: ['top_psychological_health'], message: 'Out of range: must be from 0 to 20.' },
    ]);
  });

  it('takes yes/no answers as booleans only', () => {
    expect(issuesOf({ ...quietTop(), top_shared_needle: 'yes' })).toEqual([
      { path: ['top_shared_needle'], message: 'Must be yes (true) or no (false).' },
    ]);
  });

  it('allows "not answered" (null) on every field, as the published form does, but not a missing field', () => {
    const notAnswered = Object.fromEntries(top.items.map((i) => [i.id, null]));
    expect(issuesOf(notAnswered)).toEqual([]);
    const { top_tobacco_days: _omitted, ...missing } = quietTop();
    expect(issuesOf(missing)).toEqual([
      { path: ['top_tobacco_days'], message: 'Missing answer: every question must be answered.' },
    ]);
  });

  it('proposes INJECTING from one injecting day and HOMELESS from an acute housing problem', () => {
    expect(scoreInstrument(top, quietTop()).proposedFacts).toEqual([]);
    const result = scoreInstrument(top, {
      ...quietTop(),
      top_injected_days: 1,
      top_acute_housing_problem: true,
    });
    expect(result.proposedFacts.map((f) => [f.code, f.use, f.itemId, f.answer])).toEqual([
      ['INJECTING', 'keyworker_confirms', 'top_injected_days', 1],
      ['HOMELESS', 'keyworker_confirms', 'top_acute_housing_problem', true],
    ]);
  });

  it('asks the keyworker to offer tests, vaccination and kit when equipment was shared', () => {
    expect(scoreInstrument(top, quietTop()).alerts).toEqual([]);
    for (const item of ['top_shared_needle', 'top_shared_paraphernalia']) {
      const [alert] = scoreInstrument(top, { ...quietTop(), top_injected_days: 5, [item]: true }).alerts;
      expect(alert).toMatchObject({ id: 'top_shared_equipment', level: 'action', itemId: item });
    }
  });
});
