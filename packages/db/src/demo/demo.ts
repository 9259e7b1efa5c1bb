import { addDays } from '@harbour/domain/dates';
import { sql } from 'drizzle-orm';
import type { CalendarDate } from '@harbour/domain/ids';
import type { Database } from '../client.ts';
import { ensureDemoClinics } from './clinics.ts';
import { generateOrganisation } from './generate.ts';
import { isEmpty, loadOrganisation, type LoadOptions, type LoadResult } from './load.ts';
import { ensureDemoSignIns } from './sign-ins.ts';

/** The demo organisation's seed and size (issue 2: 2 services, 6 teams, ~30 staff, ~1,500 people). */
export const DEMO_SEED = 20_171_127;
export const DEMO_PEOPLE = 1500;
/** How far back the demo's risk histories go (each person's chart, "new to high", "rising"). */
export const DEMO_HISTORY_DAYS = 180;

/**
 * Loads the demo organisation, with histories ending on `asOf`, when the database is empty. All or nothing, in
 * one transaction: a start stopped half-way leaves an empty database (loaded next time), never an organisation
 * without its people. The lock makes two starts at once on one PostgreSQL load it once. On every start, loaded
 * now or before, the demo's sign-ins and its clinics' sessions for the coming weeks (clinics.ts) are kept up.
 */
export async function loadDemoIfEmpty(
  db: Database,
  asOf: CalendarDate,
  options: Pick<LoadOptions, 'plansPerPharmacy'> = {},
): Promise<LoadResult | null> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`lock table organisation in exclusive mode`);
    if (!(await isEmpty(tx))) {
      await ensureDemoSignIns(tx);
      await ensureDemoClinics(tx, asOf);
      return null;
    }
    const loaded = await loadOrganisation(
      tx,
      generateOrganisation({ seed: DEMO_SEED, people: DEMO_PEOPLE, asOf }),
      { ...options, historyFrom: addDays(asOf, -DEMO_HISTORY_DAYS) },
    );
    await ensureDemoSignIns(tx);
    await ensureDemoClinics(tx, asOf);
    return loaded;
  });
}
