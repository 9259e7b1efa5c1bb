import { z } from 'zod';
import { RiskFactorCode } from '../risk/codes.ts';

/**
 * An instrument is data: its items (with the published wording), answer options and their scores, the scoring
 * rule, bands, alert rules, proposed risk facts, advice, who administers it, and its licence and attribution
 * (health-and-instruments.md "Instruments"). `scoreInstrument` interprets a definition; nothing about a
 * particular instrument lives in code, so a provider adds one by writing one definition plus its tests
 * (docs/instruments.md).
 */

/** Stable instrument ids: the keys of the registry and what a stored answer set records. */
export const instrumentIds = [
  'sds',
  'audit_c',
  'audit',
  'phq9',
  'gad7',
  'top',
  'overdose_self_check',
] as const;
export const InstrumentId = z.enum(instrumentIds);
export type InstrumentId = z.infer<typeof InstrumentId>;

/** Who may administer it: `self` = the person, in the self-check portal; `staff` = a keyworker or clinician. */
export const administrators = ['self', 'staff'] as const;
export const Administrator = z.enum(administrators);
export type Administrator = z.infer<typeof Administrator>;

const Text = z.string().min(1).max(1000);
/** Item, option, band and rule ids: snake_case, stable once published (stored answers are keyed by them). */
const Code = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a snake_case code');

const itemBase = {
  id: Code,
  /** The number or letter printed on the published form, e.g. `9` or `2b`. */
  number: z.string().min(1).max(8),
  /** The question exactly as published (or, for our own self-check, as we wrote it). */
  text: Text,
  /** A section heading, for instruments printed in sections (TOP). */
  section: Text.optional(),
  /** Published guidance shown under the question. */
  hint: Text.optional(),
  /**
   * True only where the published form allows "not answered" (TOP: "Use NA only if information is not
   * disclosed or not answered"). Never on a scored item: a missing answer must never count as zero.
   */
  notAnsweredAllowed: z.boolean().optional(),
};

/** An answer option that carries a score; the stored answer is the score itself. */
export const ScoredOption = z.strictObject({ score: z.int().min(0).max(100), label: Text });
export type ScoredOption = z.infer<typeof ScoredOption>;

/** An answer option with no score (our self-check); the stored answer is its `value`. */
export const CodedOption = z.strictObject({ value: Code, label: Text });
export type CodedOption = z.infer<typeof CodedOption>;

export const itemKinds = ['scored_choice', 'choice', 'integer', 'yes_no'] as const;
export type ItemKind = (typeof itemKinds)[number];

export const InstrumentItem = z.discriminatedUnion('kind', [
  z.strictObject({ ...itemBase, kind: z.literal('scored_choice'), options: z.array(ScoredOption).min(2) }),
  z.strictObject({ ...itemBase, kind: z.literal('choice'), options: z.array(CodedOption).min(2) }),
  z.strictObject({
    ...itemBase,
    kind: z.literal('integer'),
    min: z.int(),
    max: z.int(),
    /** `days` in a recall period, or a `rating` on a scale. */
    unit: z.enum(['days', 'rating']),
    /** What the ends of a rating scale mean, e.g. poor (0) and good (20). */
    anchors: z.strictObject({ low: Text, high: Text }).optional(),
  }),
  z.strictObject({ ...itemBase, kind: z.literal('yes_no') }),
]);
export type InstrumentItem = z.infer<typeof InstrumentItem>;

/**
 * A condition on the answers. Rules hold a list of conditions and fire when ANY matches, so each rule is a
 * flat, readable list ("item 9 ≥ 1", "overdose = in the last 7 days") rather than a nested expression.
 */
export const Condition = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('total_at_least'), value: z.int() }),
  z.strictObject({ kind: z.literal('item_at_least'), item: Code, value: z.int() }),
  z.strictObject({ kind: z.literal('answer_is'), item: Code, values: z.array(Code).min(1) }),
  z.strictObject({ kind: z.literal('is_yes'), item: Code }),
]);
export type Condition = z.infer<typeof Condition>;
const When = z.array(Condition).min(1);

/**
 * `urgent`: a human must make contact the same day and the person sees crisis contacts at once. The response to
 * an urgent alert is fixed in code (crisis.ts), not chosen per rule, so no definition can forget half of it.
 * `action`: a task for the keyworker (complete another instrument, or review). `info`: shown, no task.
 */
export const alertLevels = ['urgent', 'action', 'info'] as const;
export const AlertLevel = z.enum(alertLevels);
export type AlertLevel = z.infer<typeof AlertLevel>;

export const AlertRule = z.strictObject({
  id: Code,
  level: AlertLevel,
  when: When,
  /** What staff see: what happened and what to do. No names or free text from the person. */
  forStaff: Text,
  /** What the person sees, in plain English. */
  forPerson: Text,
  /** For `action` alerts that ask for another instrument (AUDIT-C ≥ 5 → the full AUDIT). */
  followUp: InstrumentId.optional(),
});
export type AlertRule = z.infer<typeof AlertRule>;

/** A risk fact the answers suggest; a keyworker confirms it before the risk model uses it. */
/**
 * How a fact raised by answers is used. `in_risk_model`: at once, as health-and-instruments.md says for the
 * validated instruments (PHQ-9 item 9 → SUICIDALITY, AUDIT-C ≥ 8 and AUDIT ≥ 16 → ALCOHOL); waiting for a
 * keyworker would leave the score low while the danger is known. `keyworker_confirms`: only once a keyworker
 * confirms it (our unvalidated overdose-risk self-check, whose answers need a date or a check).
 */
export const factUses = ['in_risk_model', 'keyworker_confirms'] as const;
export const FactUse = z.enum(factUses);
export type FactUse = z.infer<typeof FactUse>;

export const FactRule = z.strictObject({ code: RiskFactorCode, when: When, use: FactUse, evidence: Text });
export type FactRule = z.infer<typeof FactRule>;

/** Personal advice shown to the person when a rule matches (the overdose-risk self-check). */
export const AdviceRule = z.strictObject({ id: Code, when: When, text: z.array(Text).min(1) });
export type AdviceRule = z.infer<typeof AdviceRule>;

export const Band = z.strictObject({ id: Code, label: Text, min: z.int(), max: z.int() });
export type Band = z.infer<typeof Band>;

/** A substance the SDS is asked about, with the cut-off at or above which dependence is likely. */
export const CutOff = z.strictObject({ value: Code, label: Text, cutOff: z.int(), source: Text });
export type CutOff = z.infer<typeof CutOff>;

export const Scoring = z.discriminatedUnion('kind', [
  /** Total = sum of the item scores; the band is the one whose [min, max] holds the total. */
  z.strictObject({ kind: z.literal('sum'), bands: z.array(Band).min(1) }),
  /**
   * Total = sum; the band depends on a cut-off chosen by the subject of the questions (the SDS asks about one
   * named drug). `placeholder` is the text in the items that the subject's label replaces.
   */
  z.strictObject({
    kind: z.literal('sum_with_cut_off'),
    placeholder: Text,
    subjects: z.array(CutOff).min(1),
    /** The cut-off for a subject with no published one, unless the service configures its own. */
    otherCutOff: z.int(),
    atOrAbove: z.strictObject({ id: Code, label: Text }),
    below: z.strictObject({ id: Code, label: Text }),
  }),
  /** No total (TOP; our self-check). `explanation` says why, and is shown wherever a score would be. */
  z.strictObject({ kind: z.literal('none'), explanation: Text }),
]);
export type Scoring = z.infer<typeof Scoring>;

export const InstrumentDefinition = z.strictObject({
  id: InstrumentId,
  /** Short name, e.g. `PHQ-9`. */
  name: Text,
  /** Full name, e.g. `Patient Health Questionnaire-9`. */
  title: Text,
  /** Version of this definition; a changed item, option, band or rule is a new version. */
  version: z.string().regex(/^\d{4}\.\d+$/, 'a version like 2026.1'),
  purpose: Text,
  /** The stem shown before the items, e.g. "Over the last 2 weeks, how often…". */
  instructions: Text,
  administeredBy: z.array(Administrator).min(1),
  /** False for anything not validated as a measure (our self-check): no total is ever presented as risk. */
  validated: z.boolean(),
  items: z.array(InstrumentItem).min(1),
  scoring: Scoring,
  alerts: z.array(AlertRule),
  proposedFacts: z.array(FactRule),
  advice: z.array(AdviceRule),
  /** Where the wording comes from (citation). */
  source: Text,
  licence: Text,
  /** Text that must be shown with the instrument wherever it is reproduced. */
  attribution: Text,
});
export type InstrumentDefinition = z.infer<typeof InstrumentDefinition>;
