import { factKinds } from '@harbour/domain/record/facts';
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
import { organisation } from './organisation.ts';
import { person } from './person.ts';
import { staff } from './staff.ts';

export const factKind = pgEnum('fact_kind', factKinds as [string, ...string[]]);

/**
 * A person's current fact of one kind (drug use, housing, an alcohol screen…: `FactPayload` in
 * @harbour/domain/record/facts): one row per person and kind, its latest version. A change names the version it
 * replaces (a stale one is a conflict) and every version is kept in `person_fact_version`.
 */
export const personFact = pgTable(
  'person_fact',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    personId: uuid()
      .notNull()
      .references(() => person.id),
    kind: factKind().notNull(),
    details: jsonb().notNull(),
    /** The day the fact was found to be true. */
    recordedOn: date({ mode: 'string' }).notNull(),
    recordedBy: uuid().references(() => staff.id),
    recordedAt: instant().notNull().defaultNow(),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex().on(t.personId, t.kind), index().on(t.organisationId)],
);

/** Every version of every current fact, with the reason for each change. Append-only (migration 0005). */
export const personFactVersion = pgTable(
  'person_fact_version',
  {
    factId: uuid()
      .notNull()
      .references(() => personFact.id),
    version: integer().notNull(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    personId: uuid()
      .notNull()
      .references(() => person.id),
    kind: factKind().notNull(),
    details: jsonb().notNull(),
    recordedOn: date({ mode: 'string' }).notNull(),
    reason: text(),
    writtenBy: uuid().references(() => staff.id),
    writtenAt: instant().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.factId, t.version] }), index().on(t.organisationId, t.personId)],
);
