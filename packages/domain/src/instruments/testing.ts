import type { InstrumentDefinition } from './definition.ts';

/**
 * Builds a complete answer set whose total is `total`, for tests and demo data. Items whose scores have gaps
 * (AUDIT 9 and 10 score 0, 2 or 4) are filled first so that every reachable total can be built greedily.
 */
export function answersWithTotal(definition: InstrumentDefinition, total: number): Record<string, number> {
  const scored = definition.items.flatMap((item) =>
    item.kind === 'scored_choice' ? [{ id: item.id, scores: item.options.map((o) => o.score) }] : [],
  );
  const hasGap = (scores: number[]): boolean =>
    Math.max(...scores) - Math.min(...scores) + 1 !== scores.length;
  const ordered = [...scored.filter((i) => hasGap(i.scores)), ...scored.filter((i) => !hasGap(i.scores))];
  const answers: Record<string, number> = {};
  let remaining = total;
  for (const item of ordered) {
    const pick = Math.max(...item.scores.filter((s) => s <= remaining));
    answers[item.id] = pick;
    remaining -= pick;
  }
  if (remaining !== 0) throw new Error(`${definition.name} cannot total ${total}`);
  return answers;
}

/** The overdose-risk self-check's lowest-risk answers: tests change one answer from these. */
export const safestSelfCheckAnswers: Readonly<Record<string, string>> = {
  left_prison: 'no',
  left_hospital: 'no',
  left_treatment: 'no',
  days_without: 'no',
  alcohol: 'no',
  benzos: 'no',
  gabapentinoids: 'no',
  using_alone: 'no',
  overdose: 'never',
  injecting: 'no',
  breathing: 'no',
  liver: 'no',
  naloxone: 'yes',
  suicidal_thoughts: 'no',
};
