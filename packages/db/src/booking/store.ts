import type { HealthNeedCode } from '@harbour/domain/health/catalogue';
import type { BookingStatus } from '@harbour/domain/booking/clinic';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { booking, bookingVersion, clinicSlot } from '../schema/booking.ts';

/**
 * The booking store: slots' places, taken and given up, in the caller's transaction. Nothing here decides who
 * may book what (@harbour/domain/booking does, in the service); this makes sure that, whatever the service
 * decided, **never two people hold one place**:
 *
 * 1. `lockSlot` takes the slot row `FOR UPDATE`, so attempts at one slot queue behind each other and each sees
 *    the bookings committed before it (the service runs the domain's check after taking the lock);
 * 2. `takePlace` claims the lowest free place, 1 to capacity; the unique index `booking_one_per_place` and the
 *    capacity trigger (migration, hand-written part) refuse a second holder of a place or a place above the
 *    capacity even from a writer that forgot the lock.
 */

export type BookingRow = typeof booking.$inferSelect;
export type SlotRow = typeof clinicSlot.$inferSelect;

/** Who made a version: the person themselves, a member of staff, or a job. */
export type ChangedBy = { kind: 'person' } | { kind: 'staff'; staffId: string } | { kind: 'system' };

/** The slot, locked until the transaction ends; undefined when it is not this organisation's. */
export async function lockSlot(
  db: Executor,
  organisationId: string,
  slotId: string,
): Promise<SlotRow | undefined> {
  const [row] = await db
    .select()
    .from(clinicSlot)
    .where(and(eq(clinicSlot.id, slotId), eq(clinicSlot.organisationId, organisationId)))
    .for('update');
  return row;
}

/**
 * A first look at a slot, unlocked: its row and how many places open bookings hold, in one statement. A slot
 * whose places are all held is full (places are 1 to the capacity, each held once); the booking path answers
 * such a slot at once and takes the lock only for one that looked free. Undefined when it is not this
 * organisation's.
 */
export async function peekSlot(
  db: Executor,
  organisationId: string,
  slotId: string,
): Promise<{ slot: SlotRow; held: number } | undefined> {
  const [row] = await db
    .select({
      slot: clinicSlot,
      // Spelt out in full: drizzle writes a selected column unqualified ("id"), which inside the subquery
      // would be the booking's own id, and the count always 0.
      held: sql<number>`(select count(*)::int from booking b where b.slot_id = clinic_slot.id and b.status = 'booked')`,
    })
    .from(clinicSlot)
    .where(and(eq(clinicSlot.id, slotId), eq(clinicSlot.organisationId, organisationId)));
  return row;
}

/** The places of `slotId` held by open bookings. */
async function heldPlaces(db: Executor, slotId: string): Promise<Set<number>> {
  const rows = await db
    .select({ place: booking.place })
    .from(booking)
    .where(and(eq(booking.slotId, slotId), eq(booking.status, 'booked')));
  return new Set(rows.flatMap((r) => (r.place === null ? [] : [r.place])));
}

/** The lowest place of the slot nobody holds, or null when it is full. */
export async function freePlace(db: Executor, slot: SlotRow): Promise<number | null> {
  const held = await heldPlaces(db, slot.id);
  for (let place = 1; place <= slot.capacity; place++) if (!held.has(place)) return place;
  return null;
}

async function writeVersion(db: Executor, row: BookingRow, by: ChangedBy, reason: string): Promise<void> {
  await db.insert(bookingVersion).values({
    bookingId: row.id,
    version: row.version,
    organisationId: row.organisationId,
    personId: row.personId,
    slotId: row.slotId,
    need: row.need,
    status: row.status,
    changedBy: by.kind === 'staff' ? by.staffId : null,
    changedByKind: by.kind,
    reason,
  });
}

export interface TakePlace {
  organisationId: string;
  personId: string;
  need: HealthNeedCode;
  by: ChangedBy;
  /** The free place the caller found (`freePlace`) under this transaction's lock, so it is not read again. */
  place?: number;
}

/**
 * Books a place in a slot locked by `lockSlot` in this transaction, with its first version. Returns null when
 * the slot is full. A concurrent writer that skipped the lock gets a unique-violation (23505) instead. `also`
 * gives the caller's own writes for the new booking (its reminders, the audit row), sent with its version,
 * without waiting for each other: one round trip on PostgreSQL for all of them, in this transaction.
 */
export async function takePlace(
  db: Executor,
  slot: SlotRow,
  request: TakePlace,
  now: Date,
  also: (row: BookingRow) => Promise<unknown>[] = () => [],
): Promise<BookingRow | null> {
  const place = request.place ?? (await freePlace(db, slot));
  if (place === null) return null;
  const [row] = await db
    .insert(booking)
    .values({
      organisationId: request.organisationId,
      personId: request.personId,
      slotId: slot.id,
      need: request.need,
      place,
      updatedAt: now.toISOString(),
    })
    .returning();
  if (!row) throw new Error('takePlace: no row');
  await Promise.all([writeVersion(db, row, request.by, 'booked'), ...also(row)]);
  return row;
}

/**
 * Moves an open booking to another slot (locked by the caller), giving up its old place: a new version. Returns
 * null when the new slot is full, or undefined when the booking changed since `expectedVersion` (or is no longer
 * open): the caller reports a conflict.
 */
export async function movePlace(
  db: Executor,
  current: BookingRow,
  to: SlotRow,
  expectedVersion: number,
  by: ChangedBy,
  now: Date,
): Promise<BookingRow | null | undefined> {
  const place = await freePlace(db, to);
  if (place === null) return null;
  const [row] = await db
    .update(booking)
    .set({ slotId: to.id, place, version: sql`${booking.version} + 1`, updatedAt: now.toISOString() })
    .where(
      and(
        eq(booking.id, current.id),
        eq(booking.organisationId, current.organisationId),
        eq(booking.version, expectedVersion),
        eq(booking.status, 'booked'),
      ),
    )
    .returning();
  if (!row) return undefined;
  await writeVersion(db, row, by, 'moved to another time');
  return row;
}

/**
 * Closes an open booking (cancelled, attended or missed), giving up its place: a new version. Returns undefined
 * when it changed since `expectedVersion` or is no longer open.
 */
export async function closeBooking(
  db: Executor,
  current: Pick<BookingRow, 'id' | 'organisationId'>,
  status: Exclude<BookingStatus, 'booked'>,
  expectedVersion: number,
  by: ChangedBy,
  reason: string,
  now: Date,
): Promise<BookingRow | undefined> {
  const [row] = await db
    .update(booking)
    .set({ status, place: null, version: sql`${booking.version} + 1`, updatedAt: now.toISOString() })
    .where(
      and(
        eq(booking.id, current.id),
        eq(booking.organisationId, current.organisationId),
        eq(booking.version, expectedVersion),
        eq(booking.status, 'booked'),
      ),
    )
    .returning();
  if (!row) return undefined;
  await writeVersion(db, row, by, reason);
  return row;
}
