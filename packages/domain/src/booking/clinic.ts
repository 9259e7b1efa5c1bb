import { z } from 'zod';
import { HealthNeedCode } from '../health/catalogue.ts';
import { Id, Instant } from '../ids.ts';
import { singleLine } from '../text.ts';

/**
 * Booking health checks (workflows.md "The self-check portal"): clinics hold sessions (a place, the checks
 * offered, the staff), sessions hold slots (a time and a capacity), and a person books a slot for one of their
 * due health needs. Times are instants (stored in UTC, shown in London time); the rules compare instants, so
 * the clock change cannot move a slot.
 */
export const Clinic = z.strictObject({
  id: Id,
  name: singleLine({ min: 1, max: 120 }),
  /** Where it is, as shown to the person: "Harbour Clinic, Mill Road". */
  place: singleLine({ min: 1, max: 200 }),
});
export type Clinic = z.infer<typeof Clinic>;

export const ClinicSession = z
  .strictObject({
    id: Id,
    clinicId: Id,
    startsAt: Instant,
    endsAt: Instant,
    /** The checks offered (health needs catalogue codes): "a kind of check". */
    checks: z.array(HealthNeedCode).min(1).max(30),
    staffIds: z.array(Id).min(1).max(20),
  })
  .refine((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt), {
    message: 'a session ends after it starts',
    path: ['endsAt'],
  });
export type ClinicSession = z.infer<typeof ClinicSession>;

export const Slot = z
  .strictObject({
    id: Id,
    sessionId: Id,
    startsAt: Instant,
    endsAt: Instant,
    /** How many people may book it: 1 for an appointment, more for a drop-in group. Never overbooked. */
    capacity: z.int().min(1).max(50),
  })
  .refine((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt), {
    message: 'a slot ends after it starts',
    path: ['endsAt'],
  });
export type Slot = z.infer<typeof Slot>;

export const bookingStatuses = ['booked', 'cancelled', 'attended', 'missed'] as const;
export const BookingStatus = z.enum(bookingStatuses);
export type BookingStatus = z.infer<typeof BookingStatus>;

export const Booking = z.strictObject({
  id: Id,
  slotId: Id,
  personId: Id,
  need: HealthNeedCode,
  status: BookingStatus,
});
export type Booking = z.infer<typeof Booking>;

/** Per-service booking settings. */
export const BookingSettings = z.strictObject({
  /** The latest a slot can be booked: this many minutes before it starts. */
  minNoticeMinutes: z
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(60),
  /** How far ahead slots are offered, in days. */
  horizonDays: z.int().min(1).max(365).default(90),
  /** A booking can be changed or cancelled online until this many minutes before it starts. */
  changeUntilMinutesBefore: z
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(120),
  /** Reminders, in minutes before the start: 2 days and 2 hours by default. */
  remindersMinutesBefore: z
    .array(
      z
        .int()
        .min(1)
        .max(30 * 24 * 60),
    )
    .max(5)
    .default([2 * 24 * 60, 2 * 60]),
});
export type BookingSettings = z.infer<typeof BookingSettings>;
export const defaultBookingSettings: BookingSettings = BookingSettings.parse({});

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;
