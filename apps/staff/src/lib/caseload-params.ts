import { CaseloadQuery, type CaseloadQueryParsed } from '@harbour/domain/caseload';
import { defaultParams, type CaseloadParams } from './caseload-href.ts';

/** A query-string value the portal could not use, and what would work instead. */
export interface ParamProblem {
  param: string;
  value: string;
  message: string;
}

export type ParsedCaseloadParams =
  | { ok: true; query: CaseloadQueryParsed; params: CaseloadParams }
  | { ok: false; problems: ParamProblem[]; params: CaseloadParams };

/** Query-string name → CaseloadQuery field, and the plain-English fix for a bad value. */
const fields = {
  team: { field: 'teamId', fix: 'Choose one of your teams.' },
  keyworker: { field: 'keyworkerId', fix: 'Choose a keyworker from the list.' },
  ost: { field: 'ost', fix: 'Use "on" or "off", or leave it out to show everyone.' },
  nocontact: { field: 'noContactForDays', fix: 'Use a number of days from 1 to 3650.' },
  tier: { field: 'tier', fix: 'Use "low", "moderate", "high" or "very_high", or leave it out.' },
  new: { field: 'newToHigh', fix: 'Use "1" to show only people new to high risk, or leave it out.' },
  rising: { field: 'rising', fix: 'Use "1" to show only people whose score is rising, or leave it out.' },
  sort: { field: 'sort', fix: 'Sort by "risk", "name" or "last_contact".' },
  dir: { field: 'direction', fix: 'Use "asc" or "desc".' },
  page: { field: 'page', fix: 'Use a page number from 1.' },
  size: { field: 'pageSize', fix: 'Show 10, 25, 50 or 100 people a page.' },
} as const;
type ParamName = keyof typeof fields;
const paramNames = Object.keys(fields) as ParamName[];

/** A whole number stays a number; anything else is passed on as text for the schema to refuse. */
function numberOrText(value: string): number | string {
  return /^\d{1,9}$/.test(value) ? Number(value) : value;
}

/** Names the query-string parameter behind a CaseloadQuery field (for the API's 400 issues too). */
export function paramOfField(field: string): ParamName | undefined {
  return paramNames.find((name) => fields[name].field === field);
}

/** The plain-English problem for a bad value of `param`. */
export function problemFor(param: string, value: string): ParamProblem {
  const known = paramNames.find((name) => name === param);
  return { param, value, message: known ? fields[known].fix : 'This value is not valid.' };
}

/** A flag in the query string: `1` (as links write it) or `on` (as a ticked checkbox sends it) is true. */
function flag(value: string | undefined): boolean | string | undefined {
  if (value === undefined) return undefined;
  return value === '1' || value === 'on' ? true : value;
}

/**
 * Reads the caseload's settings from a query string. Empty values (an untouched select in a GET form) count
 * as absent; unknown parameters are ignored. `defaultTeam` is used when no team is given; `me` (the caller's own
 * id, when they are a keyworker) stands for `keyworker=me`, the address a colleague can share for "my caseload".
 */
export function parseCaseloadParams(
  search: URLSearchParams,
  defaultTeam: string,
  me: string | null = null,
): ParsedCaseloadParams {
  const raw: Partial<Record<ParamName, string>> = {};
  for (const name of paramNames) {
    const value = search.get(name)?.trim();
    if (value) raw[name] = value;
  }
  const input = {
    teamId: raw.team ?? defaultTeam,
    ...(raw.keyworker === undefined
      ? {}
      : { keyworkerId: raw.keyworker === 'me' && me !== null ? me : raw.keyworker }),
    ...(raw.ost === undefined || raw.ost === 'any' ? {} : { ost: raw.ost }),
    ...(raw.nocontact === undefined ? {} : { noContactForDays: numberOrText(raw.nocontact) }),
    ...(raw.tier === undefined || raw.tier === 'any' ? {} : { tier: raw.tier }),
    ...(flag(raw.new) === undefined ? {} : { newToHigh: flag(raw.new) }),
    ...(flag(raw.rising) === undefined ? {} : { rising: flag(raw.rising) }),
    ...(raw.sort === undefined ? {} : { sort: raw.sort }),
    ...(raw.dir === undefined ? {} : { direction: raw.dir }),
    ...(raw.page === undefined ? {} : { page: numberOrText(raw.page) }),
    ...(raw.size === undefined ? {} : { pageSize: numberOrText(raw.size) }),
  };
  const parsed = CaseloadQuery.safeParse(input);
  if (!parsed.success) {
    const problems: ParamProblem[] = [];
    for (const issue of parsed.error.issues) {
      const param = paramOfField(String(issue.path[0] ?? ''));
      if (param === undefined || problems.some((p) => p.param === param)) continue;
      problems.push(problemFor(param, raw[param] ?? ''));
    }
    return { ok: false, problems, params: defaultParams(raw.team ?? defaultTeam) };
  }
  return { ok: true, query: parsed.data, params: paramsOf(parsed.data) };
}

/** The URL settings that a (valid) CaseloadQuery stands for. */
export function paramsOf(query: CaseloadQueryParsed): CaseloadParams {
  return {
    team: query.teamId,
    keyworker: query.keyworkerId ?? null,
    ost: query.ost ?? null,
    noContactForDays: query.noContactForDays ?? null,
    tier: query.tier ?? null,
    newToHigh: query.newToHigh === true,
    rising: query.rising === true,
    sort: query.sort,
    dir: query.direction,
    page: query.page,
    size: query.pageSize,
  };
}
