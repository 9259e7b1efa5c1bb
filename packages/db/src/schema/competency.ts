import { competencyKinds } from '@harbour/domain/competency/competencies';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  index,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { organisation } from './organisation.ts';
import { staff } from './staff.ts';

export const competencyKind = pgEnum('competency_kind', competencyKinds);

/**
 * The staff competency register (issue 9; @harbour/domain/competency): each row is one competency a member of
 * staff achieved, in date up to and including `expires_on`, recorded by an administrator. Rows are never changed
 * or deleted (the application role may only insert them): a renewal is a new row, and a correction is a new row
 * that names the one it replaces (`replaces_id`, at most one replacement each), so the register on any day can be
 * read back as it stood.
 */
export const staffCompetency = pgTable(
  'staff_competency',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    staffId: uuid()
      .notNull()
      .references(() => staff.id),
    kind: competencyKind().notNull(),
    achievedOn: date({ mode: 'string' }).notNull(),
    expiresOn: date({ mode: 'string' }).notNull(),
    recordedBy: uuid()
      .notNull()
      .references(() => staff.id),
    /** The record this one corrects (it no longer counts), or null for a new or renewed competency. */
    replacesId: uuid().references((): AnyPgColumn => staffCompetency.id),
    /** Why a correction was made (what was mis-entered): only on a correction, required for new ones. */
    correctionReason: text(),
    recordedAt: createdAt(),
  },
  (t) => [
    index().on(t.organisationId, t.staffId),
    uniqueIndex('staff_competency_replaced_once').on(t.replacesId),
    check('staff_competency_dates', sql`${t.expiresOn} > ${t.achievedOn}`),
    check(
      'staff_competency_reason_on_correction',
      sql`${t.correctionReason} is null or ${t.replacesId} is not null`,
    ),
  ],
);
