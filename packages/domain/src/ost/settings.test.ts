import { describe, expect, it } from 'vitest';
import { OstSettings, defaultOstSettings } from './settings.ts';

describe('OST settings', () => {
  it('defaults to the safe values from ost.md', () => {
    expect(defaultOstSettings).toEqual({
      ecgAboveMethadoneMg: 100,
      buprenorphine: { minHoursAfterHeroin: 8, upperLicensedMg: 24, upperLicensedMgWhereProductAllows: 32 },
      reviewIntervalMonths: 3,
      injection: { weeklyWindowDays: 2, monthlyWindowDays: 7 },
      supervision: { firstReviewDaysMethadone: 28, firstReviewDaysBuprenorphine: 7 },
      reduction: {
        methadoneMaxStepMg: 10,
        methadoneLowDoseBelowMg: 30,
        methadoneLowDoseMaxStepMg: 5,
        buprenorphineMaxStepMg: 2,
        buprenorphineLowDoseBelowMg: 4,
        buprenorphineLowDoseMaxStepMg: 1,
        minDaysBetweenSteps: 7,
      },
      restartLadderEnabled: false,
    });
  });

  it('fills the rest with defaults when a service changes one value', () => {
    const s = OstSettings.parse({ injection: { weeklyWindowDays: 1 }, restartLadderEnabled: true });
    expect(s.injection).toEqual({ weeklyWindowDays: 1, monthlyWindowDays: 7 });
    expect(s.restartLadderEnabled).toBe(true);
    expect(s.ecgAboveMethadoneMg).toBe(100);
  });

  it.each([
    ['ECG threshold above 100 mg', { ecgAboveMethadoneMg: 101 }],
    ['heroin interval under 6 h', { buprenorphine: { minHoursAfterHeroin: 5 } }],
    ['heroin interval over 12 h', { buprenorphine: { minHoursAfterHeroin: 13 } }],
    ['licensed dose over 32 mg', { buprenorphine: { upperLicensedMgWhereProductAllows: 40 } }],
    ['reviews over 3 months apart', { reviewIntervalMonths: 4 }],
    ['weekly window over ±2 days', { injection: { weeklyWindowDays: 3 } }],
    ['monthly window over ±7 days', { injection: { monthlyWindowDays: 8 } }],
    ['methadone step over 10 mg', { reduction: { methadoneMaxStepMg: 15 } }],
    ['steps under a week apart', { reduction: { minDaysBetweenSteps: 5 } }],
    ['an unknown setting', { dispenseMissedDoses: true }],
  ])('refuses settings that loosen the brief: %s', (_label, value) => {
    expect(OstSettings.safeParse(value).success).toBe(false);
  });
});
