import fc from 'fast-check';
import type { z } from 'zod';
import { defOf, type CheckDef } from './input-schemas.ts';

/**
 * fast-check arbitraries for a procedure's input, derived from its zod 4 schema (`schema._zod.def`), for the
 * fuzzing test (apps/server/src/fuzz.int.test.ts). Most values have the schema's shape, so that they pass the
 * boundary and reach the services, with hostile text in every string (control characters, a NUL, lone
 * surrogates, SQL, text past its bound) and numbers at and past their bounds; the rest are any JSON at all.
 */
export interface FuzzOptions {
  /** Real identifiers to offer where an id is due (people, teams, staff, alerts), besides random ones. */
  ids: readonly string[];
}

/**
 * Whether every part of one value is drawn plausibly (`plain`): a schema with many fields would otherwise
 * almost never be passed whole, when each field alone is hostile half the time.
 */
interface Mode {
  plain: boolean;
}

/** Text that has broken servers before: PostgreSQL refuses the first three; the rest probe the queries. */
const HOSTILE_TEXT = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  "'; drop table staff; --",
  "' or '1'='1",
  '%00',
  '\u202e\u0007\u001b[2J',
  'Zoë 🙂 ﷽',
  '   ',
  '',
  '__proto__',
  '{"$ne":null}',
];

const hostile = fc.constantFrom(...HOSTILE_TEXT);

/** Characters PostgreSQL or a log cannot take: a NUL, other controls, lone surrogates. */
const control = fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\ud800', '\udfff');

function lengthBounds(checks: { _zod: { def: CheckDef } }[] | undefined): { min: number; max: number } {
  let min = 0;
  let max = 64;
  for (const { _zod } of checks ?? []) {
    if (_zod.def.check === 'min_length' && _zod.def.minimum !== undefined) min = _zod.def.minimum;
    if (_zod.def.check === 'max_length' && _zod.def.maximum !== undefined) max = _zod.def.maximum;
  }
  return { min, max };
}

function stringArbitrary(schema: z.ZodType, options: FuzzOptions, mode: Mode): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const { min, max } = lengthBounds(def.checks);
  const bounded = {
    minLength: Math.min(min, max),
    maxLength: Math.max(Math.min(min, max), Math.min(max, 60)),
  };
  // Text a person might type (it passes the schema: its pattern, if it has one), and text that never should.
  const pattern = def.checks?.find((c) => c._zod.def.pattern !== undefined)?._zod.def.pattern;
  const plausible =
    pattern !== undefined
      ? fc
          .stringMatching(pattern)
          .filter((text) => text.length >= bounded.minLength && text.length <= Math.min(max, 60))
      : fc.string({ unit: 'grapheme-ascii', ...bounded });
  if (mode.plain) {
    if (def.format === 'uuid') return options.ids.length > 0 ? fc.constantFrom(...options.ids) : fc.uuid();
    if (def.format === 'date')
      return fc
        .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    if (def.format === 'email')
      return fc.stringMatching(/^[a-z0-9]{1,12}$/).map((local) => `${local}@harbour.test`);
    return plausible;
  }
  const anyText = fc.string({ unit: 'binary', ...bounded });
  const tooLong = fc.constant('y'.repeat(max + 1));
  // A control character inside otherwise ordinary text, where it is easy to miss.
  const spliced = fc
    .tuple(fc.string({ unit: 'grapheme-ascii', maxLength: 10 }), control, fc.string({ maxLength: 10 }))
    .map(([a, b, c]) => `${a}${b}${c}`);
  if (def.format === 'uuid')
    return fc.oneof(
      { weight: 4, arbitrary: options.ids.length > 0 ? fc.constantFrom(...options.ids) : fc.uuid() },
      { weight: 2, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.oneof(hostile, spliced) },
    );
  if (def.format === 'date')
    return fc.oneof(
      // Mostly real dates in four-digit years (a schema with many date fields must still be passed now and
      // then), sometimes an impossible one.
      {
        weight: 6,
        arbitrary: fc
          .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
      },
      { weight: 1, arbitrary: fc.constantFrom('2026-02-30', '0000-00-00', '9999-12-31') },
    );
  if (def.format === 'email')
    return fc.oneof(
      {
        weight: 4,
        arbitrary: fc.stringMatching(/^[a-z0-9]{1,12}$/).map((local) => `${local}@harbour.test`),
      },
      { weight: 1, arbitrary: spliced.map((s) => `${s}@example.org`) },
      { weight: 1, arbitrary: hostile },
    );
  return fc.oneof(
    { weight: 3, arbitrary: plausible },
    { weight: 1, arbitrary: anyText },
    { weight: 3, arbitrary: spliced },
    { weight: 1, arbitrary: hostile },
    { weight: 1, arbitrary: tooLong },
  );
}

function numberArbitrary(schema: z.ZodType, mode: Mode): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  let min = -1_000_000;
  let max = 1_000_000;
  let integer = def.format === 'safeint';
  for (const { _zod } of def.checks ?? []) {
    if (_zod.def.check === 'greater_than' && _zod.def.value !== undefined) min = _zod.def.value;
    if (_zod.def.check === 'less_than' && _zod.def.value !== undefined) max = _zod.def.value;
    if (_zod.def.check === 'number_format' && _zod.def.format === 'safeint') integer = true;
  }
  const inRange = integer ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true });
  if (mode.plain) return inRange;
  return fc.oneof(
    { weight: 3, arbitrary: inRange },
    { weight: 1, arbitrary: fc.constantFrom(min - 1, max + 1, 0.5, -0, Number.MAX_SAFE_INTEGER + 2, 1e308) },
  );
}

/**
 * Values of the schema's shape, with hostile contents; one in five drawn plausibly throughout, so that even a
 * schema of many fields is passed now and then and the services behind it are reached.
 */
export function shapedArbitrary(schema: z.ZodType, options: FuzzOptions): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: shaped(schema, options, { plain: false }) },
    { weight: 1, arbitrary: shaped(schema, options, { plain: true }) },
  );
}

function shaped(schema: z.ZodType, options: FuzzOptions, mode: Mode): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const inner = (s: z.ZodType | undefined): fc.Arbitrary<unknown> =>
    s === undefined ? fc.constant(undefined) : shaped(s, options, mode);
  switch (def.type) {
    case 'string':
      return stringArbitrary(schema, options, mode);
    case 'number':
      return numberArbitrary(schema, mode);
    case 'boolean':
      return fc.boolean();
    case 'literal':
      return fc.constantFrom(...(def.values ?? [null]));
    case 'enum': {
      const values = Object.values(def.entries ?? {});
      if (mode.plain) return fc.constantFrom(...values);
      return fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...values) },
        { weight: 1, arbitrary: hostile },
      );
    }
    case 'object': {
      const shape = def.shape ?? {};
      const optional = (s: z.ZodType) => ['optional', 'default'].includes(defOf(s).type);
      const record = fc.record(
        Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, inner(value)])),
        { requiredKeys: Object.keys(shape).filter((key) => !optional(shape[key] as z.ZodType)) },
      );
      if (mode.plain) return record;
      // Now and then a field too many, or one missing: strict objects must refuse both.
      return fc.oneof(
        { weight: 6, arbitrary: record },
        { weight: 1, arbitrary: record.map((value) => ({ ...value, extra: 'unexpected' })) },
        {
          weight: 1,
          arbitrary: record.map((value) => Object.fromEntries(Object.entries(value).slice(1))),
        },
      );
    }
    case 'array': {
      const { min, max } = lengthBounds(def.checks);
      if (mode.plain)
        return fc.array(inner(def.element), { minLength: min, maxLength: Math.max(min, Math.min(max, 4)) });
      return fc.oneof(
        { weight: 5, arbitrary: fc.array(inner(def.element), { maxLength: Math.min(max, 4) }) },
        { weight: 1, arbitrary: fc.constant(Array.from({ length: max + 1 }, () => 'x')) },
      );
    }
    case 'union':
      return fc.oneof(...(def.options ?? []).map((option) => inner(option)));
    case 'optional':
    case 'default':
      return fc.oneof(
        { weight: 1, arbitrary: fc.constant(undefined) },
        { weight: 4, arbitrary: inner(def.innerType) },
      );
    case 'nullable':
      return fc.oneof(
        { weight: 1, arbitrary: fc.constant(null) },
        { weight: 4, arbitrary: inner(def.innerType) },
      );
    case 'pipe':
      // What arrives is checked by the first stage; the second's shape (an email address) gets further.
      return fc.oneof({ weight: 1, arbitrary: inner(def.in) }, { weight: 3, arbitrary: inner(def.out) });
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Any input for a procedure: mostly of its schema's shape, sometimes any JSON at all, or none. */
export function inputArbitrary(schema: z.ZodType | null, options: FuzzOptions): fc.Arbitrary<unknown> {
  const junk = fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 3 }));
  if (schema === null) return junk;
  return fc.oneof({ weight: 4, arbitrary: shapedArbitrary(schema, options) }, { weight: 1, arbitrary: junk });
}
