import { describe, expect, it } from 'vitest';
import { naloxoneCoverage } from './coverage.ts';

const held = [{ status: 'held' as const }];
const lost = [{ status: 'lost' as const }];

describe('naloxone coverage of the high and very high tiers', () => {
  it('gives the people holding an in-date kit over the people counted, overall and by tier', () => {
    const coverage = naloxoneCoverage([
      { tier: 'very_high', kits: held },
      { tier: 'very_high', kits: lost },
      { tier: 'high', kits: [{ status: 'expiring' }] },
      { tier: 'high', kits: [] },
      { tier: 'moderate', kits: [] },
      { tier: 'low', kits: held },
    ]);
    expect(coverage).toEqual({
      numerator: 2,
      denominator: 4,
      share: 0.5,
      byTier: {
        high: { numerator: 1, denominator: 2, share: 0.5 },
        very_high: { numerator: 1, denominator: 2, share: 0.5 },
      },
    });
  });

  it('gives no share, rather than 0% or 100%, when nobody is in those tiers', () => {
    expect(naloxoneCoverage([{ tier: 'low', kits: [] }])).toMatchObject({
      numerator: 0,
      denominator: 0,
      share: null,
    });
  });
});
