import { isSingleLineText } from '@harbour/domain/text';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { procedureInputs } from './input-schemas.ts';
import { inputArbitrary, shapedArbitrary } from './zod-arbitrary.ts';

// The fuzzing test's inputs (zod-arbitrary.ts) are only worth sending if many get past the boundary to the
// services, and if the hostile text really is in them. Checked here, for every procedure's schema.

const ids = ['00000000-0000-7000-8000-000000000001'];

/** Every string in a value, however deep. */
function textIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(textIn);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(textIn);
  return [];
}
const withInput = procedureInputs().filter((p) => p.input !== null);

describe('inputs derived from the schemas', () => {
  it.each(withInput.map((p) => [p.path, p] as const))(
    '%s: some pass its schema, and some hold a control character',
    (_path, { input }) => {
      if (input === null) throw new Error('filtered out');
      const samples = fc.sample(shapedArbitrary(input, { ids }), { numRuns: 300, seed: 7 });
      expect(samples.filter((value) => input.safeParse(value).success).length).toBeGreaterThan(0);
      expect(samples.some((value) => textIn(value).some((text) => !isSingleLineText(text)))).toBe(true);
    },
  );

  it('sometimes send no input, or any JSON at all', () => {
    const samples = fc.sample(inputArbitrary(null, { ids }), { numRuns: 100, seed: 7 });
    expect(samples).toContain(undefined);
    expect(samples.some((value) => value !== undefined)).toBe(true);
  });
});
