import type { FormProblem } from './problems.ts';

/** One of the API's problems with a call's input (a 400's `issues`: api-contract.md "Errors"). */
export interface ApiIssue {
  path: readonly (string | number)[];
  message: string;
}

function isList(fields: Readonly<Record<string, string>> | readonly string[]): fields is readonly string[] {
  return Array.isArray(fields);
}

/**
 * The API's problems with the input as problems with this form's fields, so that a refusal from the API shows
 * like the portal's own: by the field, and in the summary. `fields` maps the API's input names to the ids of
 * this form's inputs (a list when they are the same). An issue naming no field of the form goes on
 * `fallback.field`; no issues at all gives `fallback` alone. One message per field, each whole-form message
 * once, in the API's order.
 */
export function problemsFromApi(
  issues: readonly ApiIssue[],
  fields: Readonly<Record<string, string>> | readonly string[],
  fallback: FormProblem,
): FormProblem[] {
  const idOf = (name: string): string | undefined => {
    if (isList(fields)) return fields.includes(name) ? name : undefined;
    return Object.hasOwn(fields, name) ? fields[name] : undefined;
  };
  const problems: FormProblem[] = [];
  for (const issue of issues) {
    const field = idOf(String(issue.path[0] ?? '')) ?? fallback.field;
    const seen = problems.some((p) => p.field === field && (field !== null || p.message === issue.message));
    if (!seen) problems.push({ field, message: issue.message });
  }
  return problems.length > 0 ? problems : [fallback];
}
