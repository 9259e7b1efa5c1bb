import { clinicalEventTypes } from '@harbour/domain/events';
import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, instant, version } from './columns.ts';
import { treatmentEpisode } from './episode.ts';
import { organisation } from './organisation.ts';
import { person } from './person.ts';
import { staff } from './staff.ts';

export const clinicalEventType = pgEnum('clinical_event_type', clinicalEventTypes as [string, ...string[]]);

/** An entry counts (`active`) or was entered in error: kept, struck out in the history, and no longer scored. */
export const entryStatuses = ['active', 'entered_in_error'] as const;
export const entryStatus = pgEnum('entry_status', entryStatuses);

/**
 * A dated clinical event: its current version. `details` is validated by the domain's per-type schema before it
 * is written (`EventPayload` in @harbour/domain/events). An amendment bumps `version` only if nobody else has
 * since the writer read it (optimistic concurrency), and every version, the first included, is kept in
 * `clinical_event_version`: nothing is overwritten without its earlier form staying readable.
 */
export const clinicalEvent = pgTable(
  'clinical_event',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    personId: uuid()
      .notNull()
      .references(() => person.id),
    episodeId: uuid().references(() => treatmentEpisode.id),
    type: clinicalEventType().notNull(),
    occurredOn: date({ mode: 'string' }).notNull(),
    details: jsonb().notNull(),
    status: entryStatus().notNull().default('active'),
    recordedBy: uuid().references(() => staff.id),
    recordedAt: instant().notNull().defaultNow(),
    /** The form's key: a submission sent twice records one event (security.md promise 9). */
    idempotencyKey: uuid(),
    version: version(),
    createdAt: createdAt(),
  },
  // The caseload reads "latest event of a type for a person": one index serves last contact and current OST.
  (t) => [
    index().on(t.personId, t.type, t.occurredOn.desc()),
    index().on(t.organisationId),
    uniqueIndex()
      .on(t.organisationId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
  ],
);

/**
 * Every version of every event, as written: the first when it was recorded, then one per amendment with the
 * reason for it and who made it. Append-only (a trigger refuses UPDATE and DELETE; migration 0005).
 */
export const clinicalEventVersion = pgTable(
  'clinical_event_version',
  {
    eventId: uuid()
      .notNull()
      .references(() => clinicalEvent.id),
    version: integer().notNull(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    personId: uuid()
      .notNull()
      .references(() => person.id),
    type: clinicalEventType().notNull(),
    occurredOn: date({ mode: 'string' }).notNull(),
    details: jsonb().notNull(),
    status: entryStatus().notNull(),
    /** Why this version replaced the one before (null for the first version). */
    reason: text(),
    writtenBy: uuid().references(() => staff.id),
    writtenAt: instant().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.version] }), index().on(t.organisationId, t.personId)],
);
