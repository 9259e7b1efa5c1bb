import { z } from 'zod';
import { RiskFactorCode } from './codes.ts';
import { RiskDomain } from './domains.ts';

/**
 * The shape of a factor definition in the catalogue (`catalogue.ts`). Kept as a zod schema so a developer adding
 * a factor gets a failing test when an entry is malformed (`catalogue.test.ts` parses every entry).
 */

/** How a weight was arrived at: from a measured effect, or by expert judgement (shown as such everywhere). */
export const evidenceGrades = ['measured', 'expert-judgement'] as const;
export const EvidenceGrade = z.enum(evidenceGrades);
export type EvidenceGrade = z.infer<typeof EvidenceGrade>;

/** One source behind a factor, as drd-risk.md gives it. */
export const Evidence = z.strictObject({
  /** Author and year, e.g. `Merrall 2010`. */
  study: z.string().min(1),
  /** Who was studied, where. */
  population: z.string().min(1),
  /** The reported effect in words: measure, estimate, outcome, comparison. */
  effect: z.string().min(1),
  /** The 95% confidence interval of the estimate, when the brief gives one. */
  ci: z.tuple([z.number().positive(), z.number().positive()]).nullable(),
});
export type Evidence = z.infer<typeof Evidence>;

/**
 * Points per time window. `days`: from `fromDay` to `toDay` inclusive after the event (day 0 is the event day;
 * `toDay: null` is open-ended, "older"). `while_current`: while the state holds. `always`: a fixed attribute.
 */
export const FactorWindow = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('days'),
    fromDay: z.int().min(0),
    toDay: z.int().min(0).nullable(),
    points: z.int().positive(),
  }),
  z.strictObject({ kind: z.literal('while_current'), points: z.int().positive() }),
  z.strictObject({ kind: z.literal('always'), points: z.int().positive() }),
]);
export type FactorWindow = z.infer<typeof FactorWindow>;

/** When a factor sets the tier to at least high: in a day range after its event, or while it is current. */
export const OverrideRule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('days'), fromDay: z.int().min(0), toDay: z.int().min(0) }),
  z.strictObject({ kind: z.literal('while_current') }),
]);
export type OverrideRule = z.infer<typeof OverrideRule>;

/** One factor of the model. */
export const RiskFactorDefinition = z.strictObject({
  code: RiskFactorCode,
  /** Plain English, as a clinician would say it. */
  label: z.string().min(1),
  domain: RiskDomain,
  /** In day order; points never rise with time since the event (a newer event always outweighs an older one). */
  windows: z.array(FactorWindow).min(1),
  /** Points added on top of the window's when a condition holds (GABAPENTINOID: pregabalin > 300 mg/day). */
  extra: z.strictObject({ condition: z.string().min(1), points: z.int().positive() }).nullable(),
  /**
   * `null`: the factor counts once (its most recent event). Otherwise each event counts, at most `atMost` of
   * them, and `openEndedOnce` means the open-ended last window pays once however many events are in it.
   */
  perEvent: z.strictObject({ atMost: z.int().positive(), openEndedOnce: z.boolean() }).nullable(),
  evidence: z.array(Evidence).min(1),
  grade: EvidenceGrade,
  override: OverrideRule.nullable(),
});
export type RiskFactorDefinition = z.infer<typeof RiskFactorDefinition>;
