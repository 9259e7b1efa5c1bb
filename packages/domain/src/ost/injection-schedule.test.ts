import { describe, expect, it } from 'vitest';
import {
  checkInjectionTiming,
  injectionAlertsOn,
  injectionDueWindow,
  injectionStatusOn,
} from './injection-schedule.ts';
import { OstSettings } from './settings.ts';

const given = '2026-03-02';

describe('injection due window', () => {
  it('is ±2 days around 7 days for weekly, ±7 days around 28 days for monthly', () => {
    expect(injectionDueWindow(given, 'weekly')).toEqual({
      dueOn: '2026-03-09',
      earliestOn: '2026-03-07',
      latestOn: '2026-03-11',
    });
    expect(injectionDueWindow(given, 'monthly')).toEqual({
      dueOn: '2026-03-30',
      earliestOn: '2026-03-23',
      latestOn: '2026-04-06',
    });
  });

  it('uses the service’s window', () => {
    const narrow = OstSettings.parse({ injection: { weeklyWindowDays: 1, monthlyWindowDays: 3 } });
    expect(injectionDueWindow(given, 'weekly', narrow).earliestOn).toBe('2026-03-08');
    expect(injectionDueWindow(given, 'monthly', narrow).latestOn).toBe('2026-04-02');
  });

  it.each([
    ['weekly', '2026-03-06', 'not_yet_due'],
    ['weekly', '2026-03-07', 'due'],
    ['weekly', '2026-03-11', 'due'],
    ['weekly', '2026-03-12', 'overdue'],
    ['monthly', '2026-03-22', 'not_yet_due'],
    ['monthly', '2026-03-23', 'due'],
    ['monthly', '2026-04-06', 'due'],
    ['monthly', '2026-04-07', 'overdue'],
  ] as const)('%s, on %s: %s', (interval, on, status) => {
    expect(injectionStatusOn(injectionDueWindow(given, interval), on)).toBe(status);
  });

  it('refuses non-dates and unknown intervals (zod)', () => {
    expect(() => injectionDueWindow('2026-13-01', 'weekly')).toThrow();
    expect(() => injectionDueWindow(given, 'fortnightly' as 'weekly')).toThrow();
    expect(() => injectionStatusOn(injectionDueWindow(given, 'weekly'), 'soon')).toThrow();
  });
});

describe('injection due and overdue alerts (OST-PRB-DUE-ALERT)', () => {
  it('raises nothing before the window', () => {
    expect(injectionAlertsOn(given, 'weekly', '2026-03-06').effects).toEqual([]);
  });

  it('alerts the keyworker while due', () => {
    expect(injectionAlertsOn(given, 'weekly', '2026-03-07').effects).toEqual([
      { type: 'alert_keyworker', on: '2026-03-07', reason: 'injection_due', ruleId: 'OST-PRB-DUE-ALERT' },
    ]);
  });

  it('alerts both and opens a re-engagement task once overdue', () => {
    const { status, effects } = injectionAlertsOn(given, 'monthly', '2026-04-07');
    expect(status).toBe('overdue');
    expect(effects.map((e) => e.type)).toEqual([
      'alert_prescriber',
      'alert_keyworker',
      'open_reengagement_task',
    ]);
  });
});

describe('injection timing (OST-PRB-DUE-WINDOW)', () => {
  it.each([
    ['2026-03-06', 'refused'],
    ['2026-03-07', 'ok'],
    ['2026-03-11', 'ok'],
    ['2026-03-12', 'warning'],
  ] as const)('a weekly injection given on %s is %s', (givenOn, expected) => {
    expect(checkInjectionTiming({ lastGivenOn: given, lastInterval: 'weekly', givenOn }).outcome).toBe(
      expected,
    );
  });

  it('refuses an injection dated on or before the last one (zod)', () => {
    expect(() =>
      checkInjectionTiming({ lastGivenOn: given, lastInterval: 'weekly', givenOn: given }),
    ).toThrow();
  });
});
