import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.ts';
import { scoreInstrument, itemText } from './score.ts';
import { sds } from './sds.ts';
import { answersWithTotal } from './testing.ts';

const band = (total: number, subject: string, cutOffs?: Record<string, number>): string | undefined =>
  scoreInstrument(sds, answersWithTotal(sds, total), { subject, ...(cutOffs ? { cutOffs } : {}) }).band?.id;

describe('SDS scoring', () => {
  it.each([
    ['heroin', 3],
    ['cocaine', 4],
    ['amphetamine', 5],
  ])('for %s, dependence is likely at %i and not one below', (subject, cutOff) => {
    expect(band(cutOff - 1, subject)).toBe('below_cut_off');
    expect(band(cutOff, subject)).toBe('dependence_likely');
    const result = scoreInstrument(sds, answersWithTotal(sds, cutOff), { subject });
    expect(result.cutOff).toEqual({ subject, cutOff, source: 'published' });
  });

  it('uses the default cut-off of 3 for a substance with no published one, and says so', () => {
    expect(band(2, 'ketamine')).toBe('below_cut_off');
    const result = scoreInstrument(sds, answersWithTotal(sds, 3), { subject: 'ketamine' });
    expect(result.band?.id).toBe('dependence_likely');
    expect(result.cutOff).toEqual({ subject: 'ketamine', cutOff: 3, source: 'default' });
  });

  it("uses a service's configured cut-off over the default, never over a published one", () => {
    // health-and-instruments.md: heroin ≥ 3, cocaine ≥ 4, amphetamine ≥ 5 are published; "others configurable".
    expect(band(3, 'cocaine', { cocaine: 3 })).toBe('below_cut_off');
    expect(band(4, 'heroin', { heroin: 9 })).toBe('dependence_likely');
    expect(
      scoreInstrument(sds, answersWithTotal(sds, 4), { subject: 'cocaine', cutOffs: { cocaine: 9 } }).cutOff,
    ).toEqual({ subject: 'cocaine', cutOff: 4, source: 'published' });
    expect(band(6, 'cannabis', { cannabis: 7 })).toBe('below_cut_off');
    const result = scoreInstrument(sds, answersWithTotal(sds, 7), {
      subject: 'cannabis',
      cutOffs: { cannabis: 7 },
    });
    expect(result.cutOff?.source).toBe('configured');
    expect(result.band?.id).toBe('dependence_likely');
  });

  it('totals 0 to 15 and raises no alerts or risk facts', () => {
    const result = scoreInstrument(sds, answersWithTotal(sds, 15), { subject: 'heroin' });
    expect(result.total).toBe(15);
    expect(result.range).toEqual({ min: 0, max: 15 });
    expect(result.alerts).toEqual([]);
    expect(result.proposedFacts).toEqual([]);
  });

  it('refuses to score without the substance it asks about', () => {
    expect.assertions(2);
    try {
      scoreInstrument(sds, answersWithTotal(sds, 4));
    } catch (error) {
      expect(isDomainError(error) && error.code).toBe('INVALID_INPUT');
      expect(isDomainError(error) && error.issues).toEqual([
        { path: ['context', 'subject'], message: 'SDS needs the substance it asks about.' },
      ]);
    }
  });

  it('names the drug in the wording, and leaves other instruments untouched', () => {
    const [first, second] = sds.items;
    expect(first && itemText(sds, first, 'heroin')).toBe(
      'Did you ever think your use of heroin was out of control?',
    );
    expect(second && itemText(sds, second, 'heroin')).toBe(second?.text);
    expect(first && itemText(sds, first)).toBe(first?.text);
  });
});
