import type { ProtocolChecklist } from '@harbour/domain/protocol/overdose-protocol';
import { check, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id } from './columns.ts';
import { organisation } from './organisation.ts';
import { staff } from './staff.ts';

/**
 * A service's overdose-risk protocol (issue 9; @harbour/domain/protocol): each row is one version of its
 * checklists, in force from `effective_from` until a higher version's day comes. Rows are never changed or
 * deleted (the application role may only insert them): a change is the next version, with who published it
 * and a note of what changed, so what staff were shown on any day can be read back. A service with no row
 * works to Harbour's default.
 */
export const overdoseProtocolVersion = pgTable(
  'overdose_protocol_version',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    version: integer().notNull(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    checklists: jsonb().$type<ProtocolChecklist[]>().notNull(),
    changeNote: text().notNull(),
    publishedBy: uuid()
      .notNull()
      .references(() => staff.id),
    publishedAt: createdAt(),
  },
  (t) => [
    uniqueIndex('overdose_protocol_version_once').on(t.organisationId, t.version),
    index().on(t.organisationId, t.effectiveFrom),
    check('overdose_protocol_version_positive', sql`${t.version} > 0`),
  ],
);
