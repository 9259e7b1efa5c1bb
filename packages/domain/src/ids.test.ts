import { describe, expect, it } from 'vitest';
import { formatPersonReference, PersonReference } from './ids.ts';
import { ageOn } from './person.ts';

describe('person reference', () => {
  it('formats 30 bits as a valid, readable reference', () => {
    for (const bits of [0, 1, 2 ** 30 - 1, 123_456_789]) {
      const ref = formatPersonReference(bits);
      expect(PersonReference.safeParse(ref).success).toBe(true);
    }
    expect(formatPersonReference(0)).toBe('HBR-0000-00');
  });

  it('refuses references with confusable letters', () => {
    expect(PersonReference.safeParse('HBR-7K3O-P2').success).toBe(false);
    expect(PersonReference.safeParse('hbr-7k3q-p2').success).toBe(false);
  });
});

describe('age', () => {
  it('has a birthday on the day, not the day before', () => {
    expect(ageOn('1986-03-15', '2026-03-14')).toBe(39);
    expect(ageOn('1986-03-15', '2026-03-15')).toBe(40);
  });
});
