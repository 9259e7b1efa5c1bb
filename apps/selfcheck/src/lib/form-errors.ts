/**
 * Form errors as the NHS.UK pattern shows them: a summary at the top of the page linking to each field, and
 * the same message by the field. A message with no field (Harbour is down) is listed without a link.
 */
export interface FieldError {
  /** The form field's name (and its input's id), or null for a problem with the whole form. */
  field: string | null;
  message: string;
}

/** The first error for a field, if any. */
export function errorFor(errors: readonly FieldError[] | undefined, field: string): string | undefined {
  return errors?.find((error) => error.field === field)?.message;
}

/** A form field's value as a string ('' when missing, or a file). */
export function textOf(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/**
 * Errors from the API's list of problems with the input: each is put by the field it names (its path's first
 * part, mapped to the form's field), or on `fallback` when it names none the form has. Duplicates are dropped.
 */
export function errorsFromIssues(
  issues: readonly { path: readonly string[]; message: string }[],
  fields: Readonly<Record<string, string>>,
  fallback: { field: string | null; message: string },
): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const field = fields[issue.path[0] ?? ''] ?? fallback.field;
    if (!errors.some((e) => e.field === field)) errors.push({ field, message: issue.message });
  }
  return errors.length > 0 ? errors : [fallback];
}
