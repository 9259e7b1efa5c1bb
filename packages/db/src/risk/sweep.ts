import type { CalendarDate } from '@harbour/domain/ids';
import { RISK_MODEL_VERSION } from '@harbour/domain/risk/codes';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Database } from '../client.ts';
import { withTenant } from '../tenant.ts';
import { rescorePeople, type RescoreOutcome, type ScoreCause } from './rescore.ts';

/**
 * Re-scoring many people: the daily sweep (only those whose score changes today, by the date each assessment
 * gave, `risk_next_change_on`), and `pnpm rescore` after a model version change (everyone scored by another
 * version). People are taken in id order, a batch at a time, each batch its own transaction: a run stopped half
 * way (a restart, a crash) has committed whole batches, and the people it did not reach are still selected by the
 * same rule the next time. Nobody is scored twice for one change, and no history row is repeated (a re-score that
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

/** Re-scores the selected people of one organisation. */
export async function rescoreOrganisation(
  db: Database,
  organisationId: string,
  options: OrganisationRunOptions,
): Promise<RescoreOutcome> {
  const total: RescoreOutcome = { rescored: 0, changed: 0, failed: [] };
  const batchSize = options.batchSize ?? 1000;
  let after = NO_ID;
  for (;;) {
    const batch = await withTenant(db, { organisationId, actorId: null }, async (tx) => {
      const ids = rowsOf<{ id: string }>(
        await tx.execute(sql`select p.id from person p
          left join person_state s on s.person_id = p.id and s.organisation_id = p.organisation_id
          where p.organisation_id = ${organisationId} and p.id > ${after} and ${selected(options.selection, options.asOf)}
          order by p.id limit ${batchSize}`),
      ).map((row) => row.id);
      if (ids.length === 0) return null;
      return { last: ids.at(-1) ?? NO_ID, outcome: await rescorePeople(tx, organisationId, ids, options) };
    });
    if (batch === null) break;
    after = batch.last;
    total.rescored += batch.outcome.rescored;
    total.changed += batch.outcome.changed;
    total.failed.push(...batch.outcome.failed);
    options.onBatch?.({ organisationId, rescored: total.rescored, failed: total.failed.length });
  }
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
