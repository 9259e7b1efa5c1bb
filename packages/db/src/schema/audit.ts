import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, instant } from './columns.ts';
import { organisation } from './organisation.ts';

/**
 * One row per read or write of a person's record, written in the same transaction as the action.
 * Identifiers only: no names, no clinical content, no search terms (security.md promises 3 and 12).
 */
export const auditEvent = pgTable(
  'audit_event',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    actorId: uuid(),
    actorRole: text(),
    personId: uuid(),
    action: text().notNull(),
    procedure: text().notNull(),
    accessBasis: text(),
    reason: text(),
    outcome: text().notNull(),
    requestId: text(),
    occurredAt: instant().notNull().defaultNow(),
  },
  (t) => [index().on(t.organisationId, t.personId, t.occurredAt), index().on(t.occurredAt)],
);
