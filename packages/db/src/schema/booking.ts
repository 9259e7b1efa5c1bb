import { bookingStatuses } from '@harbour/domain/booking/clinic';
import { healthNeedCodes } from '@harbour/domain/health/catalogue';
import { healthEntryKinds } from '@harbour/domain/health/entries';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, instant, version } from './columns.ts';
import { entryStatus } from './clinical-event.ts';
import { organisation } from './organisation.ts';
import { person } from './person.ts';
import { staff } from './staff.ts';

export const healthNeed = pgEnum('health_need', healthNeedCodes);
export const bookingStatus = pgEnum('booking_status', bookingStatuses);
export const healthEntryKind = pgEnum('health_entry_kind', healthEntryKinds);

/**
 * A clinic: a place where health checks are done (docs/booking.md). Sessions and slots hang from it; nothing is
 * deleted: a clinic that closes is marked inactive and its past bookings stay readable.
 */
export const clinic = pgTable(
  'clinic',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    name: text().notNull(),
    /** Where it is, as shown to the person. */
    place: text().notNull(),
    active: boolean().notNull().default(true),
    createdBy: uuid().references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.organisationId, t.name)],
);

/** A clinic on one occasion: its times, the checks it offers (health need codes) and the staff running it. */
export const clinicSession = pgTable(
  'clinic_session',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    clinicId: uuid()
      .notNull()
      .references(() => clinic.id),
    startsAt: instant().notNull(),
    endsAt: instant().notNull(),
    checks: healthNeed().array().notNull(),
    staffIds: uuid().array().notNull(),
    createdBy: uuid().references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.organisationId, t.startsAt),
    check('clinic_session_times', sql`${t.endsAt} > ${t.startsAt}`),
    check('clinic_session_checks', sql`cardinality(${t.checks}) > 0 and cardinality(${t.staffIds}) > 0`),
  ],
);

/** A time in a session and how many people may book it. */
export const clinicSlot = pgTable(
  'clinic_slot',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    sessionId: uuid()
      .notNull()
      .references(() => clinicSession.id),
    startsAt: instant().notNull(),
    endsAt: instant().notNull(),
    capacity: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.organisationId, t.startsAt),
    index().on(t.sessionId),
    check('clinic_slot_times', sql`${t.endsAt} > ${t.startsAt}`),
    check('clinic_slot_capacity', sql`${t.capacity} between 1 and 50`),
  ],
);

/**
 * A person's booking of a slot for one health need: its current version. **Never two people in one place**: an
 * open booking holds a numbered `place` in its slot (1 to the slot's capacity, a trigger checks the upper bound),
 * and a unique index allows each place of a slot to be held once; the service also locks the slot row while it
 * checks and books. A booking that is no longer open gives its place up (`place` null). Every version is kept in
 * `booking_version`.
 */
export const booking = pgTable(
  'booking',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    personId: uuid()
      .notNull()
      .references(() => person.id),
    slotId: uuid()
      .notNull()
      .references(() => clinicSlot.id),
    need: healthNeed().notNull(),
    status: bookingStatus().notNull().default('booked'),
    /** Its place in the slot while open (1…capacity); null once cancelled, attended or missed. */
    place: integer(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: instant().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('booking_one_per_place')
      .on(t.slotId, t.place)
      .where(sql`${t.status} = 'booked'`),
    uniqueIndex('booking_person_once_per_slot')
      .on(t.slotId, t.personId)
      .where(sql`${t.status} = 'booked'`),
    // One open booking per person and check (the domain's rule, held here too against a double submit).
    uniqueIndex('booking_person_once_per_need')
      .on(t.personId, t.need)
      .where(sql`${t.status} = 'booked'`),
    index().on(t.organisationId, t.personId, t.status),
    check('booking_place_when_open', sql`(${t.status} = 'booked') = (${t.place} is not null)`),
    check('booking_place_positive', sql`${t.place} is null or ${t.place} >= 1`),
  ],
);

/** Every version of every booking as written (booked, moved, cancelled, attended, missed), who and why. */
export const bookingVersion = pgTable(
  'booking_version',
  {
    bookingId: uuid()
      .notNull()
      .references(() => booking.id),
    version: integer().notNull(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    personId: uuid()
      .notNull()
      .references(() => person.id),
    slotId: uuid()
      .notNull()
      .references(() => clinicSlot.id),
    need: healthNeed().notNull(),
    status: bookingStatus().notNull(),
    /** The member of staff who made this version; null when the person did (self-check) or a job did. */
    changedBy: uuid().references(() => staff.id),
    /** `person`, `staff` or `system`: who acted. */
    changedByKind: text().notNull(),
    reason: text().notNull(),
    recordedAt: instant().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.bookingId, t.version] }), index().on(t.organisationId)],
);

export const reminderStatuses = ['pending', 'sent', 'cancelled', 'failed'] as const;
export const reminderStatus = pgEnum('reminder_status', reminderStatuses);

/**
 * The reminders outbox: one row per reminder to send, written in the booking's transaction (so a booking never
 * exists without its reminders, nor a cancelled one with them), sent later by the job (apps/server/src/jobs).
 * A row carries the booking's version: a reminder for a version since changed is cancelled, not sent.
 */
export const reminderOutbox = pgTable(
  'reminder_outbox',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    bookingId: uuid()
      .notNull()
      .references(() => booking.id),
    bookingVersion: integer().notNull(),
    personId: uuid()
      .notNull()
      .references(() => person.id),
    sendAt: instant().notNull(),
    status: reminderStatus().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    sentAt: instant(),
    lastError: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index('reminder_outbox_due')
      .on(t.sendAt)
      .where(sql`${t.status} = 'pending'`),
    index().on(t.bookingId),
    index().on(t.organisationId),
  ],
);

/**
 * What staff record against a health need, to an outcome (@harbour/domain/health/entries): a test result, a
 * vaccine dose, a referral, a check done, or a decline. A correction is a new version (`health_entry_version`
 * keeps each), or the entry is struck out (entered in error), never overwritten.
 */
export const healthEntry = pgTable(
  'health_entry',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    personId: uuid()
      .notNull()
      .references(() => person.id),
    need: healthNeed().notNull(),
    kind: healthEntryKind().notNull(),
    on: date({ mode: 'string' }).notNull(),
    result: text(),
    note: text(),
    /** The booking it was done at, if any (marks the booking attended). */
    bookingId: uuid().references(() => booking.id),
    status: entryStatus().notNull().default('active'),
    recordedBy: uuid()
      .notNull()
      .references(() => staff.id),
    recordedAt: instant().notNull().defaultNow(),
    version: version(),
  },
  (t) => [index().on(t.organisationId, t.personId, t.need)],
);

/** Every version of every health entry, with the reason for each change. Append-only. */
export const healthEntryVersion = pgTable(
  'health_entry_version',
  {
    entryId: uuid()
      .notNull()
      .references(() => healthEntry.id),
    version: integer().notNull(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    personId: uuid()
      .notNull()
      .references(() => person.id),
    need: healthNeed().notNull(),
    kind: healthEntryKind().notNull(),
    on: date({ mode: 'string' }).notNull(),
    result: text(),
    note: text(),
    status: entryStatus().notNull(),
    reason: text().notNull(),
    recordedBy: uuid()
      .notNull()
      .references(() => staff.id),
    recordedAt: instant().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.version] }), index().on(t.organisationId)],
);
