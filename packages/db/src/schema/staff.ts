import { staffRoles } from '@harbour/domain/staff';
import { boolean, index, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { organisation, team } from './organisation.ts';

export const staffRole = pgEnum('staff_role', staffRoles);

export const staff = pgTable(
  'staff',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    displayName: text().notNull(),
    email: text().notNull(),
    role: staffRole().notNull(),
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
  },
  // An address is unique within an organisation, not across them: one person may work for two, and an
  // administrator must not learn, by being refused it, that an address is in use elsewhere (docs/security.md).
  (t) => [uniqueIndex().on(t.organisationId, t.email), index().on(t.email)],
);

/** Which teams a member of staff belongs to (their legitimate relationship to a team's caseload). */
export const teamMembership = pgTable(
  'team_membership',
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    teamId: uuid()
      .notNull()
      .references(() => team.id),
    staffId: uuid()
      .notNull()
      .references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.staffId] }), index().on(t.staffId)],
);
