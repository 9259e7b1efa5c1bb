import type { Actor } from '@harbour/domain/access/policy';
import { missedBooking } from '@harbour/domain/booking/changes';
import { londonDate } from '@harbour/domain/dates';
import { DomainError, notFound } from '@harbour/domain/errors';
import { healthNeedDefinition, type HealthNeedCode } from '@harbour/domain/health/catalogue';
import type { BookingStatus } from '@harbour/domain/booking/clinic';
import type { SessionSetup } from '@harbour/domain/booking/setup';
import { slotTimes } from '@harbour/domain/booking/setup';
import { taskFromFollowUp } from '@harbour/domain/tasks/from-follow-up';
import type { Database } from '@harbour/db/client';
import { closeBooking } from '@harbour/db/booking/store';
import { booking, clinic, clinicSession, clinicSlot } from '@harbour/db/schema/booking';
import { person } from '@harbour/db/schema/person';
import { staff } from '@harbour/db/schema/staff';
import { task } from '@harbour/db/schema/task';
import { assigneeContext, taskInsert } from '@harbour/db/tasks/store';
import { withTenant } from '@harbour/db/tenant';
import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import { writeAudit } from '../audit/write-audit.ts';
import { bookingOf, cancelReminders, iso, slotOf } from './booking-context.ts';
import { personWrite, type Outcome, type WriteContext } from './person-write.ts';
import { refusedEntry } from './record-event.ts';

/**
 * Clinics for health checks, run by staff (issue 11, docs/booking.md): Priya sets up a clinic, then sessions
 * (a day, times, the checks offered, the staff) whose slots are cut from the session's length; the clinic list
 * shows each session to come with its slots and who is booked. After a slot, staff record whether the person
 * came: attended, or missed, which opens an outreach task for their keyworker (domain `missedBooking`), never a
 * removal. Lists are audited as one `list` row (like the caseload); a booking's outcome on the person's record.
 */

export interface ClinicView {
  id: string;
  name: string;
  place: string;
}

export interface ClinicBookingView {
  id: string;
  version: number;
  personId: string;
  personName: string;
  personReference: string;
  need: HealthNeedCode;
  needName: string;
  status: BookingStatus;
}

export interface ClinicSessionView {
  id: string;
  clinicId: string;
  clinicName: string;
  place: string;
  startsAt: string;
  endsAt: string;
  checks: { code: HealthNeedCode; name: string }[];
  staffNames: string[];
  slots: { id: string; startsAt: string; endsAt: string; capacity: number; bookings: ClinicBookingView[] }[];
}

export interface ClinicList {
  clinics: ClinicView[];
  sessions: ClinicSessionView[];
}

const tenantOf = (actor: Actor) => ({ organisationId: actor.organisationId, actorId: actor.staffId });

/** The clinics, and every session from today on with its slots and bookings (open and closed), soonest first. */
export async function listClinics(db: Database, actor: Actor, context: WriteContext): Promise<ClinicList> {
  return withTenant(db, tenantOf(actor), async (tx) => {
    const clinics = await tx
      .select({ id: clinic.id, name: clinic.name, place: clinic.place })
      .from(clinic)
      .where(and(eq(clinic.organisationId, actor.organisationId), eq(clinic.active, true)))
      .orderBy(asc(clinic.name));
    const from = new Date(`${londonDate(context.now)}T00:00:00Z`).getTime() - 3_600_000;
    const sessions = await tx
      .select({ session: clinicSession, clinic })
      .from(clinicSession)
      .innerJoin(clinic, eq(clinic.id, clinicSession.clinicId))
      .where(
        and(
          eq(clinicSession.organisationId, actor.organisationId),
          gte(clinicSession.endsAt, new Date(from).toISOString()),
        ),
      )
      .orderBy(asc(clinicSession.startsAt))
      .limit(200);
    const sessionIds = sessions.map((s) => s.session.id);
    const slots =
      sessionIds.length === 0
        ? []
        : await tx
            .select()
            .from(clinicSlot)
            .where(
              and(
                eq(clinicSlot.organisationId, actor.organisationId),
                inArray(clinicSlot.sessionId, sessionIds),
              ),
            )
            .orderBy(asc(clinicSlot.startsAt));
    const slotIds = slots.map((s) => s.id);
    const bookings =
      slotIds.length === 0
        ? []
        : await tx
            .select({
              booking,
              givenName: person.givenName,
              familyName: person.familyName,
              reference: person.reference,
            })
            .from(booking)
            .innerJoin(person, eq(person.id, booking.personId))
            .where(and(eq(booking.organisationId, actor.organisationId), inArray(booking.slotId, slotIds)))
            .orderBy(asc(booking.createdAt));
    const staffIds = [...new Set(sessions.flatMap((s) => s.session.staffIds))];
    const names =
      staffIds.length === 0
        ? []
        : await tx
            .select({ id: staff.id, name: staff.displayName })
            .from(staff)
            .where(and(eq(staff.organisationId, actor.organisationId), inArray(staff.id, staffIds)));
    await writeAudit(tx, {
      actor,
      personId: null,
      action: 'list',
      procedure: 'clinics.list',
      requestId: context.requestId,
      basis: null,
      outcome: 'allowed',
    });
    return {
      clinics,
      sessions: sessions.map(({ session: s, clinic: c }) => ({
        id: s.id,
        clinicId: c.id,
        clinicName: c.name,
        place: c.place,
        startsAt: iso(s.startsAt),
        endsAt: iso(s.endsAt),
        checks: s.checks.map((code) => ({ code, name: healthNeedDefinition(code).name })),
        staffNames: s.staffIds.map((id) => names.find((n) => n.id === id)?.name ?? 'Unknown'),
        slots: slots
          .filter((slot) => slot.sessionId === s.id)
          .map((slot) => ({
            id: slot.id,
            startsAt: iso(slot.startsAt),
            endsAt: iso(slot.endsAt),
            capacity: slot.capacity,
            bookings: bookings
              .filter((b) => b.booking.slotId === slot.id)
              .map((b) => ({
                id: b.booking.id,
                version: b.booking.version,
                personId: b.booking.personId,
                personName: `${b.givenName} ${b.familyName}`,
                personReference: b.reference,
                need: b.booking.need,
                needName: healthNeedDefinition(b.booking.need).name,
                status: b.booking.status,
              })),
          })),
      })),
    };
  });
}

/** A new clinic: a name and where it is. */
export async function createClinic(
  db: Database,
  actor: Actor,
  input: { name: string; place: string },
  context: WriteContext,
): Promise<{ id: string }> {
  return withTenant(db, tenantOf(actor), async (tx) => {
    const [row] = await tx
      .insert(clinic)
      .values({
        organisationId: actor.organisationId,
        name: input.name,
        place: input.place,
        createdBy: actor.staffId,
      })
      .returning({ id: clinic.id });
    if (!row) throw new Error('createClinic: no row');
    await writeAudit(tx, {
      actor,
      personId: null,
      action: 'create',
      procedure: 'clinics.createClinic',
      requestId: context.requestId,
      basis: null,
      outcome: 'allowed',
    });
    return row;
  });
}

/**
 * A session of a clinic with its slots, cut from its times (`slotTimes`), each of the capacity given. The staff
 * named must be active members of the organisation; the clinic must be its own.
 */
export async function createSession(
  db: Database,
  actor: Actor,
  input: SessionSetup,
  context: WriteContext,
): Promise<{ id: string; slots: number }> {
  const times = slotTimes(input);
  return withTenant(db, tenantOf(actor), async (tx) => {
    const [found] = await tx
      .select({ id: clinic.id })
      .from(clinic)
      .where(
        and(
          eq(clinic.id, input.clinicId),
          eq(clinic.organisationId, actor.organisationId),
          eq(clinic.active, true),
        ),
      );
    if (!found)
      throw new DomainError('INVALID_INPUT', 'Choose a clinic', [
        { path: ['clinicId'], message: 'Choose a clinic' },
      ]);
    const members = await tx
      .select({ id: staff.id })
      .from(staff)
      .where(
        and(
          eq(staff.organisationId, actor.organisationId),
          eq(staff.active, true),
          inArray(staff.id, input.staffIds),
        ),
      );
    if (members.length !== new Set(input.staffIds).size)
      throw new DomainError('INVALID_INPUT', 'Choose who runs the session', [
        { path: ['staffIds'], message: 'Choose active members of staff' },
      ]);
    const [session] = await tx
      .insert(clinicSession)
      .values({
        organisationId: actor.organisationId,
        clinicId: found.id,
        startsAt: times.startsAt,
        endsAt: times.endsAt,
        checks: [...new Set(input.checks)],
        staffIds: [...new Set(input.staffIds)],
        createdBy: actor.staffId,
      })
      .returning({ id: clinicSession.id });
    if (!session) throw new Error('createSession: no row');
    await tx.insert(clinicSlot).values(
      times.slots.map((slot) => ({
        organisationId: actor.organisationId,
        sessionId: session.id,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        capacity: input.capacity,
      })),
    );
    await writeAudit(tx, {
      actor,
      personId: null,
      action: 'create',
      procedure: 'clinics.createSession',
      requestId: context.requestId,
      basis: null,
      outcome: 'allowed',
    });
    return { id: session.id, slots: times.slots.length };
  });
}

/**
 * Records whether the person came to a booking once its slot has ended: `attended`, or `missed`, which opens an
 * outreach task for their keyworker through the task store (never a removal: the need stays due). On the
 * person's record: whoever may write to it; audited, refusals included.
 */
export async function recordAttendance(
  db: Database,
  actor: Actor,
  input: { personId: string; bookingId: string; expectedVersion: number; outcome: 'attended' | 'missed' },
  context: WriteContext,
): Promise<{ id: string; version: number; taskId: string | null }> {
  let refusal: DomainError | null = null;
  const value = await personWrite(
    db,
    actor,
    { personId: input.personId, action: 'amend', procedure: 'clinics.recordAttendance' },
    context,
    async ({ tx, audit }): Promise<Outcome<{ id: string; version: number; taskId: string | null }>> => {
      try {
        const [row] = await tx
          .select({ booking, slot: clinicSlot })
          .from(booking)
          .innerJoin(clinicSlot, eq(clinicSlot.id, booking.slotId))
          .where(
            and(
              eq(booking.id, input.bookingId),
              eq(booking.organisationId, actor.organisationId),
              eq(booking.personId, input.personId),
            ),
          );
        if (!row) throw notFound('Booking');
        if (row.booking.status !== 'booked' || row.booking.version !== input.expectedVersion)
          throw new DomainError('CONFLICT', 'This booking was changed by someone else: reload to see it');
        if (Date.parse(iso(row.slot.endsAt)) > context.now.getTime())
          throw new DomainError('RULE_REFUSED', 'Record this after the appointment has ended', [
            { path: ['outcome'], message: 'The appointment has not ended yet' },
          ]);
        // The booking is closed first: a conflict then leaves nothing written (no task for a booking not missed).
        const closed = await closeBooking(
          tx,
          row.booking,
          input.outcome,
          input.expectedVersion,
          { kind: 'staff', staffId: actor.staffId },
          input.outcome === 'missed' ? 'did not come: outreach task opened' : 'came to the appointment',
          context.now,
        );
        if (!closed)
          throw new DomainError('CONFLICT', 'This booking was changed by someone else: reload to see it');
        let taskId: string | null = null;
        if (input.outcome === 'missed') {
          const missed = missedBooking(bookingOf(row.booking), slotOf(row.slot), context.now.toISOString());
          const today = londonDate(context.now);
          const assignees = await assigneeContext(tx, actor.organisationId, input.personId);
          for (const followUp of missed.followUps) {
            if (followUp.type !== 'task') continue;
            const open = taskFromFollowUp(followUp, { personId: input.personId, raisedOn: today });
            const [t] = await tx
              .insert(task)
              .values(taskInsert(open, actor.organisationId, today, assignees))
              .returning({ id: task.id });
            taskId = t?.id ?? null;
          }
        }
        await cancelReminders(tx, actor.organisationId, closed.id);
        await writeAudit(tx, { ...audit, outcome: 'allowed' });
        return { kind: 'ok', value: { id: closed.id, version: closed.version, taskId } };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        await writeAudit(tx, {
          ...refusedEntry(audit),
          reason: `booking not changed: ${error.code.toLowerCase()}`,
        });
        refusal = error;
        return { kind: 'ok', value: { id: input.bookingId, version: input.expectedVersion, taskId: null } };
      }
    },
  );
  if (refusal) throw refusal;
  return value;
}
