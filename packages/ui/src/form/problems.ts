// The one shape of a form's problems in both portals. An action answers a refused post with `fail(status,
// { values, problems })`; the page shows every problem at once: in the error summary at the top (each linked to
// its field) and beside the field itself. Pure and tiny: the pages import it in the browser too.

/** One thing wrong with a submitted form. */
export interface FormProblem {
  /** The id of the input to link to and mark (by default the field's name), or null for the form as a whole. */
  field: string | null;
  message: string;
}

/** What a field may show again after a refused post: text as typed, or the options ticked. */
export type ShownValue = string | readonly string[];

/** The values to show again, by field name. Secret fields (passphrases, codes) are never among them. */
export type ShownValues = Readonly<Record<string, ShownValue | undefined>>;

/**
 * An action's answer to a refused post, as the components read it (`<TextInput {form} name="email" … />`): the
 * values to show again and the problems. Both optional, so the whole `form` of a page can be passed as it is.
 */
export interface FormAnswer {
  values?: ShownValues | undefined;
  problems?: readonly FormProblem[] | undefined;
}

/** The first problem with `field`, for the message beside it; undefined when it has none. */
export function problemFor(problems: readonly FormProblem[] | undefined, field: string): string | undefined {
  return problems?.find((problem) => problem.field === field)?.message;
}

/** A field's text to show again: '' when there is none (or when it was a list). */
export function shownText(values: ShownValues | undefined, name: string): string {
  const value = values?.[name];
  return typeof value === 'string' ? value : '';
}

/** A field's ticked options to show again: [] when there are none (a lone value counts as one). */
export function shownList(values: ShownValues | undefined, name: string): readonly string[] {
  const value = values?.[name];
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

/**
 * A page title that starts with "Error: " while the page shows problems: read out first by a screen reader,
 * and the only announcement of the problems in a portal that sends no JavaScript (GOV.UK and NHS.UK pattern).
 */
export function pageTitle(title: string, problems: readonly FormProblem[] | undefined): string {
  return problems !== undefined && problems.length > 0 ? `Error: ${title}` : title;
}
