import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import * as schema from '../schema/index.ts';
import { refreshPersonState } from '../person-state.ts';
import type { DemoOrganisation } from './generate.ts';

/** Rows per INSERT: below PostgreSQL's 65,535 bind parameters for the widest table (clinical_event, 11 columns). */
const CHUNK = 4000;

async function insertChunked<T extends Record<string, unknown>>(
  db: Executor,
  table: Parameters<Executor['insert']>[0],
  rows: T[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db.insert(table).values(rows.slice(i, i + CHUNK) as never);
  }
}

export interface LoadResult {
  people: number;
  events: number;
}

/**
 * Writes a generated organisation. Each batch of people is its own transaction, so a 100,000-person load keeps
 * memory bounded; a failed load leaves whole batches, never half a person.
 */
export async function loadOrganisation(
  db: Executor,
  org: DemoOrganisation,
  batchSize = 2000,
): Promise<LoadResult> {
  const { structure } = org;
  await db.transaction(async (tx) => {
    await tx.insert(schema.organisation).values(structure.organisation);
    await tx.insert(schema.service).values(structure.services);
    await insertChunked(tx, schema.team, structure.teams);
    await insertChunked(tx, schema.staff, structure.staff);
    await insertChunked(tx, schema.teamMembership, structure.memberships);
  });
  let people = 0;
  let events = 0;
  for (const batch of org.batches(batchSize)) {
    await db.transaction(async (tx) => {
      await insertChunked(tx, schema.person, batch.people);
      await insertChunked(tx, schema.treatmentEpisode, batch.episodes);
      await insertChunked(tx, schema.clinicalEvent, batch.events);
      for (let i = 0; i < batch.people.length; i += CHUNK) {
        await refreshPersonState(
          tx,
          structure.organisation.id,
          batch.people.slice(i, i + CHUNK).map((p) => p.id),
        );
      }
    });
    people += batch.people.length;
    events += batch.events.length;
  }
  return { people, events };
}

/** True when the database holds no organisation yet (the embedded database loads the demo only then). */
export async function isEmpty(db: Executor): Promise<boolean> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(schema.organisation);
  return (rows[0]?.n ?? 0) === 0;
}
