// How a form's problems are carried from an action to its page: one list, each tied to a field (by the id of its
// input) or to the form as a whole. The page shows them in an error summary that links to each field, and
// beside the fields themselves.

export interface FormProblem {
  /** The id of the input to link to and mark, or null for a problem with the form as a whole. */
  field: string | null;
  message: string;
}

/** The first problem with `field`, for the message beside it. */
export function problemFor(problems: readonly FormProblem[] | undefined, field: string): string | undefined {
  return problems?.find((problem) => problem.field === field)?.message;
}

/** A text field of a submitted form, trimmed ('' when missing or a file). */
export function textField(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** A text field of a submitted form exactly as typed (passphrases: spaces count). */
export function rawField(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/**
 * The API's problems with the input (400 issues, by path) as problems with this form's fields: `fields` maps
 * an API input name to the id of the input that holds it. An issue with no matching field becomes a problem
 * with the form; if there are none at all, `fallback` is used.
 */
export function problemsFromIssues(
  issues: readonly { path: string[]; message: string }[],
  fields: Readonly<Record<string, string>>,
  fallback: string,
): FormProblem[] {
  const problems = issues.map((issue) => ({
    field: fields[issue.path[0] ?? ''] ?? null,
    message: issue.message,
  }));
  return problems.length > 0 ? problems : [{ field: null, message: fallback }];
}
