import type { Issue } from '../errors.ts';
import type { InstrumentDefinition, InstrumentItem } from './definition.ts';

/**
 * One answer: a score (scored choice), a whole number (days, rating), an option code (choice), yes/no, or
 * `null` for "not answered" where the published form allows it (TOP only).
 */
export type AnswerValue = number | string | boolean | null;
/** A complete, validated answer set keyed by item id. */
export type Answers = Readonly<Record<string, AnswerValue>>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** The problem with one present, non-null answer to `item`, or null when it is valid. */
function answerProblem(item: InstrumentItem, value: unknown): string | null {
  switch (item.kind) {
    case 'scored_choice': {
      if (!isWholeNumber(value)) return 'Must be the score of one of the answer options (a whole number).';
      const scores = item.options.map((o) => o.score);
      return scores.includes(value) ? null : `Out of range: must be one of ${scores.join(', ')}.`;
    }
    case 'integer':
      if (!isWholeNumber(value)) return 'Must be a whole number.';
      return value >= item.min && value <= item.max
        ? null
        : `Out of range: must be from ${item.min} to ${item.max}.`;
    case 'yes_no':
      return typeof value === 'boolean' ? null : 'Must be yes (true) or no (false).';
    case 'choice': {
      if (typeof value !== 'string') return 'Must be the code of one of the answer options.';
      const values = item.options.map((o) => o.value);
      return values.includes(value) ? null : `Out of range: must be one of ${values.join(', ')}.`;
    }
  }
}

/**
 * Every problem with `answers` for `definition`, one issue per problem, each with the item id as its path:
 * a missing answer, a wrong type, an out-of-range value, or an answer to a question the instrument does not
 * have. An empty list means the answers are complete and valid. Messages never echo the answers themselves.
 */
export function answerIssues(definition: InstrumentDefinition, answers: unknown): Issue[] {
  if (!isPlainObject(answers)) {
    return [{ path: [], message: 'Answers must be an object keyed by question id.' }];
  }
  const issues: Issue[] = [];
  for (const item of definition.items) {
    const present = Object.hasOwn(answers, item.id) && answers[item.id] !== undefined;
    const value = present ? answers[item.id] : undefined;
    if (!present || (value === null && item.notAnsweredAllowed !== true)) {
      // A missing answer is an error, never a zero: scoring it as zero would under-report (hazard log).
      issues.push({ path: [item.id], message: 'Missing answer: every question must be answered.' });
      continue;
    }
    if (value === null) continue;
    const problem = answerProblem(item, value);
    if (problem !== null) issues.push({ path: [item.id], message: problem });
  }
  const known = new Set(definition.items.map((item) => item.id));
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) {
      issues.push({
        path: [key],
        message: `Unknown question: ${definition.name} has no question with this id.`,
      });
    }
  }
  return issues;
}
