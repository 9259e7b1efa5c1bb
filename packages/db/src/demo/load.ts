import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import * as schema from '../schema/index.ts';
import type { CalendarDate } from '@harbour/domain/ids';
import { rescorePeople } from '../risk/rescore.ts';
import { replayDemoTasks } from '../tasks/replay.ts';
import { demoCompetencies } from './competencies.ts';
import type { DemoOrganisation } from './generate.ts';
import { demoPharmacies, demoPlans, type PlanCounts } from './ost.ts';

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

export interface LoadOptions {
  /** People per transaction (default 2,000). */
  batchSize?: number;
  /**
   * Give each person a score history from this day to the organisation's `asOf`, as their record would have
   * scored then (the demo organisation: its risk charts and "new to high" lists have something to show).
   * Without it, each person gets today's score only.
   */
  historyFrom?: CalendarDate;
  /** Current OST plans at each demo pharmacy (default `DEMO_PLANS_PER_PHARMACY`, 12). */
  plansPerPharmacy?: number;
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
  options: LoadOptions = {},
): Promise<LoadResult> {
  const batchSize = options.batchSize ?? 2000;
  const { structure } = org;
  await db.transaction(async (tx) => {
    await tx.insert(schema.organisation).values(structure.organisation);
    await tx.insert(schema.service).values(structure.services);
    await insertChunked(tx, schema.team, structure.teams);
    await insertChunked(tx, schema.staff, structure.staff);
    await insertChunked(tx, schema.teamMembership, structure.memberships);
    const competencies = demoCompetencies(structure, org.asOf);
    if (competencies.length > 0) await tx.insert(schema.staffCompetency).values(competencies);
  });
  // The pharmacies and their pharmacists, then plans for some people of each batch (issue 10).
  const places = demoPharmacies(structure);
  await db.transaction(async (tx) => {
    await tx.insert(schema.pharmacy).values(places.pharmacies);
    if (places.memberships.length > 0) await tx.insert(schema.pharmacyMembership).values(places.memberships);
  });
  const planCounts: PlanCounts = new Map();
  let people = 0;
  let events = 0;
  for (const batch of org.batches(batchSize)) {
    await db.transaction(async (tx) => {
      await insertChunked(tx, schema.person, batch.people);
      await insertChunked(tx, schema.treatmentEpisode, batch.episodes);
      await insertChunked(tx, schema.clinicalEvent, batch.events);
      // The first version of every entry, as the record's history keeps it.
      await insertChunked(
        tx,
        schema.clinicalEventVersion,
        batch.events.map((e) => ({
          eventId: e.id,
          version: 1,
          organisationId: e.organisationId,
          personId: e.personId,
          type: e.type,
          occurredOn: e.occurredOn,
          details: e.details,
          status: 'active' as const,
          reason: null,
          writtenBy: e.recordedBy,
          writtenAt: e.recordedAt,
        })),
      );
      // The tasks the rules open and close over the recent events (32 columns a row: smaller inserts).
      const tasks = replayDemoTasks(batch, structure, org.asOf);
      for (let i = 0; i < tasks.length; i += 1500)
        await tx.insert(schema.task).values(tasks.slice(i, i + 1500));
      await insertChunked(tx, schema.personFact, batch.facts);
      await insertChunked(
        tx,
        schema.personFactVersion,
        batch.facts.map((f) => ({
          factId: f.id,
          version: 1,
          organisationId: f.organisationId,
          personId: f.personId,
          kind: f.kind,
          details: f.details,
          recordedOn: f.recordedOn,
          reason: null,
          writtenBy: f.recordedBy,
          writtenAt: f.recordedAt,
        })),
      );
      const ost = demoPlans(structure, places, batch, org.asOf, planCounts, options.plansPerPharmacy);
      if (ost.plans.length > 0) {
        await tx.insert(schema.ostPlan).values(ost.plans);
        await tx.insert(schema.ostPlanVersion).values(ost.versions);
      }
      if (ost.dispensing.length > 0) await tx.insert(schema.dispensing).values(ost.dispensing);
      for (let i = 0; i < batch.people.length; i += CHUNK) {
        const outcome = await rescorePeople(
          tx,
          structure.organisation.id,
          batch.people.slice(i, i + CHUNK).map((p) => p.id),
          { asOf: org.asOf, cause: 'rescore', historyFrom: options.historyFrom },
        );
        // Generated records are valid by construction: one that cannot be scored is a bug in the generator.
        if (outcome.failed.length > 0)
          throw new Error(`${outcome.failed.length} generated people could not be scored`);
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
