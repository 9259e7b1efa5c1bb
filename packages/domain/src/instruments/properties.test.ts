import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.ts';
import type { InstrumentDefinition } from './definition.ts';
import { instruments } from './registry.ts';
import { scoreInstrument } from './score.ts';

const scoredInstruments = Object.values(instruments).filter((d) => d.scoring.kind !== 'none');
const context = { subject: 'heroin' };

/** Any complete, valid answer set for a definition. */
function validAnswers(definition: InstrumentDefinition): fc.Arbitrary<Record<string, unknown>> {
  const entries = definition.items.map((item) => {
    switch (item.kind) {
      case 'scored_choice':
        return [item.id, fc.constantFrom(...item.options.map((o) => o.score))] as const;
      case 'choice':
        return [item.id, fc.constantFrom(...item.options.map((o) => o.value))] as const;
      case 'integer':
        return [item.id, fc.integer({ min: item.min, max: item.max })] as const;
      case 'yes_no':
        return [item.id, fc.boolean()] as const;
    }
  });
  return fc.record(Object.fromEntries(entries));
}

describe.each(scoredInstruments.map((d) => [d.name, d] as const))('%s properties', (_name, definition) => {
  it('scores any valid answer set within range, as the sum of its item scores, in exactly one band', () => {
    fc.assert(
      fc.property(validAnswers(definition), (answers) => {
        const result = scoreInstrument(definition, answers, context);
        const sum = Object.values(answers).reduce<number>((acc, v) => acc + (v as number), 0);
        expect(result.total).toBe(sum);
        expect(result.total).toBeGreaterThanOrEqual(result.range?.min ?? Number.NaN);
        expect(result.total).toBeLessThanOrEqual(result.range?.max ?? Number.NaN);
        expect(result.band).not.toBeNull();
        expect(Object.values(result.itemScores).reduce((a, b) => a + b, 0)).toBe(sum);
      }),
    );
  });

  it('refuses any answer set with one item replaced by an out-of-range value', () => {
    const itemIds = definition.items.map((i) => i.id);
    fc.assert(
      fc.property(
        validAnswers(definition),
        fc.constantFrom(...itemIds),
        fc.oneof(fc.integer({ min: 5, max: 1000 }), fc.integer({ min: -1000, max: -1 })),
        (answers, itemId, bad) => {
          try {
            scoreInstrument(definition, { ...answers, [itemId]: bad }, context);
            return false;
          } catch (error) {
            return isDomainError(error) && error.issues.some((i) => i.path[0] === itemId);
          }
        },
      ),
    );
  });

  it('refuses any answer set with one item missing', () => {
    const itemIds = definition.items.map((i) => i.id);
    fc.assert(
      fc.property(validAnswers(definition), fc.constantFrom(...itemIds), (answers, itemId) => {
        const { [itemId]: _dropped, ...rest } = answers;
        expect(() => scoreInstrument(definition, rest, context)).toThrow(/incomplete or invalid/);
      }),
    );
  });
});

describe('instruments with no total', () => {
  it.each([
    ['TOP', instruments.top],
    ['the overdose-risk self-check', instruments.overdose_self_check],
  ])(
    '%s never produces a total or band, and urgent results always carry crisis contacts',
    (_name, definition) => {
      fc.assert(
        fc.property(validAnswers(definition), (answers) => {
          const result = scoreInstrument(definition, answers);
          expect(result.total).toBeNull();
          expect(result.band).toBeNull();
          expect(result.crisisContacts.length > 0).toBe(result.urgent);
        }),
      );
    },
  );
});
