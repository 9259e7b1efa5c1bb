import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    /**
     * The organisation's duty team: its list is the duty queue, where the self-check's anonymous "ask someone
     * to contact me" requests arrive as tasks (and an urgent self-assessment of someone with no open episode).
     * At most one per organisation; with none marked, the earliest team created is the duty team
     * (`dutyTeamId`, packages/db/src/tasks/store.ts).
     */
    duty: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.organisationId, t.serviceId),
    uniqueIndex('team_one_duty_team')
      .on(t.organisationId)
      .where(sql`${t.duty}`),
  ],
);
