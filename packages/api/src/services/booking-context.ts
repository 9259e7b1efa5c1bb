import type { BookingContext } from '@harbour/domain/booking/bookable';
import { DAY_MS, defaultBookingSettings, type Booking, type Slot } from '@harbour/domain/booking/clinic';
import { reminderTimes } from '@harbour/domain/booking/changes';
import type { HealthNeed } from '@harbour/domain/health/needs';
import type { Executor } from '@harbour/db/client';
import { booking, clinic, clinicSession, clinicSlot, reminderOutbox } from '@harbour/db/schema/booking';
import type { BookingRow, SlotRow } from '@harbour/db/booking/store';
import { and, eq, gte, inArray, lte, or, type SQL } from 'drizzle-orm';

/**
 * What the booking rules (@harbour/domain/booking) read, loaded from the store in the caller's transaction:
 * the organisation's sessions and slots within the booking horizon (or the ones named), every booking of those
 * slots and every open booking of the person's. Instants are turned into ISO strings (the driver's timestamptz
 * text is not ISO 8601), as the domain's schemas require.
 */

export const iso = (value: string): string => new Date(value).toISOString();

export const slotOf = (row: SlotRow): Slot => ({
  id: row.id,
  sessionId: row.sessionId,
  startsAt: iso(row.startsAt),
  endsAt: iso(row.endsAt),
  capacity: row.capacity,
});

export const bookingOf = (
  row: Pick<BookingRow, 'id' | 'slotId' | 'personId' | 'need' | 'status'>,
): Booking => ({
  id: row.id,
  slotId: row.slotId,
  personId: row.personId,
  need: row.need,
  status: row.status,
});

export async function bookingContext(
  tx: Executor,
  organisationId: string,
  personId: string,
  needs: readonly HealthNeed[],
  now: Date,
  /** Only these slots (a write checks the one it books); otherwise every slot within the horizon. */
  slotIds?: readonly string[],
): Promise<BookingContext> {
  const horizon = new Date(now.getTime() + defaultBookingSettings.horizonDays * DAY_MS).toISOString();
  const own = and(
    eq(booking.organisationId, organisationId),
    eq(booking.personId, personId),
    eq(booking.status, 'booked'),
  );
  if (slotIds !== undefined) {
    // A write's context (the slots named and the person's own booked ones): the four reads sent together, one
    // round trip on PostgreSQL while the write holds its slot's lock, each naming the slots by subquery.
    const ownSlots = tx.select({ id: booking.slotId }).from(booking).where(own);
    const named = and(
      eq(clinicSlot.organisationId, organisationId),
      or(
        slotIds.length > 0 ? inArray(clinicSlot.id, [...slotIds]) : undefined,
        inArray(clinicSlot.id, ownSlots),
      ),
    );
    const [ownBookings, slotRows, sessions, slotBookings] = await Promise.all([
      tx.select().from(booking).where(own),
      tx.select().from(clinicSlot).where(named),
      activeSessions(
        tx,
        organisationId,
        inArray(clinicSession.id, tx.select({ id: clinicSlot.sessionId }).from(clinicSlot).where(named)),
      ),
      bookingsOfSlots(
        tx,
        organisationId,
        inArray(booking.slotId, tx.select({ id: clinicSlot.id }).from(clinicSlot).where(named)),
      ),
    ]);
    return contextOf(personId, needs, now, ownBookings, slotRows, sessions, slotBookings);
  }
  const ownBookings = await tx.select().from(booking).where(own);
  const wanted = ownBookings.map((b) => b.slotId);
  const slotRows = await tx
    .select()
    .from(clinicSlot)
    .where(
      and(
        eq(clinicSlot.organisationId, organisationId),
        or(
          and(gte(clinicSlot.startsAt, now.toISOString()), lte(clinicSlot.startsAt, horizon)),
          wanted.length > 0 ? inArray(clinicSlot.id, wanted) : undefined,
        ),
      ),
    );
  const sessionIds = [...new Set(slotRows.map((s) => s.sessionId))];
  const sessions =
    sessionIds.length === 0
      ? []
      : await activeSessions(tx, organisationId, inArray(clinicSession.id, sessionIds));
  const ids = slotRows.map((s) => s.id);
  const slotBookings =
    ids.length === 0 ? [] : await bookingsOfSlots(tx, organisationId, inArray(booking.slotId, ids));
  return contextOf(personId, needs, now, ownBookings, slotRows, sessions, slotBookings);
}

/** The sessions `which` names, of clinics still open. */
function activeSessions(tx: Executor, organisationId: string, which: SQL) {
  return tx
    .select()
    .from(clinicSession)
    .innerJoin(clinic, eq(clinic.id, clinicSession.clinicId))
    .where(and(eq(clinicSession.organisationId, organisationId), which, eq(clinic.active, true)));
}

/** Every booking (open or closed) of the slots `which` names. */
function bookingsOfSlots(tx: Executor, organisationId: string, which: SQL) {
  return tx
    .select()
    .from(booking)
    .where(and(eq(booking.organisationId, organisationId), which));
}

function contextOf(
  personId: string,
  needs: readonly HealthNeed[],
  now: Date,
  ownBookings: BookingRow[],
  slotRows: SlotRow[],
  sessions: { clinic_session: typeof clinicSession.$inferSelect }[],
  slotBookings: BookingRow[],
): BookingContext {
  const all = new Map([...slotBookings, ...ownBookings].map((b) => [b.id, b]));
  return {
    personId,
    now: now.toISOString(),
    needs: needs.map((n) => ({ code: n.code, status: n.status })),
    sessions: sessions.map(({ clinic_session: s }) => ({
      id: s.id,
      clinicId: s.clinicId,
      startsAt: iso(s.startsAt),
      endsAt: iso(s.endsAt),
      checks: s.checks,
      staffIds: s.staffIds,
    })),
    slots: slotRows.map(slotOf),
    bookings: [...all.values()].map(bookingOf),
  };
}

/** Writes the booking's reminders (2 days and 2 hours before, those still to come) into the outbox. */
export async function queueReminders(
  tx: Executor,
  row: BookingRow,
  slot: SlotRow,
  now: Date,
): Promise<number> {
  const times = reminderTimes(slotOf(slot), now.toISOString());
  if (times.length === 0) return 0;
  await tx.insert(reminderOutbox).values(
    times.map((sendAt) => ({
      organisationId: row.organisationId,
      bookingId: row.id,
      bookingVersion: row.version,
      personId: row.personId,
      sendAt,
    })),
  );
  return times.length;
}

/** Cancels the booking's reminders not yet sent (it was moved, cancelled, attended or missed). */
export async function cancelReminders(
  tx: Executor,
  organisationId: string,
  bookingId: string,
): Promise<void> {
  await tx
    .update(reminderOutbox)
    .set({ status: 'cancelled' })
    .where(
      and(
        eq(reminderOutbox.organisationId, organisationId),
        eq(reminderOutbox.bookingId, bookingId),
        eq(reminderOutbox.status, 'pending'),
      ),
    );
}
