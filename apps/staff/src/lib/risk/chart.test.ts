import { describe, expect, it } from 'vitest';
import { riskChart } from './chart.ts';

describe('riskChart', () => {
  const points = [
    { asOf: '2026-06-01', score: 20, tier: 'moderate' as const },
    { asOf: '2026-09-01', score: 45, tier: 'very_high' as const },
    { asOf: '2026-09-16', score: 30, tier: 'high' as const },
  ];
  const chart = riskChart(points, '2026-06-01', '2026-12-01');

  it('draws a step line: each score holds until the next point, the last until today', () => {
    expect(chart.path.startsWith('M40.0,')).toBe(true);
    expect(chart.path.match(/H/g)).toHaveLength(3);
    expect(chart.path.endsWith('H630.0')).toBe(true);
    expect(chart.dots.map((d) => d.point.score)).toEqual([20, 45, 30]);
    // Higher scores are higher on the chart.
    expect(chart.dots[1]?.y).toBeLessThan(chart.dots[0]?.y ?? 0);
  });

  it('lays the four tier bands edge to edge, low at the bottom', () => {
    expect(chart.bands.map((b) => b.tier)).toEqual(['low', 'moderate', 'high', 'very_high']);
    for (let i = 1; i < chart.bands.length; i++) {
      const below = chart.bands[i - 1];
      const band = chart.bands[i];
      expect((band?.y ?? 0) + (band?.height ?? 0)).toBeCloseTo(below?.y ?? 0);
    }
    expect(chart.yTicks.map((t) => t.label)).toEqual(['0', '15', '25', '40']);
  });

  it('marks the first of each month, with the year at the start and in January', () => {
    expect(chart.xTicks.map((t) => t.label)).toEqual(['Jun 2026', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);
    const wide = riskChart([], '2025-12-15', '2026-02-15');
    expect(wide.xTicks.map((t) => t.label)).toEqual(['Jan 2026', 'Feb']);
    expect(wide.path).toBe('');
  });

  it('keeps a point before the chart starts on its left edge, and the scale above the highest score', () => {
    const early = riskChart(
      [{ asOf: '2025-01-01', score: 80, tier: 'very_high' }],
      '2026-01-01',
      '2026-06-01',
    );
    expect(early.dots[0]?.x).toBe(40);
    expect(early.dots[0]?.y).toBeGreaterThan(early.plot.top);
  });
});
