import { DomainError } from '../errors.ts';
import type { FollowUp } from '../follow-ups.ts';
import { healthNeedDefinition } from '../health/catalogue.ts';
import { type CalendarDate, Instant } from '../ids.ts';
import { londonDate } from '../dates.ts';
import { checkBooking, type BookingCheck, type BookingContext } from './bookable.ts';
import { Booking, BookingSettings, MINUTE_MS, Slot, defaultBookingSettings } from './clinic.ts';

/**
 * Changing, cancelling and missing a booking. A person may change or cancel online until a set time before
 * the slot (2 hours by default); after that they phone the clinic. A missed booking opens an outreach task for
 * the keyworker and never removes anyone from anything: the need simply stays due (workflows.md: "Missing a
 * booking leads to outreach, never to removal").
 */

/** Whether the booking may still be changed or cancelled online at `now`. */
export function mayChangeBooking(
  booking: Booking,
  slot: Slot,
  now: Instant,
  settings: BookingSettings = defaultBookingSettings,
): BookingCheck {
  const b = Booking.parse(booking);
  const s = Slot.parse(slot);
  const { changeUntilMinutesBefore } = BookingSettings.parse(settings);
  if (b.slotId !== s.id) return { ok: false, reason: 'That booking is for another time.' };
  if (b.status !== 'booked') return { ok: false, reason: 'That booking is no longer open.' };
  const until = Date.parse(s.startsAt) - changeUntilMinutesBefore * MINUTE_MS;
  if (Date.parse(Instant.parse(now)) > until) {
    return { ok: false, reason: 'It is too close to the time to change it here. Please phone the clinic.' };
  }
  return { ok: true };
}

/** A reschedule: the old booking may be changed and the new slot may be booked for the same need. */
export function checkReschedule(
  booking: Booking,
  toSlotId: string,
  context: BookingContext,
  settings: BookingSettings = defaultBookingSettings,
): BookingCheck {
  const slot = context.slots.find((s) => s.id === booking.slotId);
  if (slot === undefined) return { ok: false, reason: 'That booking is for another time.' };
  const change = mayChangeBooking(booking, slot, context.now, settings);
  if (!change.ok) return change;
  if (toSlotId === booking.slotId) return { ok: false, reason: 'That is the time you already have.' };
  return checkBooking(
    { slotId: toSlotId, need: booking.need, replacingBookingId: booking.id },
    context,
    settings,
  );
}

export interface MissedBooking {
  status: 'missed';
  followUps: FollowUp[];
}

/**
 * What a missed booking opens, recorded once the slot has ended: an outreach task for the keyworker, due the
 * day it is recorded, to reach the person and offer another time. Throws for a booking that is not open or a
 * slot that has not ended (nobody is marked as missing a time still to come).
 */
export function missedBooking(booking: Booking, slot: Slot, recordedAt: Instant): MissedBooking {
  const b = Booking.parse(booking);
  const s = Slot.parse(slot);
  const at = Instant.parse(recordedAt);
  if (b.status !== 'booked' || b.slotId !== s.id)
    throw new DomainError('INVALID_INPUT', 'only an open booking of this slot can be missed');
  if (Date.parse(at) < Date.parse(s.endsAt))
    throw new DomainError('INVALID_INPUT', 'a booking is missed only after its slot has ended');
  const dueOn: CalendarDate = londonDate(new Date(at));
  const name = healthNeedDefinition(b.need).name;
  return {
    status: 'missed',
    followUps: [
      {
        type: 'task',
        kind: 'outreach_missed_booking',
        assignee: 'keyworker',
        dueOn,
        reason: `Missed a booking (${name}) on ${londonDate(new Date(s.startsAt))}: reach out and offer another time. The check stays due.`,
        source: 'booking',
      },
    ],
  };
}

/** When to send reminders for a slot: each setting's time before it that is still after `now`, soonest first. */
export function reminderTimes(
  slot: Slot,
  now: Instant,
  settings: BookingSettings = defaultBookingSettings,
): Instant[] {
  const start = Date.parse(Slot.parse(slot).startsAt);
  const from = Date.parse(Instant.parse(now));
  const { remindersMinutesBefore } = BookingSettings.parse(settings);
  return [...new Set(remindersMinutesBefore)]
    .map((minutes) => start - minutes * MINUTE_MS)
    .filter((at) => at > from)
    .sort((a, b) => a - b)
    .map((at) => new Date(at).toISOString());
}
