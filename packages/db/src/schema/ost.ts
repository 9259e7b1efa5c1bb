import { ostPhases } from '@harbour/domain/ost/common';
import { dispensingOutcomes, ostAlertKinds, ostAlertRecipients } from '@harbour/domain/ost/store';
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, instant, version } from './columns.ts';
import { treatmentEpisode } from './episode.ts';
import { organisation } from './organisation.ts';
import { person } from './person.ts';
import { ostMedicine } from './person-state.ts';
import { staff } from './staff.ts';

/**
 * Opioid substitution therapy (issue 10): the pharmacies of the organisation, each person's prescription as
 * versions that are never overwritten, one dispensing row per person per day, and the alerts the pharmacy loop
 * raises for the prescriber and keyworker. Row-level security (migration 0010) keeps the tenant and, for a
 * pharmacist, only the people with a current plan at their own pharmacy.
 */

/**
 * A community pharmacy that dispenses the organisation's prescriptions: a place of the organisation, added and
 * edited by its administrators and never deleted (plans and dispensing name it). No two share a name and an
 * address, in any case (the services store both with white space normalised).
 */
export const pharmacy = pgTable(
  'pharmacy',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    name: text().notNull(),
    address: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.organisationId),
    uniqueIndex('pharmacy_organisation_place_unique').on(
      t.organisationId,
      sql`lower(${t.name})`,
      sql`lower(${t.address})`,
    ),
  ],
);

/** Which pharmacy a pharmacist works at: their only relationship to anyone's record ("dispensed at my pharmacy"). */
export const pharmacyMembership = pgTable(
  'pharmacy_membership',
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    pharmacyId: uuid()
      .notNull()
      .references(() => pharmacy.id),
    staffId: uuid()
      .notNull()
      .references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.pharmacyId, t.staffId] }), index().on(t.staffId)],
);

export const ostPhase = pgEnum('ost_phase', ostPhases);

/**
 * A person's OST plan in one episode: its current version (the columns the lists and row-level security read,
 * and the whole plan as the domain's `OstPlan`), and the pharmacy loop's state (`DispensingState`, null for an
 * injection). A change writes a new version only if nobody else has since the writer read it (`version`), and
 * every version is kept in `ost_plan_version`.
 */
export const ostPlan = pgTable(
  'ost_plan',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    personId: uuid()
      .notNull()
      .references(() => person.id),
    episodeId: uuid()
      .notNull()
      .references(() => treatmentEpisode.id),
    medicine: ostMedicine().notNull(),
    phase: ostPhase().notNull(),
    doseMg: real().notNull(),
    pharmacyId: uuid().references(() => pharmacy.id),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    reviewOn: date({ mode: 'string' }).notNull(),
    plan: jsonb().notNull(),
    dispensing: jsonb(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: instant().notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.personId, t.episodeId), index().on(t.organisationId, t.pharmacyId)],
);

/**
 * Every version of every plan, as written: the plan, the instalment wording the domain wrote for it, every
 * finding of its write-time check, the reasons that acknowledged its warnings, and who made it. Append-only.
 */
export const ostPlanVersion = pgTable(
  'ost_plan_version',
  {
    planId: uuid()
      .notNull()
      .references(() => ostPlan.id),
    version: integer().notNull(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    personId: uuid()
      .notNull()
      .references(() => person.id),
    pharmacyId: uuid().references(() => pharmacy.id),
    plan: jsonb().notNull(),
    wording: jsonb().notNull(),
    findings: jsonb().notNull(),
    acknowledgements: jsonb().notNull(),
    reason: text().notNull(),
    writtenBy: uuid().references(() => staff.id),
    writtenAt: instant().notNull().defaultNow(),
    /**
     * A planned reduction (issue 10): the person's agreement ("agreed", "asked_for_it", "not_agreed") and any
     * second clinician's sign-off with its reason; null when the version is not a planned reduction.
     */
    reduction: jsonb(),
    /** The second clinician who signed off a reduction that needed it (a prescriber or team lead). */
    reductionSignedOffBy: uuid().references(() => staff.id),
    /** Reported to service managers: a reduction without agreement, or at high or very high risk. */
    reductionReported: boolean().notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.version] }),
    index().on(t.organisationId, t.personId),
    index()
      .on(t.organisationId, t.writtenAt)
      .where(sql`${t.reductionReported}`),
  ],
);

export const dispensingOutcome = pgEnum('dispensing_outcome', dispensingOutcomes);

/**
 * What the pharmacy recorded for one person on one day: one row per person per day (two recordings of the same
 * day: the first wins, the second is a conflict). Never changed afterwards.
 */
export const dispensing = pgTable(
  'dispensing',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    personId: uuid()
      .notNull()
      .references(() => person.id),
    planId: uuid()
      .notNull()
      .references(() => ostPlan.id),
    planVersion: integer().notNull(),
    pharmacyId: uuid().references(() => pharmacy.id),
    day: date({ mode: 'string' }).notNull(),
    outcome: dispensingOutcome().notNull(),
    takeHomeDays: integer().notNull().default(0),
    note: text(),
    recordedBy: uuid().references(() => staff.id),
    recordedAt: instant().notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.personId, t.day), index().on(t.organisationId, t.pharmacyId, t.day)],
);

export const ostAlertKind = pgEnum('ost_alert_kind', ostAlertKinds);
export const ostAlertRecipient = pgEnum('ost_alert_recipient', ostAlertRecipients);

/**
 * An alert or task the pharmacy loop raised for a person's prescriber or keyworker (the domain's follow-ups),
 * written in the same transaction as the recording that raised it. Until the task store takes the tasks over,
 * both live here and show on the person's plan page and the staff member's alerts.
 */
export const ostAlert = pgTable(
  'ost_alert',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    personId: uuid()
      .notNull()
      .references(() => person.id),
    planId: uuid()
      .notNull()
      .references(() => ostPlan.id),
    kind: ostAlertKind().notNull(),
    /** For a task: its kind (re_engagement, missed_dose_review, supervision_review). */
    taskKind: text(),
    recipient: ostAlertRecipient().notNull(),
    /** The member of staff it went to (the plan's prescriber, the episode's keyworker); null when none. */
    recipientStaffId: uuid().references(() => staff.id),
    on: date({ mode: 'string' }).notNull(),
    reason: text().notNull(),
    ruleId: text().notNull(),
    closedAt: instant(),
    closedBy: uuid().references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [
    index()
      .on(t.organisationId, t.recipientStaffId)
      .where(sql`${t.closedAt} is null`),
    index().on(t.personId),
  ],
);
