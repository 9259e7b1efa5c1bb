import { describe, expect, it } from 'vitest';
import { bookableSlots, checkBooking, spacesLeft, type BookingContext } from './bookable.ts';
import { checkReschedule, mayChangeBooking, missedBooking, reminderTimes } from './changes.ts';
import type { Booking, ClinicSession, Slot } from './clinic.ts';
import { failureOf } from '../error-testing.ts';

const id = (n: number): string => `01890000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const MO = id(1);
const OTHER = id(2);
const NURSE = id(3);

/** A Tuesday-morning BBV and vaccine clinic in March 2026 (GMT), 30-minute slots. */
const session: ClinicSession = {
  id: id(10),
  clinicId: id(11),
  startsAt: '2026-03-17T09:00:00Z',
  endsAt: '2026-03-17T12:00:00Z',
  checks: ['hcv_antibody_test', 'hbv_vaccination', 'hiv_test'],
  staffIds: [NURSE],
};
const slot = (n: number, startsAt: string, capacity = 1): Slot => ({
  id: id(20 + n),
  sessionId: session.id,
  startsAt,
  endsAt: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString(),
  capacity,
});
const nine = slot(0, '2026-03-17T09:00:00.000Z');
const halfNine = slot(1, '2026-03-17T09:30:00.000Z');
const group = slot(2, '2026-03-17T10:00:00.000Z', 2);
const booking = (
  n: number,
  s: Slot,
  personId: string,
  need: Booking['need'] = 'hcv_antibody_test',
): Booking => ({
  id: id(40 + n),
  slotId: s.id,
  personId,
  need,
  status: 'booked',
});

/** Mo (workflows.md): hepatitis C test overdue, third vaccine dose due, HIV test met. */
const context = (overrides: Partial<BookingContext> = {}): BookingContext => ({
  personId: MO,
  now: '2026-03-16T10:00:00Z',
  needs: [
    { code: 'hcv_antibody_test', status: 'overdue' },
    { code: 'hbv_vaccination', status: 'due' },
    { code: 'hiv_test', status: 'met' },
  ],
  sessions: [session],
  slots: [group, halfNine, nine],
  bookings: [],
  ...overrides,
});

describe('bookableSlots', () => {
  it('offers future slots with space, soonest first, for the checks that are due for the person', () => {
    const offered = bookableSlots(context());
    expect(offered.map((o) => [o.slot.startsAt, o.needs, o.spaces])).toEqual([
      [nine.startsAt, ['hcv_antibody_test', 'hbv_vaccination'], 1],
      [halfNine.startsAt, ['hcv_antibody_test', 'hbv_vaccination'], 1],
      [group.startsAt, ['hcv_antibody_test', 'hbv_vaccination'], 2],
    ]);
  });

  it('never offers a full slot, a past one, or one too soon or too far ahead', () => {
    const full = context({ bookings: [booking(0, nine, OTHER)] });
    expect(bookableSlots(full).map((o) => o.slot.id)).not.toContain(nine.id);
    expect(bookableSlots(context({ now: '2026-03-17T08:45:00Z' })).map((o) => o.slot.id)).toEqual([group.id]);
    expect(bookableSlots(context({ now: '2026-03-17T08:30:00Z' })).map((o) => o.slot.id)).toEqual([
      halfNine.id,
      group.id,
    ]);
    expect(bookableSlots(context({ now: '2025-12-01T10:00:00Z' }))).toEqual([]);
  });

  it('offers nothing for a check that is met, booked or not applicable', () => {
    const none = context({
      needs: [
        { code: 'hiv_test', status: 'met' },
        { code: 'hbv_vaccination', status: 'booked' },
      ],
    });
    expect(bookableSlots(none)).toEqual([]);
  });

  it('counts only open bookings against a slot’s space', () => {
    const cancelled = { ...booking(0, group, OTHER), status: 'cancelled' as const };
    expect(spacesLeft(group, [booking(1, group, OTHER), cancelled])).toBe(1);
  });
});

describe('checkBooking: at write time, never two people in one place', () => {
  it('books a free slot for a due check', () => {
    expect(checkBooking({ slotId: nine.id, need: 'hcv_antibody_test' }, context())).toEqual({ ok: true });
  });

  it.each<[string, Partial<BookingContext>, { slotId: string; need: Booking['need'] }, string]>([
    [
      'a full slot',
      { bookings: [booking(0, nine, OTHER)] },
      { slotId: nine.id, need: 'hcv_antibody_test' },
      'That time is full. Please choose another.',
    ],
    [
      'a check the clinic does not offer',
      {},
      { slotId: nine.id, need: 'dental_check' },
      'That clinic does not offer this check.',
    ],
    [
      'a check that is not due',
      {},
      { slotId: nine.id, need: 'hiv_test' },
      'This check is not due for you now.',
    ],
    ['an unknown slot', {}, { slotId: id(99), need: 'hiv_test' }, 'That time is not available.'],
    [
      'a slot of an unknown session',
      { sessions: [] },
      { slotId: nine.id, need: 'hiv_test' },
      'That time is not available.',
    ],
    [
      'a time too soon',
      { now: '2026-03-17T08:30:00Z' },
      { slotId: nine.id, need: 'hcv_antibody_test' },
      'That time is too soon to book.',
    ],
    [
      'a time too far ahead',
      { now: '2025-12-01T10:00:00Z' },
      { slotId: nine.id, need: 'hcv_antibody_test' },
      'That time is too far ahead to book yet.',
    ],
    [
      'a second booking for the same check',
      { bookings: [booking(0, group, MO)] },
      { slotId: nine.id, need: 'hcv_antibody_test' },
      'You already have a booking for this check. Change that one instead.',
    ],
    [
      'two bookings at once',
      { bookings: [booking(0, nine, MO, 'hbv_vaccination')] },
      { slotId: nine.id, need: 'hcv_antibody_test' },
      'You have another booking at that time.',
    ],
  ])('refuses %s, saying why', (_name, overrides, request, reason) => {
    expect(checkBooking(request, context(overrides))).toEqual({ ok: false, reason });
  });

  it('fills a group slot to its capacity and no further', () => {
    const one = context({ bookings: [booking(0, group, OTHER)] });
    expect(checkBooking({ slotId: group.id, need: 'hbv_vaccination' }, one)).toEqual({ ok: true });
    const two = context({ bookings: [booking(0, group, OTHER), booking(1, group, id(5))] });
    expect(checkBooking({ slotId: group.id, need: 'hbv_vaccination' }, two).ok).toBe(false);
  });
});

describe('changing, cancelling and missing a booking', () => {
  const mine = booking(0, nine, MO);

  it('allows a change or cancellation until 2 hours before, then asks them to phone', () => {
    expect(mayChangeBooking(mine, nine, '2026-03-17T07:00:00Z')).toEqual({ ok: true });
    expect(mayChangeBooking(mine, nine, '2026-03-17T07:00:01Z')).toEqual({
      ok: false,
      reason: 'It is too close to the time to change it here. Please phone the clinic.',
    });
    expect(mayChangeBooking({ ...mine, status: 'cancelled' }, nine, '2026-03-16T10:00:00Z').ok).toBe(false);
    expect(mayChangeBooking(mine, halfNine, '2026-03-16T10:00:00Z').ok).toBe(false);
  });

  it('reschedules to another free slot for the same check, giving up the old place', () => {
    const ctx = context({ bookings: [mine] });
    expect(checkReschedule(mine, halfNine.id, ctx)).toEqual({ ok: true });
    expect(checkReschedule(mine, nine.id, ctx)).toEqual({
      ok: false,
      reason: 'That is the time you already have.',
    });
    const taken = context({ bookings: [mine, booking(1, halfNine, OTHER)] });
    expect(checkReschedule(mine, halfNine.id, taken).ok).toBe(false);
    expect(
      checkReschedule(mine, halfNine.id, context({ bookings: [mine], now: '2026-03-17T08:00:00Z' })).ok,
    ).toBe(false);
    expect(checkReschedule({ ...mine, slotId: id(98) }, halfNine.id, ctx).ok).toBe(false);
  });

  it('opens an outreach task for the keyworker when a booking is missed, and removes nothing', () => {
    expect(missedBooking(mine, nine, '2026-03-17T12:00:00Z')).toEqual({
      status: 'missed',
      followUps: [
        {
          type: 'task',
          kind: 'outreach_missed_booking',
          assignee: 'keyworker',
          dueOn: '2026-03-17',
          reason:
            'Missed a booking (Hepatitis C test) on 2026-03-17: reach out and offer another time. The check stays due.',
          source: 'booking',
        },
      ],
    });
  });

  it('refuses to mark a booking missed before its slot ends, or one that is not open', () => {
    expect(failureOf(() => missedBooking(mine, nine, '2026-03-17T09:10:00Z'))).toBe('INVALID_INPUT');
    expect(
      failureOf(() => missedBooking({ ...mine, status: 'attended' }, nine, '2026-03-17T12:00:00Z')),
    ).toBe('INVALID_INPUT');
  });
});

describe('reminderTimes', () => {
  it('reminds 2 days and 2 hours before, and skips a reminder whose time has passed', () => {
    expect(reminderTimes(nine, '2026-03-10T10:00:00Z')).toEqual([
      '2026-03-15T09:00:00.000Z',
      '2026-03-17T07:00:00.000Z',
    ]);
    expect(reminderTimes(nine, '2026-03-16T10:00:00Z')).toEqual(['2026-03-17T07:00:00.000Z']);
    expect(reminderTimes(nine, '2026-03-17T08:00:00Z')).toEqual([]);
  });

  it('keeps to exact hours across the clock change (times are instants)', () => {
    const afterChange = slot(5, '2026-03-30T09:00:00.000Z');
    expect(
      reminderTimes(afterChange, '2026-03-20T10:00:00Z', {
        minNoticeMinutes: 60,
        horizonDays: 90,
        changeUntilMinutesBefore: 120,
        remindersMinutesBefore: [2880, 2880, 60],
      }),
    ).toEqual(['2026-03-28T09:00:00.000Z', '2026-03-30T08:00:00.000Z']);
  });
});
