import { CONTROL_CHARACTER_MESSAGE, isMultiLineText } from '@harbour/domain/text';
import type { z } from 'zod';
import type { FormProblem, ShownValue, ShownValues } from './problems.ts';
import { fieldPlans, type FieldKind, type FieldPlan } from './schema-fields.ts';

// Reading a submitted form against a zod schema from packages/domain, on the server (a form action). No
// SvelteKit here: the route calls `fail()` itself with what this returns, so the package stays framework-light.

/** What a form post or a query string offers: FormData and URLSearchParams both fit. */
export interface Submitted {
  get(name: string): FormDataEntryValue | null;
  getAll(name: string): FormDataEntryValue[];
}

export interface ReadOptions<Name extends string> {
  /** Fields never sent back to the page to show again: passphrases and one-time codes. */
  secret?: readonly Name[];
  /**
   * Hidden fields the person cannot see or correct (an id, a version): their problems are problems with the
   * form as a whole, since the error summary would have nothing to link to.
   */
  hidden?: readonly Name[];
  /** Put before each field's name to make the id of its input, when a page holds more than one form. */
  idPrefix?: string;
}

/** The refusal to send back: `return fail(400, read.failure)`. */
export interface FormFailure {
  values: ShownValues;
  problems: FormProblem[];
}

/** The typed values, or the refusal; either way the values to show again (for a refusal by the API). */
export type FormRead<S extends z.ZodType> =
  | { ok: true; data: z.output<S>; values: ShownValues }
  | { ok: false; values: ShownValues; failure: FormFailure };

/**
 * Plain-English messages for what a field's schema left to zod's defaults ("Invalid input: expected number,
 * received NaN" is no use to anyone). A schema's own messages always win: zod ranks them above these.
 */
const fallbackMessages: Record<FieldKind, string> = {
  text: 'Enter an answer',
  number: 'Enter a number, using digits',
  date: 'Enter a real date',
  choice: 'Select one of the options',
  list: 'Select only from the options shown',
  boolean: 'Tick the box to confirm',
};

/** Said of a hidden field (an id, a version) whose schema has no words of its own: the page sent it wrong. */
const HIDDEN_FALLBACK = 'Reload the page and try again.';

/** A number as people type it: digits, perhaps a sign and a decimal point ("60", "7.5", "-2", ".5"). */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A date typed as day/month/year, where a browser shows a plain text box instead of a date picker. */
const UK_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/**
 * The text of one field as submitted ('' when missing; a file counts as missing): for a hidden value that the
 * route checks itself (a `next` address, the set-up address a page showed), outside the form's schema.
 */
export function textOf(submitted: Submitted, name: string): string {
  const value = submitted.get(name);
  return typeof value === 'string' ? value : '';
}

/** Every text value of a repeated field (a group of checkboxes), without empty ones and files. */
function listOf(submitted: Submitted, name: string): string[] {
  return submitted
    .getAll(name)
    .filter((value): value is string => typeof value === 'string')
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/** `27/3/2026` → `2026-03-27`; anything else is left for the schema to judge. */
function isoDate(typed: string): string {
  const match = UK_DATE.exec(typed);
  if (!match) return typed;
  const [, day = '', month = '', year = ''] = match;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** The value of a field with nothing in it, as its schema wants it. */
function emptyOf(plan: FieldPlan, typed: string): unknown {
  if (plan.empty === 'null') return null;
  if (plan.empty === 'undefined') return undefined;
  // Required text goes to the schema as typed, so that its own "Enter …" message (min length) is the one shown.
  return plan.kind === 'text' ? typed : undefined;
}

/** One field's submitted value, turned into what its schema takes. */
function inputOf(submitted: Submitted, name: string, plan: FieldPlan): unknown {
  if (plan.kind === 'list') return listOf(submitted, name);
  if (plan.kind === 'boolean') return submitted.get(name) !== null;
  const typed = textOf(submitted, name);
  const trimmed = typed.trim();
  if (trimmed === '') return emptyOf(plan, typed);
  if (plan.kind === 'number' || plan.numeric === true)
    return NUMBER.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (plan.kind === 'date') return isoDate(trimmed);
  if (plan.kind === 'choice') return trimmed;
  return typed;
}

/** What a field shows again: text as typed, the options ticked. */
function shownOf(submitted: Submitted, name: string, plan: FieldPlan): ShownValue | undefined {
  if (plan.kind === 'list') return listOf(submitted, name);
  const value = submitted.get(name);
  return typeof value === 'string' ? value : undefined;
}

/**
 * Reads a submitted form into the typed values of `schema` (a zod object from packages/domain, possibly refined)
 * and reports EVERY problem at once, each tied to the id of its field, in the order of the schema's fields.
 *
 * Each field is read as its schema wants it: text as typed (the schema trims); numbers from digits; dates from
 * a date input (`YYYY-MM-DD`, or day/month/year where the browser showed a text box); a single checkbox as a
 * boolean (ticked or not); a group of checkboxes as a list; an empty field as undefined or null when the schema
 * makes it optional or nullable. Text holding a control character is refused with the field named even if the
 * schema forgot to use `singleLine`/`multiLine`, so it never reaches the API (security.md promise 11).
 */
export function readForm<S extends z.ZodType>(
  submitted: Submitted,
  schema: S,
  options: ReadOptions<keyof z.input<S> & string> = {},
): FormRead<S> {
  const plans = fieldPlans(schema);
  const secret = new Set<string>(options.secret ?? []);
  const hidden = new Set<string>(options.hidden ?? []);
  const idOf = (name: string): string | null =>
    hidden.has(name) ? null : `${options.idPrefix ?? ''}${name}`;

  const input: Record<string, unknown> = {};
  const values: Record<string, ShownValue | undefined> = {};
  const unstorable: FormProblem[] = [];
  for (const [name, plan] of plans) {
    input[name] = inputOf(submitted, name, plan);
    if (!secret.has(name)) values[name] = shownOf(submitted, name, plan);
    const texts = plan.kind === 'list' ? submitted.getAll(name) : [submitted.get(name)];
    if (texts.some((text) => typeof text === 'string' && !isMultiLineText(text)))
      unstorable.push({ field: idOf(name), message: CONTROL_CHARACTER_MESSAGE });
  }

  const parsed = schema.safeParse(input, {
    error: (issue) => {
      const name = issue.path?.[0];
      if (typeof name !== 'string') return undefined;
      if (hidden.has(name)) return HIDDEN_FALLBACK;
      const plan = plans.get(name);
      return plan ? fallbackMessages[plan.kind] : undefined;
    },
  });
  if (parsed.success && unstorable.length === 0) return { ok: true, data: parsed.data, values };

  const found = (parsed.error?.issues ?? []).map((issue) => {
    const name = issue.path[0];
    return { field: typeof name === 'string' && plans.has(name) ? idOf(name) : null, message: issue.message };
  });
  const problems = inFieldOrder([...found, ...unstorable], plans, idOf);
  return { ok: false, values, failure: { values, problems } };
}

/**
 * One problem per field (the first found), in the order the fields come in the schema (which is the order of
 * the form), after any problems with the form as a whole (each message once).
 */
function inFieldOrder(
  problems: readonly FormProblem[],
  plans: ReadonlyMap<string, FieldPlan>,
  idOf: (name: string) => string | null,
): FormProblem[] {
  const whole = [...new Set(problems.filter((p) => p.field === null).map((p) => p.message))];
  const byField = [...plans.keys()].flatMap((name) => {
    const id = idOf(name);
    const first = id === null ? undefined : problems.find((p) => p.field === id);
    return first ? [first] : [];
  });
  return [...whole.map((message) => ({ field: null, message })), ...byField];
}
