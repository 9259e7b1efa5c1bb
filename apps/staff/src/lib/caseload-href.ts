// Shared by the server (parsing) and the page (links): no zod here, so the browser bundle stays small.

/**
 * The caseload's filters, sort and page as they appear in the address bar. Everything lives in the query
 * string so that the page works without JavaScript (a GET form), can be bookmarked and shared, and carries no
 * names or free text (the domain's `CaseloadQuery` allows only ids, enums and numbers).
 */
export interface CaseloadParams {
  team: string;
  keyworker: string | null;
  /** `on` = on OST, `off` = not on OST, null = everyone. */
  ost: 'on' | 'off' | null;
  /** Only people with no attended contact for at least this many days (or never); null = everyone. */
  noContactForDays: number | null;
  /** Only people in this tier; null = every tier. */
  tier: 'low' | 'moderate' | 'high' | 'very_high' | null;
  /** Only people new to high or very high in the last 7 days. */
  newToHigh: boolean;
  /** Only people whose score is up 10 or more in 28 days. */
  rising: boolean;
  sort: 'risk' | 'name' | 'last_contact';
  dir: 'asc' | 'desc';
  page: number;
  size: number;
}

/** The days offered by the "no recent contact" filter (a month without contact is a warning sign). */
export const NO_CONTACT_DAYS = 28;

const DEFAULTS = { sort: 'risk', dir: 'asc', page: 1, size: 25 } as const;

/** The settings a caseload opens with: the given team, everyone, the register (highest risk first). */
export function defaultParams(team: string): CaseloadParams {
  return {
    team,
    keyworker: null,
    ost: null,
    noContactForDays: null,
    tier: null,
    newToHigh: false,
    rising: false,
    ...DEFAULTS,
  };
}

/** The filters cleared (the team, sort and page size kept), back to page 1. */
export function withoutFilters(params: CaseloadParams): CaseloadParams {
  return { ...defaultParams(params.team), sort: params.sort, dir: params.dir, size: params.size };
}

/**
 * The address of the caseload with `changes` applied, in a stable order and without default values, so that
 * links stay short and the same settings always give the same address.
 */
export function caseloadHref(
  params: CaseloadParams,
  changes: Partial<CaseloadParams> = {},
): `/caseload?${string}` {
  const next = { ...params, ...changes };
  const search = new URLSearchParams();
  search.set('team', next.team);
  if (next.keyworker !== null) search.set('keyworker', next.keyworker);
  if (next.ost !== null) search.set('ost', next.ost);
  if (next.noContactForDays !== null) search.set('nocontact', String(next.noContactForDays));
  if (next.tier !== null) search.set('tier', next.tier);
  if (next.newToHigh) search.set('new', '1');
  if (next.rising) search.set('rising', '1');
  if (next.sort !== DEFAULTS.sort) search.set('sort', next.sort);
  if (next.dir !== DEFAULTS.dir) search.set('dir', next.dir);
  if (next.size !== DEFAULTS.size) search.set('size', String(next.size));
  if (next.page !== DEFAULTS.page) search.set('page', String(next.page));
  return `/caseload?${search.toString()}`;
}
