import { londonDate } from '@harbour/domain/dates';
import type { CalendarDate } from '@harbour/domain/ids';
import type { Database } from '../client.ts';
import { generateOrganisation, type DemoOrganisation } from '../demo/generate.ts';
import { loadOrganisation } from '../demo/load.ts';

/** A small generated organisation written to `db`: its own tenant, so tests sharing a database never collide. */
export async function createTestOrganisation(
  db: Database,
  options: { seed?: number; people?: number; asOf?: CalendarDate } = {},
): Promise<DemoOrganisation> {
  const org = generateOrganisation({
    seed: options.seed ?? Math.floor(Math.random() * 2 ** 31),
    people: options.people ?? 40,
    // Histories end today, as the services' own clock (and the caseload's "days without contact") sees it.
    asOf: options.asOf ?? londonDate(new Date()),
    peoplePerTeam: 20,
    name: `Test organisation ${Math.random().toString(36).slice(2, 8)}`,
  });
  await loadOrganisation(db, org);
  return org;
}
