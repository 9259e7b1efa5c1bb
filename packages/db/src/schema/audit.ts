import { bigint, index, jsonb, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, instant } from './columns.ts';
import { organisation } from './organisation.ts';

/**
 * One row per read or write of a person's record, written in the same transaction as the action.
 * Identifiers only: no names, no clinical content, no search terms (security.md promises 3 and 12).
 *
 * Append-only and hash-chained (migrations 0002 and 0019): a trigger refuses UPDATE, DELETE and TRUNCATE, and a
 * BEFORE INSERT trigger takes one of the chains' heads (the first no other transaction holds), numbers the row
 * in write order (`seq`) and as the next place in that chain (`chain`, `chain_seq`), and sets `prev_hash` and
 * `hash`, whatever the INSERT said — the defaults below only let drizzle's insert type omit them. Rows written
 * before 0019 have no `chain`: they form the first chain, numbered by `seq`. `audit:verify` checks every chain.
 * `actor_role` is a staff role, or `service_user` (then `actor_id` is the person's id).
 *
 * An administrator's action on a staff account (migration 0007) names the account in `target_staff_id` and what
 * changed in `changes`: field names and values such as a role, an `active` flag or team ids, never a name or an
 * email address. Rows with neither are hashed in the first canonical form, so rows written before 0007 verify
 * as they always did.
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
    targetStaffId: uuid(),
    changes: jsonb().$type<Record<string, unknown>>(),
    occurredAt: instant().notNull().defaultNow(),
    seq: bigint({ mode: 'number' }).notNull().default(0),
    chain: smallint(),
    chainSeq: bigint({ mode: 'number' }),
    prevHash: text().notNull().default(''),
    hash: text().notNull().default(''),
  },
  (t) => [
    index().on(t.organisationId, t.personId, t.occurredAt),
    index().on(t.occurredAt),
    index().on(t.organisationId, t.targetStaffId, t.occurredAt),
    uniqueIndex().on(t.seq),
    uniqueIndex().on(t.chain, t.chainSeq),
  ],
);
