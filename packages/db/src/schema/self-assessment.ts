import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, version } from './columns.ts';
import { organisation } from './organisation.ts';
import { person } from './person.ts';

export const selfAssessmentStatuses = ['draft', 'submitted'] as const;
export const selfAssessmentStatus = pgEnum('self_assessment_status', selfAssessmentStatuses);

/**
 * A self-assessment a service user fills in on the self-check portal (issue 11): one instrument from
 * packages/domain/src/instruments, answered a page at a time. While a `draft`, the answers so far are saved
 * between pages (each save bumps `version`: optimistic concurrency, so two tabs cannot silently overwrite each
 * other). Once `submitted` it is scored by the domain (`assessSubmission`), the result is kept beside the
 * answers, and a trigger refuses any further change (migration: hand-written part): a submission is never
 * overwritten. One draft per person and instrument at a time.
 */
export const selfAssessment = pgTable(
  'self_assessment',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    personId: uuid()
      .notNull()
      .references(() => person.id),
    /** The instrument's id in the domain registry (`phq9`, `overdose_self_check`…). */
    instrumentId: text().notNull(),
    /** The definition's version the answers were given against (`2026.1`). */
    instrumentVersion: text().notNull(),
    status: selfAssessmentStatus().notNull().default('draft'),
    /** Answers keyed by item id: a score for a scored item, an option code for a coded one. */
    answers: jsonb().notNull().default({}),
    /** The scoring context (the SDS's subject), or {}. */
    context: jsonb().notNull().default({}),
    /** The domain's result once submitted: total, band, alerts, proposed facts, advice. */
    result: jsonb(),
    /**
     * True when any answer was urgent (PHQ-9 question 9 above 0; an overdose in the last 7 days or suicidal
     * thoughts on the self-check). Kept on the submission itself so an urgent answer is never lost, whatever
     * happens to the task that follows it (HAZ-HLT-019).
     */
    urgent: boolean().notNull().default(false),
    /** The same-day contact task the submission asks for (the domain's FollowUp), or null. */
    urgentTask: jsonb(),
    /**
     * When that task was handed to the task store (services/urgent-contact.ts), written with the submission in
     * one transaction. Null on an urgent submission only for those stored before the task store existed: the
     * record shows them as the reminder (`taskPending`).
     */
    urgentTaskOpenedAt: instant(),
    submittedAt: instant(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: instant().notNull().defaultNow(),
  },
  (t) => [
    index().on(t.organisationId, t.personId, t.submittedAt.desc()),
    uniqueIndex()
      .on(t.personId, t.instrumentId)
      .where(sql`${t.status} = 'draft'`),
  ],
);

export const contactRequestStatuses = ['open', 'done'] as const;
export const contactRequestStatus = pgEnum('contact_request_status', contactRequestStatuses);

/**
 * "Ask someone to contact me", from the anonymous overdose-risk check at /check (issue 11): the only thing that
 * check ever stores, and only when the person asks. No answers, no address, no cookie: a name or alias, a phone
 * number, the consent they gave, and whether their answers were urgent (so the duty worker calls today).
 */
export const contactRequest = pgTable(
  'contact_request',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    /** A first name or an alias: whatever the person wants to be called. */
    name: text().notNull(),
    phone: text().notNull(),
    /** The consent wording they agreed to, as shown (so it can be checked later). */
    consentText: text().notNull(),
    /** Their answers included an urgent one: same-day contact. */
    urgent: boolean().notNull(),
    status: contactRequestStatus().notNull().default('open'),
    /** When the duty queue's task was opened for it (services/urgent-contact.ts), in the same transaction. */
    taskOpenedAt: instant(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.organisationId, t.status, t.createdAt)],
);
