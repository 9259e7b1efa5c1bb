import { z } from 'zod';
import { DomainError, type Issue } from '../errors.ts';
import type { RiskFactorCode } from '../risk/codes.ts';
import { answerIssues, type Answers, type AnswerValue } from './answers.ts';
import { URGENT_RESPONSE, crisisContacts, type AlertResponse, type CrisisContact } from './crisis.ts';
import type {
  AlertLevel,
  AlertRule,
  Condition,
  FactUse,
  InstrumentDefinition,
  InstrumentId,
  InstrumentItem,
  Scoring,
} from './definition.ts';

/**
 * Context some instruments need: the SDS asks about one named drug (`subject`), and a service may set its own
 * cut-offs for substances with no published one (`cutOffs`, keyed by subject code).
 */
export const ScoringContext = z.strictObject({
  subject: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'a snake_case code')
    .optional(),
  cutOffs: z.record(z.string(), z.int().min(0)).optional(),
});
export type ScoringContext = z.infer<typeof ScoringContext>;

export interface InstrumentAlert {
  id: string;
  level: AlertLevel;
  forStaff: string;
  forPerson: string;
  /** The question whose answer raised it; null when it came from the total. */
  itemId: string | null;
  followUp: InstrumentId | null;
  response: AlertResponse;
}

/**
 * A risk fact raised by the answers. `use` says whether it enters the risk model at once (validated instruments,
 * as the brief says) or only when a keyworker confirms it (the overdose-risk self-check, TOP).
 */
export interface ProposedFact {
  code: RiskFactorCode;
  use: FactUse;
  instrumentId: InstrumentId;
  /** The question it came from (null when it came from the total), its wording and the answer given. */
  itemId: string | null;
  question: string | null;
  answer: AnswerValue;
  total: number | null;
  evidence: string;
}

export interface AdviceItem {
  id: string;
  text: readonly string[];
}

export interface CutOffUsed {
  subject: string;
  cutOff: number;
  /** Where the cut-off came from: the instrument's published one, the service's setting, or our default. */
  source: 'published' | 'configured' | 'default';
}

export interface InstrumentResult {
  instrumentId: InstrumentId;
  instrumentVersion: string;
  /** Null for instruments with no total (TOP, the overdose-risk self-check). */
  total: number | null;
  range: { min: number; max: number } | null;
  band: { id: string; label: string } | null;
  cutOff: CutOffUsed | null;
  /** For instruments with no total: why, to show wherever a score would be shown. */
  noScoreExplanation: string | null;
  /** The score of every scored item (for audit and charts). */
  itemScores: Readonly<Record<string, number>>;
  alerts: InstrumentAlert[];
  /** True when any alert is urgent: create a same-day task and show `crisisContacts` now. */
  urgent: boolean;
  /** The crisis contacts to show at once: all of them when urgent, otherwise none. */
  crisisContacts: readonly CrisisContact[];
  proposedFacts: ProposedFact[];
  advice: AdviceItem[];
}

/** The lowest and highest possible total of an instrument's scored items. */
export function totalRange(definition: InstrumentDefinition): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const item of definition.items) {
    if (item.kind !== 'scored_choice') continue;
    const scores = item.options.map((o) => o.score);
    min += Math.min(...scores);
    max += Math.max(...scores);
  }
  return { min, max };
}

/** An item's wording with the scoring subject filled in (the SDS's "(named drug)" becomes e.g. "heroin"). */
export function itemText(
  definition: InstrumentDefinition,
  item: InstrumentItem,
  subjectLabel?: string,
): string {
  const { scoring } = definition;
  if (scoring.kind !== 'sum_with_cut_off' || subjectLabel === undefined) return item.text;
  return item.text.split(scoring.placeholder).join(subjectLabel);
}

function conditionMatches(condition: Condition, answers: Answers, total: number | null): boolean {
  switch (condition.kind) {
    case 'total_at_least':
      return total !== null && total >= condition.value;
    case 'item_at_least': {
      const value = answers[condition.item];
      return typeof value === 'number' && value >= condition.value;
    }
    case 'answer_is': {
      const value = answers[condition.item];
      return typeof value === 'string' && condition.values.includes(value);
    }
    case 'is_yes':
      return answers[condition.item] === true;
  }
}

/** The first condition that matches (rules fire on ANY), or undefined. */
function firstMatch(
  when: readonly Condition[],
  answers: Answers,
  total: number | null,
): Condition | undefined {
  return when.find((condition) => conditionMatches(condition, answers, total));
}

function sourceItem(condition: Condition): string | null {
  return condition.kind === 'total_at_least' ? null : condition.item;
}

function alertResponse(rule: AlertRule): AlertResponse {
  if (rule.level === 'urgent') return URGENT_RESPONSE;
  if (rule.level === 'info') return { task: null, sameDay: false, showCrisisContacts: false };
  const task = rule.followUp === undefined ? 'keyworker_review' : 'complete_instrument';
  return { task, sameDay: false, showCrisisContacts: false };
}

function cutOffFor(
  scoring: Extract<Scoring, { kind: 'sum_with_cut_off' }>,
  subject: string,
  configured: Readonly<Record<string, number>>,
): CutOffUsed {
  // A published cut-off (heroin, cocaine, amphetamine) is fixed; a service configures only the others.
  const published = scoring.subjects.find((s) => s.value === subject);
  if (published !== undefined) return { subject, cutOff: published.cutOff, source: 'published' };
  const own = configured[subject];
  if (own !== undefined) return { subject, cutOff: own, source: 'configured' };
  return { subject, cutOff: scoring.otherCutOff, source: 'default' };
}

function contextIssues(definition: InstrumentDefinition, context: unknown): Issue[] {
  const parsed = ScoringContext.safeParse(context);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({
      path: ['context', ...issue.path.map(String)],
      message: issue.message,
    }));
  }
  if (definition.scoring.kind === 'sum_with_cut_off' && parsed.data.subject === undefined) {
    return [
      { path: ['context', 'subject'], message: `${definition.name} needs the substance it asks about.` },
    ];
  }
  return [];
}

/**
 * Scores one completed instrument. Validates first: any missing item, wrong type, out-of-range answer or
 * unknown item throws a DomainError('INVALID_INPUT') with one issue per problem (path = item id), so nothing
 * is ever scored from a partial answer set. Returns the total and band (if the instrument has them), the
 * alerts with their required response, the proposed risk facts and any personal advice.
 */
export function scoreInstrument(
  definition: InstrumentDefinition,
  answers: unknown,
  context: ScoringContext = {},
): InstrumentResult {
  const issues = [...answerIssues(definition, answers), ...contextIssues(definition, context)];
  if (issues.length > 0) {
    throw new DomainError(
      'INVALID_INPUT',
      `The answers to ${definition.name} are incomplete or invalid.`,
      issues,
    );
  }
  // answerIssues has proved every item is present with a value of the right kind.
  const valid = answers as Answers;
  const itemScores: Record<string, number> = {};
  for (const item of definition.items) {
    const value = valid[item.id];
    if (item.kind === 'scored_choice' && typeof value === 'number') itemScores[item.id] = value;
  }

  const { scoring } = definition;
  const scored = scoring.kind !== 'none';
  const total = scored ? Object.values(itemScores).reduce((sum, score) => sum + score, 0) : null;
  let band: InstrumentResult['band'] = null;
  let cutOff: CutOffUsed | null = null;
  if (scoring.kind === 'sum' && total !== null) {
    const found = scoring.bands.find((b) => total >= b.min && total <= b.max);
    // checkDefinition proves the bands cover the range; a gap is a broken definition, never "no band".
    if (found === undefined) throw new Error(`${definition.name}: no band holds the total ${total}`);
    band = { id: found.id, label: found.label };
  } else if (scoring.kind === 'sum_with_cut_off' && total !== null) {
    cutOff = cutOffFor(scoring, context.subject ?? '', context.cutOffs ?? {});
    const { id, label } = total >= cutOff.cutOff ? scoring.atOrAbove : scoring.below;
    band = { id, label };
  }

  const alerts: InstrumentAlert[] = [];
  for (const rule of definition.alerts) {
    const match = firstMatch(rule.when, valid, total);
    if (match === undefined) continue;
    alerts.push({
      id: rule.id,
      level: rule.level,
      forStaff: rule.forStaff,
      forPerson: rule.forPerson,
      itemId: sourceItem(match),
      followUp: rule.followUp ?? null,
      response: alertResponse(rule),
    });
  }

  const proposedFacts: ProposedFact[] = [];
  for (const rule of definition.proposedFacts) {
    const match = firstMatch(rule.when, valid, total);
    if (match === undefined) continue;
    const itemId = sourceItem(match);
    const item = definition.items.find((i) => i.id === itemId);
    proposedFacts.push({
      code: rule.code,
      use: rule.use,
      instrumentId: definition.id,
      itemId,
      question: item?.text ?? null,
      answer: itemId === null ? null : (valid[itemId] ?? null),
      total,
      evidence: rule.evidence,
    });
  }

  const advice: AdviceItem[] = definition.advice
    .filter((rule) => firstMatch(rule.when, valid, total) !== undefined)
    .map((rule) => ({ id: rule.id, text: rule.text }));

  const urgent = alerts.some((a) => a.level === 'urgent');
  return {
    instrumentId: definition.id,
    instrumentVersion: definition.version,
    total,
    range: scored ? totalRange(definition) : null,
    band,
    cutOff,
    noScoreExplanation: scoring.kind === 'none' ? scoring.explanation : null,
    itemScores,
    alerts,
    urgent,
    crisisContacts: urgent ? crisisContacts : [],
    proposedFacts,
    advice,
  };
}
