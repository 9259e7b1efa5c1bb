import { canReadTeamCaseload, type Actor } from '@harbour/domain/access/policy';
import type { CaseloadPage, CaseloadQueryParsed, CaseloadRow } from '@harbour/domain/caseload';
import { addDays, londonDate } from '@harbour/domain/dates';
import { DomainError } from '@harbour/domain/errors';
import { OstMedicine } from '@harbour/domain/medicines';
import { rowsOf, type Database, type Transaction } from '@harbour/db/client';
import { withTenant } from '@harbour/db/tenant';
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
  const dir = query.direction === 'desc' ? sql`desc` : sql`asc`;
  const order =
    query.sort === 'last_contact'
      ? sql`s.last_contact_on ${dir} nulls ${query.direction === 'desc' ? sql`last` : sql`first`}, p.family_name, p.given_name, p.id`
      : sql`p.family_name ${dir}, p.given_name ${dir}, p.id`;
  // The CTE is materialised on purpose: it makes the plan start from the team's episodes, never from an
  // organisation-wide walk of people in name order (which the planner otherwise prefers for the sort).
  return sql`
    with ${alongside ? sql`audit as (${alongside}), ` : sql``}e as materialized (
      select person_id, organisation_id, keyworker_id, status from treatment_episode
      where organisation_id = ${organisationId} and team_id = ${query.teamId} and status in ('active', 'referred')
    )
    select p.id as person_id, p.reference, p.given_name, p.family_name, e.status, k.display_name as keyworker_name,
           s.last_contact_on::text as last_contact_on, s.ost_medicine::text as ost_medicine, s.ost_dose_mg,
           count(*) over ()::int as total
    from e
    join person p on p.id = e.person_id and p.organisation_id = e.organisation_id
    left join person_state s on s.person_id = e.person_id and s.organisation_id = e.organisation_id
    left join staff k on k.id = e.keyworker_id and k.organisation_id = e.organisation_id
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
  };
}

/**
 * One page of a team's caseload, for a member of that team. The call is audited (one row, no person): the read
 * and its audit row are one statement, so they commit together or not at all (and if the audit row cannot be
 * written, nothing is returned). A refusal is audited before it is reported.
 */
export async function listCaseload(
  db: Database,
  actor: Actor,
  query: CaseloadQueryParsed,
  requestId: string,
  now: Date = new Date(),
): Promise<CaseloadPage> {
  const page = await withTenant(db, { organisationId: actor.organisationId, actorId: actor.staffId }, (tx) =>
    listCaseloadIn(tx, actor, query, requestId, now),
  );
  // Thrown after the transaction has committed, so the refusal's audit row is kept.
  if (page === null)
    throw new DomainError('FORBIDDEN', 'You can only see the caseloads of teams you belong to');
  return page;
}

async function listCaseloadIn(
  db: Transaction,
  actor: Actor,
  query: CaseloadQueryParsed,
  requestId: string,
  now: Date,
): Promise<CaseloadPage | null> {
  const decision = canReadTeamCaseload(actor, query.teamId);
  const audit = { actor, personId: null, action: 'list', procedure: 'caseload.list', requestId } as const;
  if (!decision.allowed) {
    await writeAudit(db, { ...audit, basis: null, outcome: 'denied', reason: decision.reason });
    return null;
  }
  const today = londonDate(now);
  const logged = auditInsert(db, { ...audit, basis: decision.basis, outcome: 'allowed' }).getSQL();
  const raw = rowsOf<RawRow>(await db.execute(caseloadSql(actor.organisationId, query, today, logged)));
  // Past the last page there are no rows to carry the window count: count once more from page 1 (a read of
  // the same caseload, already audited).
  const total =
    raw[0]?.total ??
    (query.page > 1
      ? (rowsOf<RawRow>(
          await db.execute(caseloadSql(actor.organisationId, { ...query, page: 1, pageSize: 10 }, today)),
        )[0]?.total ?? 0)
      : 0);
  return {
    rows: raw.map(toRow),
    page: query.page,
    pageSize: query.pageSize,
    total,
    pageCount: Math.ceil(total / query.pageSize),
  };
}
