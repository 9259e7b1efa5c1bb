import type { HealthNeedCode } from '@harbour/domain/health/catalogue';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { organisationIds } from '../risk/sweep.ts';
import { booking, clinic, clinicSession, clinicSlot, reminderOutbox } from '../schema/booking.ts';
import { withTenant } from '../tenant.ts';

/**
 * Sending booking reminders from the outbox (schema/booking.ts `reminder_outbox`): the rows were written in the
 * booking's own transaction; this sends those due, through whatever sender the server is given (a logging one
 * in development, an SMS or email gateway in a deployment), and records what happened to each. A reminder for a
 * booking since moved, cancelled or closed is cancelled, never sent. Rows are claimed with `FOR UPDATE SKIP
 * LOCKED`, so two servers never send one reminder twice; a failed send is retried on the next run, up to
 * `MAX_ATTEMPTS` times, then marked failed.
 */

/** One reminder to send: who, and what to say (the check's code; the sender words it). */
export interface ReminderMessage {
  reminderId: string;
  organisationId: string;
  personId: string;
  bookingId: string;
  need: HealthNeedCode;
  startsAt: string;
  clinicName: string;
  place: string;
}

/** Where reminders go. `send` resolves once the message is handed over, or throws (it is tried again later). */
export interface ReminderSender {
  send(message: ReminderMessage): Promise<void>;
}

export const MAX_ATTEMPTS = 5;

export interface ReminderRunOutcome {
  sent: number;
  cancelled: number;
  failed: number;
}

const iso = (value: string): string => new Date(value).toISOString();

/** Sends every due reminder of every organisation, each organisation in its own tenant transaction. */
export async function sendDueReminders(
  db: Database,
  sender: ReminderSender,
  now: Date,
  limit = 500,
): Promise<ReminderRunOutcome> {
  const total: ReminderRunOutcome = { sent: 0, cancelled: 0, failed: 0 };
  for (const organisationId of await organisationIds(db)) {
    const outcome = await withTenant(db, { organisationId, actorId: null }, async (tx) => {
      const due = await tx
        .select({ reminder: reminderOutbox, booking, slot: clinicSlot, clinic })
        .from(reminderOutbox)
        .innerJoin(booking, eq(booking.id, reminderOutbox.bookingId))
        .innerJoin(clinicSlot, eq(clinicSlot.id, booking.slotId))
        .innerJoin(clinicSession, eq(clinicSession.id, clinicSlot.sessionId))
        .innerJoin(clinic, eq(clinic.id, clinicSession.clinicId))
        .where(
          and(
            eq(reminderOutbox.organisationId, organisationId),
            eq(reminderOutbox.status, 'pending'),
            lte(reminderOutbox.sendAt, now.toISOString()),
          ),
        )
        .orderBy(asc(reminderOutbox.sendAt))
        .limit(limit)
        .for('update', { of: reminderOutbox, skipLocked: true });
      const result: ReminderRunOutcome = { sent: 0, cancelled: 0, failed: 0 };
      for (const row of due) {
        const r = row.reminder;
        const stale =
          row.booking.status !== 'booked' ||
          row.booking.version !== r.bookingVersion ||
          Date.parse(iso(row.slot.startsAt)) <= now.getTime();
        if (stale) {
          await tx.update(reminderOutbox).set({ status: 'cancelled' }).where(eq(reminderOutbox.id, r.id));
          result.cancelled++;
          continue;
        }
        try {
          await sender.send({
            reminderId: r.id,
            organisationId,
            personId: r.personId,
            bookingId: r.bookingId,
            need: row.booking.need,
            startsAt: iso(row.slot.startsAt),
            clinicName: row.clinic.name,
            place: row.clinic.place,
          });
          await tx
            .update(reminderOutbox)
            .set({ status: 'sent', sentAt: now.toISOString(), attempts: sql`${reminderOutbox.attempts} + 1` })
            .where(eq(reminderOutbox.id, r.id));
          result.sent++;
        } catch (error) {
          const attempts = r.attempts + 1;
          await tx
            .update(reminderOutbox)
            .set({
              attempts,
              status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
              // The error's kind only: a gateway's message may echo the phone number or the text.
              lastError: error instanceof Error ? error.name : 'unknown',
            })
            .where(eq(reminderOutbox.id, r.id));
          if (attempts >= MAX_ATTEMPTS) result.failed++;
        }
      }
      return result;
    });
    total.sent += outcome.sent;
    total.cancelled += outcome.cancelled;
    total.failed += outcome.failed;
  }
  return total;
}
