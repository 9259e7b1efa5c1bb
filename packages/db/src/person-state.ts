import { sql } from 'drizzle-orm';
import type { Executor } from './client.ts';

/**
 * Recomputes `person_state` for the given people from their clinical events (one statement, any number of
 * people). Call it in the same transaction as any write of clinical events, so the projection never lags.
 */
export async function refreshPersonState(
  db: Executor,
  organisationId: string,
  personIds: readonly string[],
): Promise<void> {
  if (personIds.length === 0) return;
  const ids = sql`array[${sql.join(
    personIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]`;
  await db.execute(sql`
    insert into person_state (person_id, organisation_id, last_contact_on, ost_medicine, ost_dose_mg, ost_since, refreshed_at)
    select p.id, p.organisation_id, lc.occurred_on,
           case when ost.type <> 'ost_exit' then (ost.details ->> 'medicine')::ost_medicine end,
           case when ost.type = 'ost_start' then (ost.details ->> 'doseMg')::real
                when ost.type = 'ost_dose_change' then (ost.details ->> 'toMg')::real end,
           case when ost.type <> 'ost_exit' then ost.occurred_on end,
           now()
    from person p
    left join lateral (
      select max(ce.occurred_on) as occurred_on from clinical_event ce
      where ce.person_id = p.id and ce.type = 'contact' and (ce.details ->> 'attended')::boolean
    ) lc on true
    left join lateral (
      select ce.type, ce.details, ce.occurred_on from clinical_event ce
      where ce.person_id = p.id and ce.type in ('ost_start', 'ost_dose_change', 'ost_exit')
      order by ce.occurred_on desc, ce.recorded_at desc, ce.id desc limit 1
    ) ost on true
    where p.organisation_id = ${organisationId} and p.id = any(${ids})
    on conflict (person_id) do update set
      last_contact_on = excluded.last_contact_on, ost_medicine = excluded.ost_medicine,
      ost_dose_mg = excluded.ost_dose_mg, ost_since = excluded.ost_since, refreshed_at = excluded.refreshed_at`);
}
