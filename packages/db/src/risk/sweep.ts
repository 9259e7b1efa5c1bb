import type { CalendarDate } from '@harbour/domain/ids';
import { RISK_MODEL_VERSION } from '@harbour/domain/risk/codes';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Database } from '../client.ts';
import { withTenant } from '../tenant.ts';
import { rescorePeople, type RescoreOutcome, type ScoreCause } from './rescore.ts';

/**
 * Re-scoring many people: the daily sweep (only those whose score changes today, by the date each assessment
 * gave, `risk_next_change_on`), and `pnpm rescore` after a model version change (everyone scored by another
 * version). People are taken in id order, a batch at a time (two batches at once), each batch its own
 * transaction: a run stopped half way (a restart, a crash) has committed whole batches, and the people it did not
 * reach are still selected by the same rule the next time. Nobody is scored twice for one change, and no history row is repeated (a re-score that
 * finds the same score writes none).
 */

/** Who a run re-scores. */
export type Selection =
  /** Whose assessment changes on or before `asOf`, never scored, or scored by another model version. */
  | 'due'
  /** Scored by another model version (or never scored): what a model change needs. */
  | 'other_model'
  /** Everyone. */
  | 'all';

export interface OrganisationRunOptions {
  asOf: CalendarDate;
  cause: ScoreCause;
  selection: Selection;
  /** People per transaction (default 1,000). */
  batchSize?: number;
  /** Batches at once, each its own transaction and connection (default 2: one scoring while one writes). */
  concurrency?: number;
  /** Told after each committed batch: how many so far. */
  onBatch?: (progress: { organisationId: string; rescored: number; failed: number }) => void;
}

const NO_ID = '00000000-0000-0000-0000-000000000000';

function selected(selection: Selection, asOf: CalendarDate): SQL {
  const otherModel = sql`(s.person_id is null or s.risk_model_version is distinct from ${RISK_MODEL_VERSION})`;
  if (selection === 'all') return sql`true`;
  if (selection === 'other_model') return otherModel;
  return sql`(${otherModel} or s.risk_as_of is null or s.risk_next_change_on <= ${asOf})`;
}

/**
 * Re-scores the selected people of one organisation. `concurrency` batches run at once (default 2), each in its
 * own transaction on its own connection, so the database writes one batch while Node scores the next (a run is
 * half Node and half PostgreSQL: one batch at a time left each idle half the time). The batches hold disjoint
 * people, taken in id order from one cursor, so no two of them wait on each other's locks; a re-score after an
 * entry locks one person's row and takes its turn as before. On PGlite (one connection) they take turns.
 */
export async function rescoreOrganisation(
  db: Database,
  organisationId: string,
  options: OrganisationRunOptions,
): Promise<RescoreOutcome> {
  const total: RescoreOutcome = { rescored: 0, changed: 0, failed: [] };
  const batchSize = options.batchSize ?? 1000;
  let after = NO_ID;
  let done = false;
  // The cursor: the next page of selected ids, one caller at a time (the pages never overlap).
  let cursor: Promise<unknown> = Promise.resolve();
  const nextPage = (): Promise<string[]> => {
    const page = cursor.then(async () => {
      if (done) return [];
      const ids = await withTenant(db, { organisationId, actorId: null }, async (tx) =>
        rowsOf<{ id: string }>(
          await tx.execute(sql`select p.id from person p
            left join person_state s on s.person_id = p.id and s.organisation_id = p.organisation_id
            where p.organisation_id = ${organisationId} and p.id > ${after} and ${selected(options.selection, options.asOf)}
            order by p.id limit ${batchSize}`),
        ).map((row) => row.id),
      );
      if (ids.length === 0) done = true;
      else after = ids.at(-1) ?? NO_ID;
      return ids;
    });
    cursor = page.catch(() => undefined);
    return page;
  };
  const worker = async (): Promise<void> => {
    try {
      for (;;) {
        const ids = await nextPage();
        if (ids.length === 0) return;
        const outcome = await withTenant(db, { organisationId, actorId: null }, (tx) =>
          rescorePeople(tx, organisationId, ids, options),
        );
        total.rescored += outcome.rescored;
        total.changed += outcome.changed;
        total.failed.push(...outcome.failed);
        options.onBatch?.({ organisationId, rescored: total.rescored, failed: total.failed.length });
      }
    } catch (error) {
      done = true; // the others finish the batch they hold and take no more
      throw error;
    }
  };
  const workers = Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker);
  // Every worker is waited for (none is left writing after the run reports), then the first failure is thrown.
  const settled = await Promise.allSettled(workers);
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
  return total;
}

/** Every organisation's id (a SECURITY DEFINER lookup, migration 0006: it runs before any tenant is set). */
export async function organisationIds(db: Database): Promise<string[]> {
  return rowsOf<{ organisation_id: string }>(
    await db.execute(sql`select organisation_id from harbour_organisation_ids()`),
  ).map((row) => row.organisation_id);
}

/** The daily sweep: every organisation, the people whose score changes today. */
export async function sweepDueScores(
  db: Database,
  asOf: CalendarDate,
  onBatch?: OrganisationRunOptions['onBatch'],
): Promise<RescoreOutcome & { organisations: number }> {
  const total = { rescored: 0, changed: 0, failed: [] as RescoreOutcome['failed'], organisations: 0 };
  for (const organisationId of await organisationIds(db)) {
    const outcome = await rescoreOrganisation(db, organisationId, {
      asOf,
      cause: 'daily',
      selection: 'due',
      onBatch,
    });
    total.organisations++;
    total.rescored += outcome.rescored;
    total.changed += outcome.changed;
    total.failed.push(...outcome.failed);
  }
  return total;
}
