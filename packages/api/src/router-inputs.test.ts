import { isTypedText } from '@harbour/domain/text';
import { describe, expect, it } from 'vitest';
import { defOf, procedureInputs, stringsIn } from './testing/input-schemas.ts';

/**
 * Every string a procedure takes is refused at the boundary when PostgreSQL could not store it (security.md
 * promise 11): it comes from the one schema for typed text (`@harbour/domain/text`), or is an identifier or a
 * date, whose formats allow no control characters. A bare `z.string()` fails here, naming the field.
 */
const SAFE_FORMATS = new Set(['uuid', 'date', 'datetime']);

const strings = procedureInputs().flatMap(({ path, input }) =>
  input === null ? [] : stringsIn(input).map((found) => ({ procedure: path, ...found })),
);

describe('the strings procedures take', () => {
  it('are found (the walk reaches them)', () => {
    expect(strings.length).toBeGreaterThan(10);
  });

  it.each(strings.map((s) => [`${s.procedure} ${s.path}`, s] as const))(
    '%s is typed text or an identifier',
    (_name, { schema }) => {
      const format = defOf(schema).format;
      expect(isTypedText(schema) || (format !== undefined && SAFE_FORMATS.has(format))).toBe(true);
    },
  );
});
