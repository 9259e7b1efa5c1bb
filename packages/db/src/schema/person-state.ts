import { ostMedicines } from '@harbour/domain/medicines';
import { riskTiers } from '@harbour/domain/risk/codes';
import type { RecordGap } from '@harbour/domain/record/risk-state';
import type { RiskReason, StoredAssessmentColumn } from '@harbour/domain/risk/stored';
import {
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  real,
  smallint,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant } from './columns.ts';
import { organisation } from './organisation.ts';
import { person } from './person.ts';

export const ostMedicine = pgEnum('ost_medicine', ostMedicines);
export const riskTier = pgEnum('risk_tier', riskTiers);

/**
 * A projection of each person's current state from their record: last attended contact, current OST, and the
 * drug-related death risk assessment (drd-risk.md) with everything it came to. Never edited directly:
 * `rescorePeople` (src/risk/rescore.ts) recomputes it from the events and facts in the same transaction as any
 * write of them, so a score and its facts never disagree; the daily sweep recomputes the people whose
 * `risk_next_change_on` has come. A test checks it equals a recomputation from scratch.
 *
 * `risk_tier_rank` (0 low … 3 very high) and `risk_score` are the caseload's sort keys.
 */
export const personState = pgTable(
  'person_state',
  {
    personId: uuid()
      .primaryKey()
      .references(() => person.id),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    lastContactOn: date({ mode: 'string' }),
    ostMedicine: ostMedicine(),
    /** mg/day (or the injection dose in mg). */
    ostDoseMg: real(),
    ostSince: date({ mode: 'string' }),
    riskScore: integer(),
    riskTier: riskTier(),
    riskTierRank: smallint(),
    riskModelVersion: text(),
    /** The London day the assessment is for. */
    riskAsOf: date({ mode: 'string' }),
    /** The first day the assessment changes with no new entry (null: never); the daily sweep's key. */
    riskNextChangeOn: date({ mode: 'string' }),
    /** The day the person last entered high or very high from below (null when below high). */
    riskHighSince: date({ mode: 'string' }),
    riskReasons: jsonb().$type<RiskReason[]>(),
    riskAssessment: jsonb().$type<StoredAssessmentColumn>(),
    /** What the record lacks that the model would read (beyond the model's own data gaps). */
    recordGaps: jsonb().$type<RecordGap[]>(),
    refreshedAt: instant().notNull().defaultNow(),
  },
  (t) => [index().on(t.organisationId, t.riskNextChangeOn)],
);
