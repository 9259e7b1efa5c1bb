import type { Actor } from '@harbour/domain/access/policy';
import { DomainError, notFound } from '@harbour/domain/errors';
import { healthNeedDefinition, type HealthNeedCode } from '@harbour/domain/health/catalogue';
import {
  entryKindsFor,
  HealthEntry,
  resultOptions,
  type HealthEntryInput,
  type HealthEntryKind,
} from '@harbour/domain/health/entries';
import type { HealthNeed } from '@harbour/domain/health/needs';
import type { CalendarDate } from '@harbour/domain/ids';
import { londonDate } from '@harbour/domain/dates';
import type { Database } from '@harbour/db/client';
import { closeBooking } from '@harbour/db/booking/store';
import { booking, clinicSlot, healthEntry, healthEntryVersion } from '@harbour/db/schema/booking';
import { staff } from '@harbour/db/schema/staff';
import { and, desc, eq, gte, sql } from 'drizzle-orm';
import { writeAudit } from '../audit/write-audit.ts';
import { cancelReminders, iso } from './booking-context.ts';
import { personHealth } from './health-facts.ts';
import { personWrite, type Outcome, type WriteContext } from './person-write.ts';
import { refusedEntry } from './record-event.ts';

/**
 * A person's health needs for staff (issue 11): every need in the catalogue with its status and due dates, what
 * was recorded against each (results, vaccines, referrals, checks, declines), their bookings to come, and the
 * choices for recording an outcome. Recording writes a health entry with its first version (a correction is a
 * new entry; nothing is overwritten) and, when it was done at one of their bookings, marks that booking
 * attended. Read by whoever may open the record, written by whoever may write to it; each call audited.
 */

export interface HealthEntryView {
  id: string;
  version: number;
  need: HealthNeedCode;
  kind: HealthEntryKind;
  on: CalendarDate;
  result: string | null;
  resultLabel: string | null;
  note: string | null;
  recordedByName: string;
}

export interface NeedView extends HealthNeed {
  /** What may be recorded for it: the kinds of entry, and a test's results. */
  kinds: HealthEntryKind[];
  results: { value: string; label: string }[];
}

export interface PersonHealthView {
  today: CalendarDate;
  needs: NeedView[];
  entries: HealthEntryView[];
  bookings: {
    id: string;
    version: number;
    need: HealthNeedCode;
    needName: string;
    startsAt: string;
    endsAt: string;
  }[];
}

/** The version row of a health entry as it now stands (entries are never overwritten: every change is a version). */
function versionOf(
  row: typeof healthEntry.$inferSelect,
  reason: string,
  recordedBy: string,
  recordedAt: string,
): typeof healthEntryVersion.$inferInsert {
  const { id, version, organisationId, personId, need, kind, on, result, note, status } = row;
  return {
    entryId: id,
    version,
    organisationId,
    personId,
    need,
    kind,
    on,
    result,
    note,
    status,
    reason,
    recordedBy,
    recordedAt,
  };
}

export async function getPersonHealth(
  db: Database,
  actor: Actor,
  personId: string,
  context: WriteContext,
): Promise<PersonHealthView> {
  const request = { personId, action: 'view', procedure: 'health.forPerson', mode: 'read' } as const;
  return personWrite(
    db,
    actor,
    request,
    context,
    async ({ tx, access }): Promise<Outcome<PersonHealthView>> => {
      const { today, needs } = await personHealth(tx, actor.organisationId, personId, context.now);
      const entries = await tx
        .select({ entry: healthEntry, recordedByName: staff.displayName })
        .from(healthEntry)
        .innerJoin(staff, eq(staff.id, healthEntry.recordedBy))
        .where(
          and(
            eq(healthEntry.organisationId, actor.organisationId),
            eq(healthEntry.personId, personId),
            eq(healthEntry.status, 'active'),
          ),
        )
        .orderBy(desc(healthEntry.on), desc(healthEntry.recordedAt))
        .limit(500);
      const bookings = await tx
        .select({ booking, slot: clinicSlot })
        .from(booking)
        .innerJoin(clinicSlot, eq(clinicSlot.id, booking.slotId))
        .where(
          and(
            eq(booking.organisationId, actor.organisationId),
            eq(booking.personId, personId),
            eq(booking.status, 'booked'),
            gte(clinicSlot.endsAt, new Date(context.now.getTime() - 7 * 86_400_000).toISOString()),
          ),
        )
        .orderBy(clinicSlot.startsAt);
      await writeAudit(tx, {
        actor,
        personId,
        action: 'view',
        procedure: 'health.forPerson',
        requestId: context.requestId,
        basis: access.basis,
        outcome: 'allowed',
      });
      return {
        kind: 'ok',
        value: {
          today,
          needs: needs.map((n) => ({
            ...n,
            kinds: entryKindsFor(n.code),
            results: [...(resultOptions[n.code] ?? [])],
          })),
          entries: entries.map(({ entry: e, recordedByName }) => ({
            id: e.id,
            version: e.version,
            need: e.need,
            kind: e.kind,
            on: e.on,
            result: e.result,
            resultLabel: resultOptions[e.need]?.find((o) => o.value === e.result)?.label ?? null,
            note: e.note,
            recordedByName,
          })),
          bookings: bookings.map(({ booking: b, slot }) => ({
            id: b.id,
            version: b.version,
            need: b.need,
            needName: healthNeedDefinition(b.need).name,
            startsAt: iso(slot.startsAt),
            endsAt: iso(slot.endsAt),
          })),
        },
      };
    },
  );
}

/**
 * Records an outcome against a need: a result, a dose, a referral, a check done, or a decline. Bad input: a clear
 * error per field, nothing written. A date in the future is refused. With `bookingId`, the booking (the person's
 * own, for this need, still open) is marked attended in the same transaction.
 */
export async function recordHealthEntry(
  db: Database,
  actor: Actor,
  input: { personId: string; entry: HealthEntryInput; bookingId?: string | null | undefined },
  context: WriteContext,
): Promise<{ id: string }> {
  const parsed = HealthEntry.safeParse(input.entry);
  const issues = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: ['entry', ...i.path.map(String)], message: i.message }));
  if (parsed.success && parsed.data.on > londonDate(context.now))
    issues.push({ path: ['entry', 'on'], message: 'The date cannot be in the future' });
  let refusal: DomainError | null = null;
  const request = { personId: input.personId, action: 'create', procedure: 'health.recordEntry' } as const;
  const value = await personWrite(
    db,
    actor,
    request,
    context,
    async ({ tx, audit }): Promise<Outcome<{ id: string }>> => {
      if (!parsed.success || issues.length > 0) {
        await writeAudit(tx, refusedEntry(audit));
        return { kind: 'invalid', issues };
      }
      const entry = parsed.data;
      try {
        let bookingId: string | null = null;
        if (input.bookingId) {
          const [b] = await tx
            .select()
            .from(booking)
            .where(
              and(
                eq(booking.id, input.bookingId),
                eq(booking.organisationId, actor.organisationId),
                eq(booking.personId, input.personId),
              ),
            );
          if (!b) throw notFound('Booking');
          if (b.need !== entry.need || b.status !== 'booked')
            throw new DomainError('INVALID_INPUT', 'The entry is not valid', [
              { path: ['bookingId'], message: 'That booking is not open for this check' },
            ]);
          const closed = await closeBooking(
            tx,
            b,
            'attended',
            b.version,
            { kind: 'staff', staffId: actor.staffId },
            'came: outcome recorded',
            context.now,
          );
          if (!closed)
            throw new DomainError('CONFLICT', 'This booking was changed by someone else: reload to see it');
          await cancelReminders(tx, actor.organisationId, closed.id);
          bookingId = closed.id;
        }
        const [row] = await tx
          .insert(healthEntry)
          .values({
            organisationId: actor.organisationId,
            personId: input.personId,
            need: entry.need,
            kind: entry.kind,
            on: entry.on,
            result: entry.result,
            note: entry.note,
            bookingId,
            recordedBy: actor.staffId,
            recordedAt: context.now.toISOString(),
          })
          .returning();
        if (!row) throw new Error('recordHealthEntry: no row');
        await tx.insert(healthEntryVersion).values(versionOf(row, 'recorded', actor.staffId, row.recordedAt));
        await writeAudit(tx, { ...audit, outcome: 'allowed' });
        return { kind: 'ok', value: { id: row.id } };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // Thrown before anything was written (the booking is closed only when it is open and unchanged).
        await writeAudit(tx, {
          ...refusedEntry(audit),
          reason: `entry not written: ${error.code.toLowerCase()}`,
        });
        refusal = error;
        return { kind: 'ok', value: { id: '' } };
      }
    },
  );
  if (refusal) throw refusal;
  return value;
}

/**
 * Strikes out an entry recorded in error (the wrong person, a slip): its status becomes `entered_in_error` in a
 * new version with the reason, the first version stays readable, and the need is computed again without it.
 * A stale version is a conflict; nothing is deleted.
 */
export async function strikeOutHealthEntry(
  db: Database,
  actor: Actor,
  input: { personId: string; entryId: string; expectedVersion: number; reason: string },
  context: WriteContext,
): Promise<{ id: string; version: number }> {
  let refusal: DomainError | null = null;
  const value = await personWrite(
    db,
    actor,
    { personId: input.personId, action: 'amend', procedure: 'health.strikeOutEntry' },
    context,
    async ({ tx, audit }): Promise<Outcome<{ id: string; version: number }>> => {
      const [row] = await tx
        .update(healthEntry)
        .set({ status: 'entered_in_error', version: sql`${healthEntry.version} + 1` })
        .where(
          and(
            eq(healthEntry.id, input.entryId),
            eq(healthEntry.organisationId, actor.organisationId),
            eq(healthEntry.personId, input.personId),
            eq(healthEntry.version, input.expectedVersion),
            eq(healthEntry.status, 'active'),
          ),
        )
        .returning();
      if (!row) {
        const [exists] = await tx
          .select({ id: healthEntry.id })
          .from(healthEntry)
          .where(
            and(
              eq(healthEntry.id, input.entryId),
              eq(healthEntry.organisationId, actor.organisationId),
              eq(healthEntry.personId, input.personId),
            ),
          );
        refusal = exists
          ? new DomainError(
              'CONFLICT',
              'Someone else has changed this entry since you opened it: reload to see it',
            )
          : notFound('Health entry');
        await writeAudit(tx, {
          ...refusedEntry(audit),
          reason: `entry not changed: ${refusal.code.toLowerCase()}`,
        });
        return { kind: 'ok', value: { id: input.entryId, version: input.expectedVersion } };
      }
      await tx
        .insert(healthEntryVersion)
        .values(versionOf(row, input.reason, actor.staffId, context.now.toISOString()));
      await writeAudit(tx, { ...audit, outcome: 'allowed' });
      return { kind: 'ok', value: { id: row.id, version: row.version } };
    },
  );
  if (refusal) throw refusal;
  return value;
}
