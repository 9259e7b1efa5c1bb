import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';

/** The tenant. Every other table carries `organisation_id`. */
export const organisation = pgTable('organisation', {
  id: id(),
  name: text().notNull(),
  odsCode: text(),
  createdAt: createdAt(),
});

export const service = pgTable(
  'service',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    name: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.organisationId)],
);

export const team = pgTable(
  'team',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    serviceId: uuid()
      .notNull()
      .references(() => service.id),
    name: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.organisationId, t.serviceId)],
);
