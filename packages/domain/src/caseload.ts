import { z } from 'zod';
import { CalendarDate, Id, PersonReference } from './ids.ts';
import { OstMedicine } from './medicines.ts';
import { EpisodeStatus } from './episode.ts';
import { RiskFactorCode, RiskTier } from './risk/codes.ts';

/**
 * Sort orders for a caseload. Sort and filter fields are enums, never free text (security.md promise 11). `risk`
 * (the default) is the register: tier, then score, highest first (drd-risk.md; workflows.md "Risk register").
 */
export const caseloadSorts = ['risk', 'name', 'last_contact'] as const;
export const CaseloadSort = z.enum(caseloadSorts);
export type CaseloadSort = z.infer<typeof CaseloadSort>;

export const CASELOAD_PAGE_SIZES = [10, 25, 50, 100] as const;

/** A request for one page of a team's caseload. Everything here may appear in a URL: no names, no search text. */
export const CaseloadQuery = z.strictObject({
  teamId: Id,
  page: z.int().min(1).max(10_000).default(1),
  pageSize: z.union(CASELOAD_PAGE_SIZES.map((n) => z.literal(n))).default(25),
  sort: CaseloadSort.default('risk'),
  /**
   * `asc` is each sort's usual order: risk highest first, names A to Z, the longest without contact first;
   * `desc` reverses it.
   */
  direction: z.enum(['asc', 'desc']).default('asc'),
  keyworkerId: Id.optional(),
  /** `on` = currently on OST, `off` = not; absent = everyone. */
  ost: z.enum(['on', 'off']).optional(),
  /** People with no contact for at least this many days (or never). */
  noContactForDays: z.int().min(1).max(3650).optional(),
  /** People in this tier only. */
  tier: RiskTier.optional(),
  /** People who entered high or very high in the last 7 days (`NEW_TO_HIGH_DAYS`). */
  newToHigh: z.boolean().optional(),
  /** People whose score is up 10 or more in 28 days (`RISING_POINTS`, `RISING_DAYS`). */
  rising: z.boolean().optional(),
});
export type CaseloadQuery = z.input<typeof CaseloadQuery>;
export type CaseloadQueryParsed = z.output<typeof CaseloadQuery>;

/** "New to high or very high": entered one of those tiers from below within this many days. */
export const NEW_TO_HIGH_DAYS = 7;
/**
 * "Rising": the score now is at least `RISING_POINTS` above the lowest it stood at any time in the last
 * `RISING_DAYS` days (the score standing at the start of the window included). A rise that then partly fell back
 * still counts from its low point: the list is for people getting worse, whatever the path.
 */
export const RISING_POINTS = 10;
export const RISING_DAYS = 28;

/** A reason beside a name: a factor, its points, and the day of its event when it follows one. */
export const CaseloadReason = z.strictObject({
  code: RiskFactorCode,
  points: z.int(),
  eventOn: CalendarDate.nullable(),
});

/** One row of a caseload. */
export const CaseloadRow = z.strictObject({
  personId: Id,
  reference: PersonReference,
  displayName: z.string(),
  keyworkerName: z.string().nullable(),
  episodeStatus: EpisodeStatus,
  ostMedicine: OstMedicine.nullable(),
  ostDoseMg: z.number().nullable(),
  lastContactOn: CalendarDate.nullable(),
  /** Null until the person is first scored. */
  riskTier: RiskTier.nullable(),
  riskScore: z.int().nullable(),
  reasons: z.array(CaseloadReason),
  /** The day the person entered high or very high (null when below high). */
  highSince: CalendarDate.nullable(),
  /** The day the score is for. */
  riskAsOf: CalendarDate.nullable(),
  /**
   * True when the score should have changed by today and has not been re-scored (the daily sweep has not run):
   * shown as "may be out of date", never silently (hazard: a stale risk score).
   */
  riskStale: z.boolean(),
  /** Open tasks about the person whose due day has passed (the task store; `overdueCount`'s rule, in SQL). */
  overdueTasks: z.int().nonnegative(),
});
export type CaseloadRow = z.infer<typeof CaseloadRow>;

export interface CaseloadPage {
  rows: CaseloadRow[];
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
}
