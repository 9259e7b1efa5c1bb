import type { CalendarDate } from '@harbour/domain/ids';
import { recordTimeline, scoreRecord, type ScoredRecord } from '@harbour/domain/record/score';
import { RISK_MODEL_VERSION, riskTiers, type RiskTier } from '@harbour/domain/risk/codes';
import { compactAssessment, topReasons } from '@harbour/domain/risk/stored';
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { rowsOf, type Executor } from '../client.ts';
import type { scoreCauses } from '../schema/risk-history.ts';
import { idList, loadRecords, type PersonRecord } from './records.ts';

/**
 * Re-scoring: the `person_state` projection recomputed from the record, and a `risk_score_history` row for each
 * person whose score, tier or model version changed. Everything here runs inside the caller's transaction:
 * an entry and the score it leads to commit together (a score and the facts it came from can never disagree).
 *
 * The people's projection rows are locked first (`for update`), before their record is read: a re-score after an
 * entry and the daily sweep, for the same person at the same moment, then take turns, and the later one reads
 * the earlier one's committed entries, so a score computed from a stale record can never overwrite a newer one.
 */

export type ScoreCause = (typeof scoreCauses)[number];

const tierRank = (tier: RiskTier): number => riskTiers.indexOf(tier);
const isHigh = (tier: RiskTier | null): boolean => tier === 'high' || tier === 'very_high';

export interface RescoreOptions {
  /** The London day the scores are for (today). */
  asOf: CalendarDate;
  cause: ScoreCause;
  /**
   * Also write each person's history from this day to `asOf`, as their record would have scored then (the demo
   * organisation's load), and take "high since" from it.
   */
  historyFrom?: CalendarDate;
}

export interface RescoreOutcome {
  rescored: number;
  /** People whose score, tier or model version changed (a history row each). */
  changed: number;
  /** People who could not be scored: their projection is left as it was (and stays due). Ids only. */
  failed: { personId: string; error: unknown }[];
}

export interface Previous {
  person_id: string;
  risk_score: number | null;
  risk_tier: RiskTier | null;
  risk_model_version: string | null;
  risk_high_since: string | null;
}

/**
 * Locks the projection rows of `personIds` (making any that are missing) before their record is read, and returns
 * what they held. `rescorePeople` is this, then `loadRecords`, then `scoreAndWrite`.
 */
export async function lockStates(db: Executor, organisationId: string, personIds: readonly string[]) {
  const ids = idList(personIds);
  const lock = async () =>
    rowsOf<Previous>(
      await db.execute(sql`select person_id, risk_score, risk_tier, risk_model_version, risk_high_since::text as risk_high_since
        from person_state where organisation_id = ${organisationId} and person_id = any(${ids})
        order by person_id for update`),
    );
  let rows = await lock();
  // Rows are made only for those who have none (a new person); everyone else's was locked above.
  if (rows.length < personIds.length) {
    await db.execute(sql`insert into person_state (person_id, organisation_id)
      select id, organisation_id from person where organisation_id = ${organisationId} and id = any(${ids})
      order by id on conflict (person_id) do nothing`);
    rows = await lock();
  }
  return new Map(rows.map((row) => [row.person_id, row]));
}

interface StateRow {
  person_id: string;
  last_contact_on: string | null;
  ost_medicine: string | null;
  ost_dose_mg: number | null;
  ost_since: string | null;
  risk_score: number;
  risk_tier: RiskTier;
  risk_tier_rank: number;
  risk_model_version: string;
  risk_as_of: string;
  risk_next_change_on: string | null;
  risk_high_since: string | null;
  risk_reasons: unknown;
  risk_assessment: unknown;
  record_gaps: unknown;
}

interface HistoryRow {
  person_id: string;
  as_of: string;
  score: number;
  tier: RiskTier;
}

function stateRow(personId: string, scored: ScoredRecord, highSince: string | null): StateRow {
  const { assessment, facts, gaps } = scored;
  const ost = facts.currentOst;
  return {
    person_id: personId,
    last_contact_on: facts.lastContactOn,
    ost_medicine: ost?.medicine ?? null,
    ost_dose_mg: ost?.doseMg ?? null,
    ost_since: ost?.startedOn ?? null,
    risk_score: assessment.score,
    risk_tier: assessment.tier,
    risk_tier_rank: tierRank(assessment.tier),
    risk_model_version: assessment.modelVersion,
    risk_as_of: assessment.asOf,
    risk_next_change_on: assessment.nextChangeAt,
    risk_high_since: highSince,
    risk_reasons: topReasons(assessment),
    risk_assessment: compactAssessment(assessment),
    record_gaps: gaps,
  };
}

/** Writes the projection rows, one statement for all of them. */
async function writeStates(db: Executor, organisationId: string, rows: StateRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`update person_state s set
      last_contact_on = x.last_contact_on, ost_medicine = x.ost_medicine::ost_medicine, ost_dose_mg = x.ost_dose_mg,
      ost_since = x.ost_since, risk_score = x.risk_score, risk_tier = x.risk_tier::risk_tier,
      risk_tier_rank = x.risk_tier_rank, risk_model_version = x.risk_model_version, risk_as_of = x.risk_as_of,
      risk_next_change_on = x.risk_next_change_on, risk_high_since = x.risk_high_since,
      risk_reasons = x.risk_reasons, risk_assessment = x.risk_assessment, record_gaps = x.record_gaps,
      refreshed_at = now()
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
      person_id uuid, last_contact_on date, ost_medicine text, ost_dose_mg real, ost_since date, risk_score int,
      risk_tier text, risk_tier_rank smallint, risk_model_version text, risk_as_of date, risk_next_change_on date,
      risk_high_since date, risk_reasons jsonb, risk_assessment jsonb, record_gaps jsonb)
    where s.person_id = x.person_id and s.organisation_id = ${organisationId}`);
}

async function writeHistory(
  db: Executor,
  organisationId: string,
  rows: HistoryRow[],
  cause: ScoreCause,
): Promise<void> {
  if (rows.length === 0) return;
  // Keys are UUIDv7 made here, as for every other row (PostgreSQL 15 has no uuidv7()).
  const withIds = rows.map((row) => ({ id: uuidv7(), ...row }));
  await db.execute(sql`insert into risk_score_history (id, organisation_id, person_id, as_of, score, tier, model_version, cause)
    select x.id, ${organisationId}, x.person_id, x.as_of, x.score, x.tier::risk_tier, ${RISK_MODEL_VERSION}, ${cause}::score_cause
    from jsonb_to_recordset(${JSON.stringify(withIds)}::jsonb) as x(id uuid, person_id uuid, as_of date, score int, tier text)`);
}

/**
 * Scores the given records (already read, their projection rows already locked) and writes the results. A
 * person whose record cannot be scored is reported in `failed` and left as they were.
 */
export async function scoreAndWrite(
  db: Executor,
  organisationId: string,
  records: readonly PersonRecord[],
  previous: ReadonlyMap<string, Previous>,
  options: RescoreOptions,
): Promise<RescoreOutcome> {
  const states: StateRow[] = [];
  const history: HistoryRow[] = [];
  const failed: RescoreOutcome['failed'] = [];
  for (const record of records) {
    let scored: ScoredRecord;
    let timeline: { asOf: string; score: number; tier: RiskTier }[] | null = null;
    try {
      scored = scoreRecord(record, options.asOf);
      if (options.historyFrom !== undefined)
        timeline = recordTimeline(record, options.historyFrom, options.asOf);
    } catch (error) {
      failed.push({ personId: record.personId, error });
      continue;
    }
    const { assessment } = scored;
    const before = previous.get(record.personId);
    let highSince: string | null;
    if (!isHigh(assessment.tier)) highSince = null;
    else if (timeline !== null) {
      // The first day of the last run of high or very high days in the history.
      let since: string | null = null;
      for (const point of timeline) since = isHigh(point.tier) ? (since ?? point.asOf) : null;
      highSince = since ?? assessment.asOf;
    } else
      highSince = isHigh(before?.risk_tier ?? null)
        ? (before?.risk_high_since ?? assessment.asOf)
        : assessment.asOf;
    states.push(stateRow(record.personId, scored, highSince));
    if (timeline !== null) {
      for (const point of timeline)
        history.push({ person_id: record.personId, as_of: point.asOf, score: point.score, tier: point.tier });
    } else if (
      before === undefined ||
      before.risk_score !== assessment.score ||
      before.risk_tier !== assessment.tier ||
      before.risk_model_version !== assessment.modelVersion
    ) {
      history.push({
        person_id: record.personId,
        as_of: assessment.asOf,
        score: assessment.score,
        tier: assessment.tier,
      });
    }
  }
  await writeStates(db, organisationId, states);
  await writeHistory(
    db,
    organisationId,
    history,
    options.historyFrom !== undefined ? 'history' : options.cause,
  );
  const changed = new Set(history.map((h) => h.person_id)).size;
  return { rescored: states.length, changed, failed };
}

/**
 * Re-scores `personIds` inside the caller's transaction (which must have set the tenant): locks their projection
 * rows, reads their records, scores them for `options.asOf` and writes projection and history.
 */
export async function rescorePeople(
  db: Executor,
  organisationId: string,
  personIds: readonly string[],
  options: RescoreOptions,
): Promise<RescoreOutcome> {
  if (personIds.length === 0) return { rescored: 0, changed: 0, failed: [] };
  const previous = await lockStates(db, organisationId, personIds);
  const records = await loadRecords(db, organisationId, personIds);
  return scoreAndWrite(db, organisationId, records, previous, options);
}
