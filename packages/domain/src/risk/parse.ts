import type { Issue } from '../errors.ts';
import type { CalendarDate } from '../ids.ts';
import { issuesAfter } from './facts-checks.ts';
import { RiskFacts } from './facts.ts';

/**
 * Parsing is separate from assessing: parse once when facts arrive (an API request, a file, a mapped record),
 * then `assessRisk` as often as needed without paying for zod on every call (a caseload is re-scored nightly).
 */

/** The result of `parseRiskFacts`: the facts, or every problem found, each with its path. */
export type RiskFactsParseResult = { success: true; data: RiskFacts } | { success: false; issues: Issue[] };

/**
 * Parses untrusted input into `RiskFacts` and checks that nothing in it is dated after `asOf` (the date the
 * assessment is for). Never throws for bad input: every problem comes back as an issue (path and message).
 */
export function parseRiskFacts(input: unknown, asOf: CalendarDate): RiskFactsParseResult {
  const parsed = RiskFacts.safeParse(input);
  if (!parsed.success) {
    return {
      success: false,
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
        message: issue.message,
      })),
    };
  }
  const late = issuesAfter(parsed.data, asOf);
  return late.length > 0 ? { success: false, issues: late } : { success: true, data: parsed.data };
}

/** One issue as one line, `path: message`, with the path as written in code: `hospitalDischarges[0].admittedOn`. */
export function formatIssue(issue: Issue): string {
  let path = '';
  for (const part of issue.path) {
    path += typeof part === 'number' ? `[${part}]` : path === '' ? part : `.${part}`;
  }
  return `${path === '' ? '(facts)' : path}: ${issue.message}`;
}
