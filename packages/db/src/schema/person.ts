import { sexes } from '@harbour/domain/person';
import { date, index, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, version } from './columns.ts';
import { organisation } from './organisation.ts';

export const sex = pgEnum('sex', sexes);

/** A service user. `reference` is the pseudonymous handle staff quote; names never leave the record. */
export const person = pgTable(
  'person',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    reference: text().notNull(),
    givenName: text().notNull(),
    familyName: text().notNull(),
    dateOfBirth: date({ mode: 'string' }).notNull(),
    sex: sex().notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: instant().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.organisationId, t.reference),
    index().on(t.organisationId, t.familyName, t.givenName),
  ],
);
