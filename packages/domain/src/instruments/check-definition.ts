import { InstrumentDefinition, type Condition, type InstrumentItem } from './definition.ts';
import { totalRange } from './score.ts';

/**
 * Structural checks a zod schema cannot express, for every definition in the registry and any a provider adds
 * (docs/instruments.md "Adding an instrument"). Each returns plain-English problems; an empty list means the
 * definition is sound. The registry test runs this on every instrument.
 */

function duplicates(values: readonly (string | number)[]): (string | number)[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

function conditionProblem(
  condition: Condition,
  items: ReadonlyMap<string, InstrumentItem>,
  range: { min: number; max: number } | null,
): string | null {
  if (condition.kind === 'total_at_least') {
    if (range === null) return 'a total condition on an instrument with no total';
    return condition.value > range.min && condition.value <= range.max
      ? null
      : `total ≥ ${condition.value} is outside the possible totals ${range.min}–${range.max}`;
  }
  const item = items.get(condition.item);
  if (item === undefined) return `condition on unknown item "${condition.item}"`;
  switch (condition.kind) {
    case 'item_at_least':
      return item.kind === 'scored_choice' || item.kind === 'integer'
        ? null
        : `item_at_least on "${item.id}", which has no number`;
    case 'is_yes':
      return item.kind === 'yes_no' ? null : `is_yes on "${item.id}", which is not a yes/no question`;
    case 'answer_is': {
      if (item.kind !== 'choice') return `answer_is on "${item.id}", which has no coded options`;
      const values = item.options.map((o) => o.value);
      const unknown = condition.values.filter((v) => !values.includes(v));
      return unknown.length === 0
        ? null
        : `answer_is on "${item.id}" names unknown options ${unknown.join(', ')}`;
    }
  }
}

function itemProblems(item: InstrumentItem, scored: boolean): string[] {
  const problems: string[] = [];
  if (item.kind === 'scored_choice') {
    const dup = duplicates(item.options.map((o) => o.score));
    if (dup.length > 0) problems.push(`item "${item.id}" repeats the score ${dup.join(', ')}`);
    if (item.notAnsweredAllowed === true) problems.push(`scored item "${item.id}" allows "not answered"`);
  } else if (item.kind === 'choice') {
    const dup = duplicates(item.options.map((o) => o.value));
    if (dup.length > 0) problems.push(`item "${item.id}" repeats the option ${dup.join(', ')}`);
  } else if (item.kind === 'integer' && item.min > item.max) {
    problems.push(`item "${item.id}" has min above max`);
  }
  if (scored && item.kind !== 'scored_choice') {
    problems.push(`item "${item.id}" has no score but the instrument is totalled`);
  }
  return problems;
}

/** Every structural problem with `definition` (schema errors first); empty when it is sound. */
export function definitionProblems(definition: unknown): string[] {
  const parsed = InstrumentDefinition.safeParse(definition);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  }
  const def = parsed.data;
  const problems: string[] = [];
  const scored = def.scoring.kind !== 'none';
  const range = scored ? totalRange(def) : null;

  const ids = def.items.map((item) => item.id);
  for (const id of new Set(duplicates(ids))) problems.push(`item id "${id}" is used twice`);
  for (const item of def.items) problems.push(...itemProblems(item, scored));

  const { scoring } = def;
  if (scoring.kind === 'sum' && range !== null) {
    let expected = range.min;
    for (const band of scoring.bands) {
      if (band.min !== expected) problems.push(`band "${band.id}" should start at ${expected}`);
      if (band.max < band.min) problems.push(`band "${band.id}" ends before it starts`);
      expected = band.max + 1;
    }
    if (expected !== range.max + 1) problems.push(`the bands must end at the highest total, ${range.max}`);
  }
  if (scoring.kind === 'sum_with_cut_off' && range !== null) {
    for (const cutOff of [...scoring.subjects.map((s) => s.cutOff), scoring.otherCutOff]) {
      if (cutOff <= range.min || cutOff > range.max) problems.push(`cut-off ${cutOff} is outside the totals`);
    }
    if (!def.items.some((item) => item.text.includes(scoring.placeholder))) {
      problems.push('no item contains the subject placeholder');
    }
  }
  if (scoring.kind === 'none' && !def.validated && !def.alerts.some((a) => a.level === 'urgent')) {
    // Our own self-checks ask about overdose and suicidal thoughts: they must be able to raise the alarm.
    problems.push('an unvalidated self-check must have an urgent alert');
  }

  const items = new Map(def.items.map((item) => [item.id, item] as const));
  const rules = [
    ...def.alerts.map((r) => ({ kind: 'alert', id: r.id, when: r.when })),
    ...def.proposedFacts.map((r) => ({ kind: 'fact', id: r.code, when: r.when })),
    ...def.advice.map((r) => ({ kind: 'advice', id: r.id, when: r.when })),
  ];
  for (const rule of rules) {
    for (const condition of rule.when) {
      const problem = conditionProblem(condition, items, range);
      if (problem !== null) problems.push(`${rule.kind} ${rule.id}: ${problem}`);
    }
  }
  for (const alert of def.alerts) {
    if (alert.followUp !== undefined && alert.level !== 'action') {
      problems.push(`alert ${alert.id}: only an action alert can ask for another instrument`);
    }
  }
  return problems;
}
