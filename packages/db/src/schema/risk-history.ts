import { date, index, integer, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, instant } from './columns.ts';
import { organisation } from './organisation.ts';
import { person } from './person.ts';
import { riskTier } from './person-state.ts';

/** What made Harbour compute a score: an entry, the daily sweep, a re-score of everyone, or the demo's history. */
export const scoreCauses = ['entry', 'daily', 'rescore', 'history'] as const;
export const scoreCause = pgEnum('score_cause', scoreCauses);

/**
 * Each person's risk score over time, one row per change (a re-score that gives the same score, tier and model
 * version adds nothing): the record's chart, and "rising" on the caseload (up 10 or more in 28 days).
 */
export const riskScoreHistory = pgTable(
  'risk_score_history',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    personId: uuid()
      .notNull()
      .references(() => person.id),
    /** The London day the score is for. */
    asOf: date({ mode: 'string' }).notNull(),
    score: integer().notNull(),
    tier: riskTier().notNull(),
    modelVersion: text().notNull(),
    cause: scoreCause().notNull(),
    computedAt: instant().notNull().defaultNow(),
  },
  (t) => [index().on(t.personId, t.asOf.desc()), index().on(t.organisationId)],
);
