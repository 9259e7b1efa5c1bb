import { canReadTeamCaseload, type Actor } from '@harbour/domain/access/policy';
import { addDays, londonDate } from '@harbour/domain/dates';
import { DomainError } from '@harbour/domain/errors';
import { OstMedicine } from '@harbour/domain/medicines';
import {
  NEW_TO_HIGH_DAYS,
  RISING_DAYS,
  RISING_POINTS,
  type CaseloadPage,
  type CaseloadQueryParsed,
  type CaseloadRow,
} from '@harbour/domain/caseload';
import { RISK_MODEL_VERSION, RiskTier } from '@harbour/domain/risk/codes';
import type { RiskReason } from '@harbour/domain/risk/stored';
import { rowsOf, type Database } from '@harbour/db/client';
import { tenantStatement, withTenant } from '@harbour/db/tenant';
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { auditInsert, writeAudit } from '../audit/write-audit.ts';

interface RawRow {
  person_id: string;
  reference: string;
  given_name: string;
  family_name: string;
  status: CaseloadRow['episodeStatus'];
  keyworker_name: string | null;
  last_contact_on: string | null;
  ost_medicine: string | null;
  ost_dose_mg: number | null;
  risk_tier: string | null;
  risk_score: number | null;
  risk_reasons: RiskReason[] | null;
  risk_high_since: string | null;
  risk_as_of: string | null;
  risk_stale: boolean;
  overdue_tasks: number;
  total: number;
}

/**
 * The caseload query, shared with the benchmark's minimal handler so both measure the same SQL. It starts from
 * the team's open episodes (the `(team_id, status)` index: a team holds a few hundred) and reads each person's
 * current OST and last attended contact from the `person_state` projection.
 */
export function caseloadSql(
  organisationId: string,
  query: CaseloadQueryParsed,
  today: string,
  /** A statement to run with the read, in the same statement (the audit row's insert). */
  alongside?: SQLWrapper,
): SQL {
  const filters: SQL[] = [sql`true`];
  if (query.keyworkerId) filters.push(sql`e.keyworker_id = ${query.keyworkerId}`);
  if (query.ost === 'on') filters.push(sql`s.ost_medicine is not null`);
  if (query.ost === 'off') filters.push(sql`s.ost_medicine is null`);
  if (query.noContactForDays) {
    filters.push(
      sql`(s.last_contact_on is null or s.last_contact_on <= ${addDays(today, -query.noContactForDays)})`,
    );
  }
  if (query.tier) filters.push(sql`s.risk_tier = ${query.tier}`);
  if (query.newToHigh) filters.push(sql`s.risk_high_since >= ${addDays(today, -NEW_TO_HIGH_DAYS)}`);
  // Rising: the score now against its lowest in the window, the score standing at the window's start included.
  const risingCutOff = addDays(today, -RISING_DAYS);
  const rising = query.rising
    ? sql`left join lateral (
        select min(w.score) as low from (
          (select h.score from risk_score_history h
           where h.person_id = e.person_id and h.organisation_id = e.organisation_id and h.as_of <= ${risingCutOff}
           order by h.as_of desc, h.computed_at desc limit 1)
          union all
          (select h.score from risk_score_history h
           where h.person_id = e.person_id and h.organisation_id = e.organisation_id and h.as_of > ${risingCutOff})
        ) w
      ) r on true`
    : sql``;
  if (query.rising) filters.push(sql`s.risk_score - r.low >= ${RISING_POINTS}`);
  const reverse = query.direction === 'desc';
  const dir = reverse ? sql`desc` : sql`asc`;
  const names = sql`p.family_name ${dir}, p.given_name ${dir}, p.id`;
  const order =
    query.sort === 'last_contact'
      ? sql`s.last_contact_on ${dir} nulls ${reverse ? sql`last` : sql`first`}, p.family_name, p.given_name, p.id`
      : query.sort === 'risk'
        ? reverse
          ? sql`s.risk_tier_rank asc nulls first, s.risk_score asc nulls first, p.family_name, p.given_name, p.id`
          : sql`s.risk_tier_rank desc nulls last, s.risk_score desc nulls last, p.family_name, p.given_name, p.id`
        : names;
  // The CTE is materialised on purpose: it makes the plan start from the team's episodes, never from an
  // organisation-wide walk of people in name order (which the planner otherwise prefers for the sort).
  return sql`
    with ${alongside ? sql`audit as (${alongside}), ` : sql``}e as materialized (
      select person_id, organisation_id, keyworker_id, status from treatment_episode
      where organisation_id = ${organisationId} and team_id = ${query.teamId} and status in ('active', 'referred')
    )
    select p.id as person_id, p.reference, p.given_name, p.family_name, e.status, k.display_name as keyworker_name,
           s.last_contact_on::text as last_contact_on, s.ost_medicine::text as ost_medicine, s.ost_dose_mg,
           s.risk_tier::text as risk_tier, s.risk_score, s.risk_reasons, s.risk_high_since::text as risk_high_since,
           s.risk_as_of::text as risk_as_of,
           (s.risk_as_of is null or s.risk_next_change_on <= ${today}
             or s.risk_model_version is distinct from ${RISK_MODEL_VERSION}) as risk_stale,
           -- Overdue tasks (due before today, still open): the partial index on open tasks by (person, due day).
           (select count(*)::int from task t
             where t.person_id = e.person_id and t.organisation_id = e.organisation_id
               and t.status = 'open' and t.due_on < ${today}) as overdue_tasks,
           count(*) over ()::int as total
    from e
    join person p on p.id = e.person_id and p.organisation_id = e.organisation_id
    left join person_state s on s.person_id = e.person_id and s.organisation_id = e.organisation_id
    left join staff k on k.id = e.keyworker_id and k.organisation_id = e.organisation_id
    ${rising}
    where ${sql.join(filters, sql` and `)}
    order by ${order}
    limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`;
}

function toRow(raw: RawRow): CaseloadRow {
  const medicine = OstMedicine.safeParse(raw.ost_medicine);
  return {
    personId: raw.person_id,
    reference: raw.reference,
    displayName: `${raw.family_name}, ${raw.given_name}`,
    keyworkerName: raw.keyworker_name,
    episodeStatus: raw.status,
    ostMedicine: medicine.success ? medicine.data : null,
    ostDoseMg: medicine.success ? raw.ost_dose_mg : null,
    lastContactOn: raw.last_contact_on,
    riskTier: RiskTier.safeParse(raw.risk_tier).data ?? null,
    riskScore: raw.risk_score,
    reasons: raw.risk_reasons ?? [],
    highSince: raw.risk_high_since,
    riskAsOf: raw.risk_as_of,
    riskStale: raw.risk_stale,
    overdueTasks: raw.overdue_tasks,
  };
}

/**
 * One page of a team's caseload, for a member of that team. The call is audited (one row, no person): the read
 * and its audit row are one statement, so they commit together or not at all (and if the audit row cannot be
 * written, nothing is returned); on PostgreSQL that statement and its tenant transaction take one round trip
 * (`tenantStatement`). A refusal is audited before it is reported.
 */
export async function listCaseload(
  db: Database,
  actor: Actor,
  query: CaseloadQueryParsed,
  requestId: string,
  now: Date = new Date(),
): Promise<CaseloadPage> {
  const tenant = { organisationId: actor.organisationId, actorId: actor.staffId };
  const decision = canReadTeamCaseload(actor, query.teamId);
  const audit = { actor, personId: null, action: 'list', procedure: 'caseload.list', requestId } as const;
  if (!decision.allowed) {
    await withTenant(db, tenant, (tx) =>
      writeAudit(tx, { ...audit, basis: null, outcome: 'denied', reason: decision.reason }),
    );
    // Thrown after the transaction has committed, so the refusal's audit row is kept.
    throw new DomainError('FORBIDDEN', 'You can only see the caseloads of teams you belong to');
  }
  const today = londonDate(now);
  const logged = auditInsert(db, { ...audit, basis: decision.basis, outcome: 'allowed' }).getSQL();
  const raw = await tenantStatement<RawRow>(
    db,
    tenant,
    caseloadSql(actor.organisationId, query, today, logged),
  );
  if (raw.length > 0 || query.page === 1) return pageOf(raw, query, query.page);
  // Past the last page (an old bookmark, a caseload that shrank): show the last page, never "page 999 of 10". A
  // read of the same caseload, already audited.
  return withTenant(db, tenant, async (tx) => {
    const first = rowsOf<RawRow>(
      await tx.execute(caseloadSql(actor.organisationId, { ...query, page: 1, pageSize: 10 }, today)),
    );
    const total = first[0]?.total ?? 0;
    const page = Math.max(1, Math.ceil(total / query.pageSize));
    const last =
      total > 0
        ? rowsOf<RawRow>(await tx.execute(caseloadSql(actor.organisationId, { ...query, page }, today)))
        : [];
    return pageOf(last, query, page);
  });
}

function pageOf(raw: RawRow[], query: CaseloadQueryParsed, page: number): CaseloadPage {
  const total = raw[0]?.total ?? 0;
  return {
    rows: raw.map(toRow),
    page,
    pageSize: query.pageSize,
    total,
    pageCount: Math.ceil(total / query.pageSize),
  };
}
