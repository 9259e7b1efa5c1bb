import { describe, expect, it } from 'vitest';
import { kitNeedsAction, kitStatusWords } from './kit-words.ts';

const kit = { expiresOn: '2027-01-31', daysLeft: 300, report: null } as const;

describe('a kit in words', () => {
  it.each([
    [{ ...kit, status: 'held', statusLabel: 'In date' }, 'In date', 'Expires 31 Jan 2027'],
    [
      { ...kit, status: 'expiring', statusLabel: 'Expires soon', daysLeft: 12 },
      'Expires soon',
      'Expires 31 Jan 2027, in 12 days',
    ],
    [
      { ...kit, status: 'expiring', statusLabel: 'Expires soon', daysLeft: 0 },
      'Expires soon',
      'Expires today, 31 Jan 2027',
    ],
    [
      { ...kit, status: 'expired', statusLabel: 'Expired', daysLeft: -3 },
      'Expired',
      'Expired on 31 Jan 2027',
    ],
    [
      { ...kit, status: 'used', statusLabel: 'Used', daysLeft: null, report: { on: '2026-12-03' } },
      'Used',
      'Reported used on 3 Dec 2026',
    ],
    [
      { ...kit, status: 'expired', statusLabel: 'Expired', daysLeft: null, report: { on: '2026-12-03' } },
      'Expired',
      'Reported expired on 3 Dec 2026',
    ],
  ] as const)('%j reads "%s: %s"', (input, label, detail) => {
    expect(kitStatusWords(input)).toEqual({ label, detail });
  });

  it('marks every status but an in-date kit with time to spare', () => {
    expect(kitNeedsAction('held')).toBe(false);
    for (const s of ['expiring', 'expired', 'used', 'lost', 'confiscated'] as const)
      expect(kitNeedsAction(s)).toBe(true);
  });
});
