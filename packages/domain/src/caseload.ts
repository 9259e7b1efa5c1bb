import { z } from 'zod';
import { CalendarDate, Id, PersonReference } from './ids.ts';
import { OstMedicine } from './medicines.ts';
import { EpisodeStatus } from './episode.ts';

/** Sort orders for a caseload. Sort and filter fields are enums, never free text (security.md promise 11). */
export const caseloadSorts = ['name', 'last_contact'] as const;
export const CaseloadSort = z.enum(caseloadSorts);
export type CaseloadSort = z.infer<typeof CaseloadSort>;

export const CASELOAD_PAGE_SIZES = [10, 25, 50, 100] as const;

/** A request for one page of a team's caseload. Everything here may appear in a URL: no names, no search text. */
export const CaseloadQuery = z.strictObject({
  teamId: Id,
  page: z.int().min(1).max(10_000).default(1),
  pageSize: z.union(CASELOAD_PAGE_SIZES.map((n) => z.literal(n))).default(25),
  sort: CaseloadSort.default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  keyworkerId: Id.optional(),
  /** `on` = currently on OST, `off` = not; absent = everyone. */
  ost: z.enum(['on', 'off']).optional(),
  /** People with no contact for at least this many days (or never). */
  noContactForDays: z.int().min(1).max(3650).optional(),
});
export type CaseloadQuery = z.input<typeof CaseloadQuery>;
export type CaseloadQueryParsed = z.output<typeof CaseloadQuery>;

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
});
export type CaseloadRow = z.infer<typeof CaseloadRow>;

export interface CaseloadPage {
  rows: CaseloadRow[];
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
}
