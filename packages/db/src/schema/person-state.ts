import { ostMedicines } from '@harbour/domain/medicines';
import { date, pgEnum, pgTable, real, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns.ts';
import { organisation } from './organisation.ts';
import { person } from './person.ts';

export const ostMedicine = pgEnum('ost_medicine', ostMedicines);

/**
 * A projection of each person's current state from their clinical events (last attended contact, current
 * OST), so a caseload reads one row per person instead of searching their history. Never edited directly:
 * `refreshPersonState` recomputes it from the events in the same transaction as any event write, and a test
 * checks it equals a recomputation from scratch.
 */
export const personState = pgTable('person_state', {
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
  refreshedAt: instant().notNull().defaultNow(),
});
