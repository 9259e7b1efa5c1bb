import { describe, expect, it } from 'vitest';
import { londonInstant, slotTimes, type SessionSetup } from './setup.ts';

const base: SessionSetup = {
  clinicId: '01900000-0000-7000-8000-000000000001',
  date: '2026-12-07',
  startTime: '09:00',
  endTime: '10:00',
  slotMinutes: 20,
  capacity: 1,
  checks: ['hcv_antibody_test'],
  staffIds: ['01900000-0000-7000-8000-0000000000a1'],
};

describe('setting up a clinic session', () => {
  it('reads London clock times across the clock change', () => {
    expect(londonInstant('2026-12-07', '09:00')).toBe('2026-12-07T09:00:00.000Z');
    expect(londonInstant('2026-06-01', '09:00')).toBe('2026-06-01T08:00:00.000Z');
    // 29 March 2026: 01:30 does not exist in London; the clock jumps to 02:30 BST (01:30 UTC).
    expect(londonInstant('2026-03-29', '01:30')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('cuts the session into whole slots and leaves a short remainder unbooked', () => {
    const times = slotTimes({ ...base, endTime: '10:10' });
    expect(times.startsAt).toBe('2026-12-07T09:00:00.000Z');
    expect(times.endsAt).toBe('2026-12-07T10:10:00.000Z');
    expect(times.slots.map((s) => s.startsAt.slice(11, 16))).toEqual(['09:00', '09:20', '09:40']);
    expect(times.slots.at(-1)?.endsAt).toBe('2026-12-07T10:00:00.000Z');
  });

  it('refuses an end before the start, a session shorter than a slot, and no checks, naming the field', () => {
    const issues = (input: SessionSetup) => {
      try {
        slotTimes(input);
        return [];
      } catch (error) {
        return (error as { issues: { path: string[]; message: string }[] }).issues;
      }
    };
    expect(issues({ ...base, endTime: '08:00' })).toEqual([
      { path: ['endTime'], message: 'The end is after the start' },
    ]);
    expect(issues({ ...base, endTime: '09:10' })).toEqual([
      { path: ['slotMinutes'], message: 'The session is shorter than one slot' },
    ]);
    expect(issues({ ...base, checks: [] })).toEqual([
      { path: ['checks'], message: 'Choose at least one check' },
    ]);
  });
});
