import type { CalendarDate } from '@harbour/domain/ids';
import type { Database } from '../client.ts';
import { generateOrganisation } from './generate.ts';
import { isEmpty, loadOrganisation, type LoadResult } from './load.ts';

/** The demo organisation's seed and size (issue 2: 2 services, 6 teams, ~30 staff, ~1,500 people). */
export const DEMO_SEED = 20_171_127;
export const DEMO_PEOPLE = 1500;

/** Loads the demo organisation, with histories ending on `asOf`, when the database is empty. */
export async function loadDemoIfEmpty(db: Database, asOf: CalendarDate): Promise<LoadResult | null> {
  if (!(await isEmpty(db))) return null;
  return loadOrganisation(db, generateOrganisation({ seed: DEMO_SEED, people: DEMO_PEOPLE, asOf }));
}
