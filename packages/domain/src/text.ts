import { z } from 'zod';

/**
 * Harbour's one schema for text that people type (security.md promise 11). Every string a procedure or form
 * takes goes through `singleLine` or `multiLine`, never a bare `z.string()`: text that PostgreSQL would refuse
 * (a NUL character, half of a surrogate pair) is refused here, at the boundary, as the caller's mistake with the
 * field named, instead of reaching the database and answering 500. Control characters are refused too: they
 * have no place in a name, a reason or a note, and they can forge lines in a log or a printed letter.
 *
 * Single-line text refuses every control character (tabs and line breaks included); multi-line text allows
 * tab, line feed and carriage return, nothing else.
 */

/** Tab, line feed and carriage return: the only control characters multi-line text may hold. */
const LINE_CONTROLS = new Set([0x09, 0x0a, 0x0d]);

/**
 * True when every character of `value` may be stored and shown: no C0 control, DEL or C1 control (except tab,
 * line feed and carriage return when `multiline`), and no lone surrogate, which no database or JSON parser
 * can store. One pass over the UTF-16 code units.
 */
function storable(value: string, multiline: boolean): boolean {
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0x20 || (unit >= 0x7f && unit <= 0x9f)) {
      if (!(multiline && LINE_CONTROLS.has(unit))) return false;
    } else if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return false;
    }
  }
  return true;
}

/** True when `value` is text a single-line field may hold. */
export function isSingleLineText(value: string): boolean {
  return storable(value, false);
}

/** True when `value` is text a multi-line field may hold. */
export function isMultiLineText(value: string): boolean {
  return storable(value, true);
}

/** What a person is told about text holding a control character: in words, since they cannot see it. */
export const CONTROL_CHARACTER_MESSAGE = 'Remove the hidden or unusual characters from this text';

export interface TextOptions {
  /** At least this many characters (after trimming, when trimmed). 0 allows empty text. */
  min?: number;
  /** At most this many characters. Required: unbounded text is refused by design. */
  max: number;
  /** Trim white space at both ends first (the default; passphrases, where spaces count, turn it off). */
  trim?: boolean;
  /** What to say when the text is shorter than `min`. */
  tooShort?: string;
  /** What to say when the text is longer than `max`. */
  tooLong?: string;
  /** A shape the text must also have (a code, a slug), and what to say when it has not. */
  pattern?: { regex: RegExp; message: string };
}

/**
 * Every schema made here. zod's methods return a new schema, so one made elsewhere, or changed after it left
 * this file (another `.max()`), is not in it: `isTypedText` lets a test check that every string a procedure
 * takes came from here.
 */
const made = new WeakSet<z.ZodType>();

function bounded(schema: z.ZodString, options: TextOptions): z.ZodString {
  let s = options.trim === false ? schema : schema.trim();
  if (options.min !== undefined && options.min > 0)
    s = s.min(
      options.min,
      options.tooShort ?? (options.min === 1 ? 'Enter some text' : `Use at least ${options.min} characters`),
    );
  let done = s.max(options.max, options.tooLong ?? `Use no more than ${options.max} characters`);
  if (options.pattern !== undefined) done = done.regex(options.pattern.regex, options.pattern.message);
  made.add(done);
  return done;
}

/** One line of text: a name, an email, a code, a short answer. No control characters at all. */
export function singleLine(options: TextOptions): z.ZodString {
  return bounded(z.string().refine(isSingleLineText, CONTROL_CHARACTER_MESSAGE), options);
}

/** Text that may run over several lines: a note, a reason. Tabs and line breaks allowed, no other controls. */
export function multiLine(options: TextOptions): z.ZodString {
  return bounded(z.string().refine(isMultiLineText, CONTROL_CHARACTER_MESSAGE), options);
}

/**
 * An email address: single-line text (trimmed, no control characters, at most 254 characters) that is then
 * checked as an address, so text holding a control character is told so rather than "not an address".
 */
export function emailAddress(options: { invalid: string; tooShort?: string }) {
  const schema = singleLine({ min: 1, max: 254, tooShort: options.tooShort ?? options.invalid }).pipe(
    z.email(options.invalid),
  );
  made.add(schema);
  return schema;
}

/** True when `schema` was made by this file (and not changed since): the check a procedure's strings pass. */
export function isTypedText(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && made.has(schema as z.ZodType);
}
