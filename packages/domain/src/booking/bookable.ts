import { z } from 'zod';
import { HealthNeedCode } from '../health/catalogue.ts';
import { healthNeedStatuses, type HealthNeedStatus } from '../health/needs.ts';
import { Id, Instant } from '../ids.ts';
import {
  Booking,
  BookingSettings,
  ClinicSession,
  DAY_MS,
  MINUTE_MS,
  Slot,
  defaultBookingSettings,
} from './clinic.ts';

/**
 * Which slots a person may book: for a health check that is due for them (health/needs.ts), in the future and
 * within the booking horizon, with space left, and not at the same time as another of their bookings. The
 * same rules check one booking at write time (`checkBooking`). The count of spaces comes from the bookings
 * given: the service must check and insert in one transaction that locks the slot, so two people can never take
 * its last place at once.
 */

/** Needs a person may book: due, overdue, or declined (they may change their mind). */
export const bookableStatuses: readonly HealthNeedStatus[] = ['due', 'overdue', 'declined'];

export const BookingContext = z.strictObject({
  personId: Id,
  now: Instant,
  /** The person's needs on today's date, as `healthNeeds` returns them (only code and status are read). */
  needs: z.array(z.object({ code: HealthNeedCode, status: z.enum(healthNeedStatuses) })).max(100),
  sessions: z.array(ClinicSession).max(10_000),
  slots: z.array(Slot).max(100_000),
  /** Every booking of these slots, and every booking of the person's. */
  bookings: z.array(Booking).max(100_000),
});
export type BookingContext = z.infer<typeof BookingContext>;

export interface BookableSlot {
  slot: Slot;
  session: ClinicSession;
  /** The person's due needs this session offers. */
  needs: HealthNeedCode[];
  spaces: number;
}

const ms = Date.parse;

function overlaps(a: Slot, b: Slot): boolean {
  return ms(a.startsAt) < ms(b.endsAt) && ms(b.startsAt) < ms(a.endsAt);
}

/** Places left in a slot: its capacity less its active bookings. */
export function spacesLeft(slot: Slot, bookings: readonly Booking[]): number {
  return slot.capacity - bookings.filter((b) => b.slotId === slot.id && b.status === 'booked').length;
}

interface Parsed {
  ctx: BookingContext;
  settings: BookingSettings;
}

function parse(context: BookingContext, settings: BookingSettings): Parsed {
  return { ctx: BookingContext.parse(context), settings: BookingSettings.parse(settings) };
}

/** Why a person may not book `slot` for `need`, in plain words for them; null when they may. */
function problem(
  { ctx, settings }: Parsed,
  slot: Slot,
  need: HealthNeedCode,
  ignoreBookingId: string | null,
): string | null {
  const session = ctx.sessions.find((s) => s.id === slot.sessionId);
  if (session === undefined) return 'That time is not available.';
  if (!session.checks.includes(need)) return 'That clinic does not offer this check.';
  const status = ctx.needs.find((n) => n.code === need)?.status;
  if (status === undefined || !bookableStatuses.includes(status)) return 'This check is not due for you now.';
  const now = ms(ctx.now);
  if (ms(slot.startsAt) < now + settings.minNoticeMinutes * MINUTE_MS)
    return 'That time is too soon to book.';
  if (ms(slot.startsAt) > now + settings.horizonDays * DAY_MS)
    return 'That time is too far ahead to book yet.';
  const own = ctx.bookings.filter(
    (b) => b.personId === ctx.personId && b.status === 'booked' && b.id !== ignoreBookingId,
  );
  if (own.some((b) => b.need === need))
    return 'You already have a booking for this check. Change that one instead.';
  const clash = own.some((b) => {
    const other = ctx.slots.find((s) => s.id === b.slotId);
    return other !== undefined && overlaps(other, slot);
  });
  if (clash) return 'You have another booking at that time.';
  if (spacesLeft(slot, ctx.bookings) <= 0) return 'That time is full. Please choose another.';
  return null;
}

/** The slots the person may book now, soonest first, each with the due needs it can be booked for. */
export function bookableSlots(
  context: BookingContext,
  settings: BookingSettings = defaultBookingSettings,
): BookableSlot[] {
  const parsed = parse(context, settings);
  const { ctx } = parsed;
  const due = ctx.needs.filter((n) => bookableStatuses.includes(n.status)).map((n) => n.code);
  const out: BookableSlot[] = [];
  for (const slot of ctx.slots) {
    const session = ctx.sessions.find((s) => s.id === slot.sessionId);
    if (session === undefined) continue;
    const needs = due.filter((need) => problem(parsed, slot, need, null) === null);
    if (needs.length > 0) out.push({ slot, session, needs, spaces: spacesLeft(slot, ctx.bookings) });
  }
  return out.sort((a, b) => ms(a.slot.startsAt) - ms(b.slot.startsAt));
}

export type BookingCheck = { ok: true } | { ok: false; reason: string };

/**
 * Checks one booking at write time: the slot exists, offers the check, the check is due, the time is far enough
 * ahead and not too far, the person has no other booking for it or at that time, and the slot has space.
 * `replacingBookingId` is the booking a reschedule gives up (its place and need do not count against it).
 */
export function checkBooking(
  request: { slotId: string; need: HealthNeedCode; replacingBookingId?: string },
  context: BookingContext,
  settings: BookingSettings = defaultBookingSettings,
): BookingCheck {
  const parsed = parse(context, settings);
  const slot = parsed.ctx.slots.find((s) => s.id === request.slotId);
  if (slot === undefined) return { ok: false, reason: 'That time is not available.' };
  const reason = problem(parsed, slot, request.need, request.replacingBookingId ?? null);
  return reason === null ? { ok: true } : { ok: false, reason };
}
