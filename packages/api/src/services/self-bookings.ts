import { bookableSlots, checkBooking } from '@harbour/domain/booking/bookable';
import { checkReschedule, mayChangeBooking } from '@harbour/domain/booking/changes';
import { DomainError } from '@harbour/domain/errors';
import { healthNeedDefinition, type HealthNeedCode } from '@harbour/domain/health/catalogue';
import { bookableStatuses } from '@harbour/domain/booking/bookable';
import type { HealthNeedStatus } from '@harbour/domain/health/needs';
import type { CalendarDate } from '@harbour/domain/ids';
import type { Database, Transaction } from '@harbour/db/client';
import { closeBooking, freePlace, lockSlot, movePlace, peekSlot, takePlace } from '@harbour/db/booking/store';
import { booking, clinic, clinicSession, clinicSlot } from '@harbour/db/schema/booking';
import { withTenant } from '@harbour/db/tenant';
import { and, asc, eq, gte } from 'drizzle-orm';
import { writeAudit, type AuditAction } from '../audit/write-audit.ts';
import type { ServiceUserActor } from '../identity/sessions.ts';
import {
  bookingContext,
  bookingOf,
  cancelReminders,
  iso,
  queueReminders,
  slotOf,
} from './booking-context.ts';
import { personHealth } from './health-facts.ts';
import { SlotTurns } from './slot-turns.ts';
import type { WriteContext } from './record-event.ts';

/**
 * Booking health checks in the self-check portal (issue 11, docs/booking.md): the person's checks that are due,
 * the times they may book for one, and booking, moving and cancelling their own bookings. The domain decides
 * (`bookableSlots`, `checkBooking`, `checkReschedule`, `mayChangeBooking`), with its plain words for a refusal;
 * the store takes the place under the slot's lock (never two people in one place). The person acts only for
 * themselves (the person comes from the session) and everything is audited as their own action.
 */

export interface CheckDue {
  code: HealthNeedCode;
  name: string;
  status: HealthNeedStatus;
  dueDate: CalendarDate | null;
  /** May they book it now (due, overdue or declined, and not already booked)? */
  bookable: boolean;
}

export interface BookingView {
  id: string;
  version: number;
  need: HealthNeedCode;
  needName: string;
  status: 'booked' | 'cancelled' | 'attended' | 'missed';
  startsAt: string;
  endsAt: string;
  clinicName: string;
  place: string;
  /** Null when it may still be changed online; otherwise why not, in plain words. */
  cannotChange: string | null;
}

export interface HealthChecksView {
  today: CalendarDate;
  checks: CheckDue[];
  bookings: BookingView[];
}

export interface SlotChoice {
  slotId: string;
  startsAt: string;
  endsAt: string;
  clinicName: string;
  place: string;
  spaces: number;
}

const tenantOf = (self: ServiceUserActor) => ({ organisationId: self.organisationId, actorId: null });

async function audit(
  tx: Transaction,
  self: ServiceUserActor,
  procedure: string,
  action: AuditAction,
  requestId: string,
) {
  await writeAudit(tx, {
    actor: self,
    personId: self.personId,
    action,
    procedure,
    requestId,
    basis: null,
    outcome: 'allowed',
  });
}

/** The person's own bookings still to come (open ones), soonest first, with where and whether they may change. */
export async function openBookings(
  tx: Transaction,
  self: ServiceUserActor,
  now: Date,
): Promise<BookingView[]> {
  const rows = await tx
    .select({ booking, slot: clinicSlot, clinic })
    .from(booking)
    .innerJoin(clinicSlot, eq(clinicSlot.id, booking.slotId))
    .innerJoin(clinicSession, eq(clinicSession.id, clinicSlot.sessionId))
    .innerJoin(clinic, eq(clinic.id, clinicSession.clinicId))
    .where(
      and(
        eq(booking.organisationId, self.organisationId),
        eq(booking.personId, self.personId),
        eq(booking.status, 'booked'),
        gte(clinicSlot.endsAt, now.toISOString()),
      ),
    )
    .orderBy(asc(clinicSlot.startsAt));
  return rows.map(({ booking: b, slot, clinic: c }) => {
    const change = mayChangeBooking(bookingOf(b), slotOf(slot), now.toISOString());
    return {
      id: b.id,
      version: b.version,
      need: b.need,
      needName: healthNeedDefinition(b.need).name,
      status: b.status,
      startsAt: iso(slot.startsAt),
      endsAt: iso(slot.endsAt),
      clinicName: c.name,
      place: c.place,
      cannotChange: change.ok ? null : change.reason,
    };
  });
}

/** "Checks due": the person's needs that apply now (due, overdue, booked, declined), and their bookings. */
export async function myHealthChecks(
  db: Database,
  self: ServiceUserActor,
  context: WriteContext,
): Promise<HealthChecksView> {
  return withTenant(db, tenantOf(self), async (tx) => {
    const { today, needs } = await personHealth(tx, self.organisationId, self.personId, context.now);
    const bookings = await openBookings(tx, self, context.now);
    await audit(tx, self, 'selfcheck.healthChecks', 'view', context.requestId);
    const shown: HealthNeedStatus[] = ['overdue', 'due', 'booked', 'declined'];
    return {
      today,
      checks: needs
        .filter((n) => shown.includes(n.status))
        .map((n) => ({
          code: n.code,
          name: n.name,
          status: n.status,
          dueDate: n.dueDate,
          bookable: bookableStatuses.includes(n.status) && !bookings.some((b) => b.need === n.code),
        })),
      bookings,
    };
  });
}

/** The times the person may book for one check (soonest first), or may move a booking of theirs to. */
export async function slotsForCheck(
  db: Database,
  self: ServiceUserActor,
  input: { need: HealthNeedCode; replacingBookingId?: string | undefined },
  context: WriteContext,
): Promise<SlotChoice[]> {
  return withTenant(db, tenantOf(self), async (tx) => {
    const { needs } = await personHealth(tx, self.organisationId, self.personId, context.now);
    const ctx = await bookingContext(tx, self.organisationId, self.personId, needs, context.now);
    const replacing = ctx.bookings.find(
      (b) => b.id === input.replacingBookingId && b.personId === self.personId && b.status === 'booked',
    );
    // Moving a booking: the need it is for counts as due (it is "booked" now), and its own place is free to give up.
    const forRules = replacing
      ? {
          ...ctx,
          needs: ctx.needs.map((n) => (n.code === replacing.need ? { ...n, status: 'due' as const } : n)),
          bookings: ctx.bookings.filter((b) => b.id !== replacing.id),
        }
      : ctx;
    const choices = bookableSlots(forRules).filter(
      (s) => s.needs.includes(input.need) && s.slot.id !== replacing?.slotId,
    );
    const clinics = await tx
      .select({ sessionId: clinicSession.id, name: clinic.name, place: clinic.place })
      .from(clinicSession)
      .innerJoin(clinic, eq(clinic.id, clinicSession.clinicId))
      .where(eq(clinicSession.organisationId, self.organisationId));
    await audit(tx, self, 'selfcheck.slotsForCheck', 'view', context.requestId);
    return choices.map((c) => {
      const where = clinics.find((x) => x.sessionId === c.session.id);
      return {
        slotId: c.slot.id,
        startsAt: c.slot.startsAt,
        endsAt: c.slot.endsAt,
        clinicName: where?.name ?? '',
        place: where?.place ?? '',
        spaces: c.spaces,
      };
    });
  });
}

const refused = (reason: string, field = 'slotId') =>
  new DomainError('RULE_REFUSED', reason, [{ path: [field], message: reason }]);

const FULL = 'That time is full. Please choose another.';
const CHANGED = 'This booking was changed in another window. Look at it again and try again.';

/**
 * Books a slot for a due check: the slot is locked, the rules run on what is committed, and a place is taken,
 * with the booking's first version and its reminders, in one transaction. A refusal changes nothing. Attempts at
 * one slot in this process wait their turn without a connection (slot-turns.ts), so a crowd at a slot that has
 * just filled is answered together, without queueing in the pool in front of the booking that filled it.
 */
export async function bookCheck(
  db: Database,
  self: ServiceUserActor,
  input: { slotId: string; need: HealthNeedCode },
  context: WriteContext,
): Promise<{ id: string; version: number }> {
  // Attempts at one slot in this process take turns (slot-turns.ts); the database's lock still decides. The key
  // names the organisation too, so nobody can wait behind, or learn of, another organisation's slot.
  const booked = await bookingTurns.take(`${self.organisationId}:${input.slotId}`, {
    book: () => bookOnce(db, self, input, context),
    tookLast: (row) => row.tookLast,
    full: () => refused(FULL),
  });
  return { id: booked.id, version: booked.version };
}

const bookingTurns = new SlotTurns();

/** One attempt, in its transaction; `tookLast`: the place taken was the slot's last (places are 1 to capacity). */
async function bookOnce(
  db: Database,
  self: ServiceUserActor,
  input: { slotId: string; need: HealthNeedCode },
  context: WriteContext,
): Promise<{ id: string; version: number; tookLast: boolean }> {
  return withTenant(db, tenantOf(self), async (tx) => {
    // A slot already full is refused at once, in one statement sent with the tenant's setting, without its lock
    // or the person's record (the crowd at a slot that has just gone costs one round trip each besides BEGIN and
    // ROLLBACK). Then the person's needs, still before the lock: they do not depend on the slot, so the lock is
    // held only for the checks that do, on what is committed.
    const seen = await peekSlot(tx, self.organisationId, input.slotId);
    if (!seen) throw refused('That time is not available.');
    if (seen.held >= seen.slot.capacity) throw refused(FULL);
    const { needs } = await personHealth(tx, self.organisationId, self.personId, context.now);
    const slot = await lockSlot(tx, self.organisationId, input.slotId);
    if (!slot) throw refused('That time is not available.');
    const place = await freePlace(tx, slot);
    if (place === null) throw refused(FULL);
    const ctx = await bookingContext(tx, self.organisationId, self.personId, needs, context.now, [slot.id]);
    const check = checkBooking({ slotId: slot.id, need: input.need }, ctx);
    if (!check.ok) throw refused(check.reason);
    const row = await takePlace(
      tx,
      slot,
      {
        organisationId: self.organisationId,
        personId: self.personId,
        need: input.need,
        by: { kind: 'person' },
        place,
      },
      context.now,
      // Its reminders and the audit row, sent with its version: all in this transaction, or none.
      (row) => [
        queueReminders(tx, row, slot, context.now),
        audit(tx, self, 'selfcheck.bookCheck', 'create', context.requestId),
      ],
    );
    if (!row) throw refused(FULL);
    return { id: row.id, version: row.version, tookLast: place === slot.capacity };
  });
}

async function ownBooking(tx: Transaction, self: ServiceUserActor, bookingId: string) {
  const [row] = await tx
    .select({ booking, slot: clinicSlot })
    .from(booking)
    .innerJoin(clinicSlot, eq(clinicSlot.id, booking.slotId))
    .where(
      and(
        eq(booking.id, bookingId),
        eq(booking.organisationId, self.organisationId),
        eq(booking.personId, self.personId),
      ),
    );
  // Someone else's booking is not found, exactly as one that does not exist.
  if (!row) throw new DomainError('NOT_FOUND', 'Booking not found');
  return row;
}

/** Moves the person's booking to another time for the same check (the change rules, then the new slot's). */
export async function rescheduleCheck(
  db: Database,
  self: ServiceUserActor,
  input: { bookingId: string; expectedVersion: number; slotId: string },
  context: WriteContext,
): Promise<{ id: string; version: number }> {
  return withTenant(db, tenantOf(self), async (tx) => {
    const current = await ownBooking(tx, self, input.bookingId);
    if (current.booking.version !== input.expectedVersion) throw new DomainError('CONFLICT', CHANGED);
    const to = await lockSlot(tx, self.organisationId, input.slotId);
    if (!to) throw refused('That time is not available.');
    const { needs } = await personHealth(tx, self.organisationId, self.personId, context.now);
    const ctx = await bookingContext(tx, self.organisationId, self.personId, needs, context.now, [
      to.id,
      current.slot.id,
    ]);
    // The need is "booked" by this very booking: for the rules it is the due check being moved.
    const forRules = {
      ...ctx,
      needs: ctx.needs.map((n) => (n.code === current.booking.need ? { ...n, status: 'due' as const } : n)),
    };
    const check = checkReschedule(bookingOf(current.booking), to.id, forRules);
    if (!check.ok) throw refused(check.reason);
    const moved = await movePlace(
      tx,
      current.booking,
      to,
      input.expectedVersion,
      { kind: 'person' },
      context.now,
    );
    if (moved === undefined) throw new DomainError('CONFLICT', CHANGED);
    if (moved === null) throw refused(FULL);
    await cancelReminders(tx, self.organisationId, moved.id);
    await queueReminders(tx, moved, to, context.now);
    await audit(tx, self, 'selfcheck.rescheduleCheck', 'amend', context.requestId);
    return { id: moved.id, version: moved.version };
  });
}

/** Cancels the person's booking while it may still be changed online; its place and reminders go. */
export async function cancelCheck(
  db: Database,
  self: ServiceUserActor,
  input: { bookingId: string; expectedVersion: number },
  context: WriteContext,
): Promise<{ id: string; version: number }> {
  return withTenant(db, tenantOf(self), async (tx) => {
    const current = await ownBooking(tx, self, input.bookingId);
    if (current.booking.version !== input.expectedVersion) throw new DomainError('CONFLICT', CHANGED);
    const change = mayChangeBooking(
      bookingOf(current.booking),
      slotOf(current.slot),
      context.now.toISOString(),
    );
    if (!change.ok) throw refused(change.reason, 'bookingId');
    const closed = await closeBooking(
      tx,
      current.booking,
      'cancelled',
      input.expectedVersion,
      { kind: 'person' },
      'cancelled by the person',
      context.now,
    );
    if (!closed) throw new DomainError('CONFLICT', CHANGED);
    await cancelReminders(tx, self.organisationId, closed.id);
    await audit(tx, self, 'selfcheck.cancelCheck', 'amend', context.requestId);
    return { id: closed.id, version: closed.version };
  });
}

/** One of the person's own bookings (for its page and its calendar file). */
export async function myBooking(
  db: Database,
  self: ServiceUserActor,
  bookingId: string,
  context: WriteContext,
): Promise<BookingView> {
  return withTenant(db, tenantOf(self), async (tx) => {
    const { booking: b, slot } = await ownBooking(tx, self, bookingId);
    const [where] = await tx
      .select({ name: clinic.name, place: clinic.place })
      .from(clinicSession)
      .innerJoin(clinic, eq(clinic.id, clinicSession.clinicId))
      .where(eq(clinicSession.id, slot.sessionId));
    const change = mayChangeBooking(bookingOf(b), slotOf(slot), context.now.toISOString());
    await audit(tx, self, 'selfcheck.booking', 'view', context.requestId);
    return {
      id: b.id,
      version: b.version,
      need: b.need,
      needName: healthNeedDefinition(b.need).name,
      status: b.status,
      startsAt: iso(slot.startsAt),
      endsAt: iso(slot.endsAt),
      clinicName: where?.name ?? '',
      place: where?.place ?? '',
      cannotChange: change.ok ? null : change.reason,
    };
  });
}
