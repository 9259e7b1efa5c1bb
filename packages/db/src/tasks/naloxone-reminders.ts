import { addDays } from '@harbour/domain/dates';
import type { CalendarDate } from '@harbour/domain/ids';
import type { KitEvent } from '@harbour/domain/naloxone/kits';
import { EXPIRY_REMINDER_DAYS } from '@harbour/domain/naloxone/kits';
import { naloxoneExpiryReminders } from '@harbour/domain/naloxone/reminders';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../client.ts';
import { clinicalEvent } from '../schema/clinical-event.ts';
import { task } from '../schema/task.ts';
import { assigneeContext, openTaskOf, openTaskRows, taskInsert } from './store.ts';

/** The rule whose tasks are expiry reminders (`taskRuleCatalogue`). */
export const EXPIRY_RULE = 'TSK-NALOXONE-EXPIRY';

/**
 * The people who may be due a naloxone expiry reminder today: in treatment (an active or referred episode, so the
 * reminder has a keyworker or a team's list to go to) with a kit supplied whose expiry falls in the next 28 days.
 * Whether one is due is `naloxoneExpiryReminders`'s decision (a kit lasting longer, a report, an open naloxone
 * task all mean none); this only narrows who is asked.
 */
async function candidates(db: Executor, organisationId: string, today: CalendarDate): Promise<string[]> {
  const rows = rowsOf<{ person_id: string }>(
    await db.execute(sql`
      select distinct ev.person_id from clinical_event ev
      where ev.organisation_id = ${organisationId} and ev.type = 'naloxone_supply' and ev.status = 'active'
        and (ev.details->>'expiresOn') between ${today} and ${addDays(today, EXPIRY_REMINDER_DAYS)}
        and ev.occurred_on <= ${today}
        and exists (select 1 from treatment_episode e
                    where e.organisation_id = ev.organisation_id and e.person_id = ev.person_id
                      and e.status in ('active', 'referred'))
      order by ev.person_id`),
  );
  return rows.map((r) => r.person_id);
}

/** People per query when reading many people's kit events (well inside PostgreSQL's 65,535 parameters). */
const BATCH = 1000;

/**
 * The naloxone supplies and reports that count of each of `personIds`, grouped by person, in date order (same-day
 * events in the order they were recorded: ids are time-ordered), as the kit rules read them.
 */
export async function naloxoneEvents(
  db: Executor,
  organisationId: string,
  personIds: readonly string[],
): Promise<Map<string, KitEvent[]>> {
  const byPerson = new Map<string, KitEvent[]>(personIds.map((id) => [id, []]));
  for (let i = 0; i < personIds.length; i += BATCH) {
    const rows = await db
      .select({
        id: clinicalEvent.id,
        personId: clinicalEvent.personId,
        occurredOn: clinicalEvent.occurredOn,
        type: clinicalEvent.type,
        details: clinicalEvent.details,
      })
      .from(clinicalEvent)
      .where(
        and(
          eq(clinicalEvent.organisationId, organisationId),
          inArray(clinicalEvent.personId, personIds.slice(i, i + BATCH)),
          inArray(clinicalEvent.type, ['naloxone_supply', 'naloxone_report']),
          eq(clinicalEvent.status, 'active'),
        ),
      )
      .orderBy(clinicalEvent.occurredOn, clinicalEvent.id);
    for (const { personId, ...event } of rows) byPerson.get(personId)?.push(event as KitEvent);
  }
  return byPerson;
}

/** The kits (supply event ids) the person has already been reminded of, whatever became of the reminder. */
async function remindedKits(db: Executor, organisationId: string, personId: string): Promise<Set<string>> {
  const rows = await db
    .select({ kit: task.sourceEventId })
    .from(task)
    .where(
      and(eq(task.organisationId, organisationId), eq(task.personId, personId), eq(task.ruleId, EXPIRY_RULE)),
    );
  return new Set(rows.flatMap((r) => (r.kit === null ? [] : [r.kit])));
}

/**
 * Opens today's naloxone expiry reminders for one organisation (`naloxoneExpiryReminders`, 28 days ahead), in
 * the daily job's transaction. Never twice for one kit: a kit already reminded of is skipped whatever became of
 * its reminder (completed as "could not reach", cancelled), and a unique index on the reminder's kit holds even
 * if two runs raced. A new supply closes the reminder (`closuresForEvent`). Returns how many it opened.
 */
export async function openExpiryReminders(
  db: Executor,
  organisationId: string,
  today: CalendarDate,
): Promise<number> {
  const people = await candidates(db, organisationId, today);
  const events = await naloxoneEvents(db, organisationId, people);
  let opened = 0;
  for (const personId of people) {
    const open = (await openTaskRows(db, organisationId, personId)).map(openTaskOf);
    const due = naloxoneExpiryReminders({
      personId,
      events: events.get(personId) ?? [],
      today,
      openTasks: open,
    });
    const reminded = await remindedKits(db, organisationId, personId);
    const toOpen = due.filter((t) => t.source.eventId !== null && !reminded.has(t.source.eventId));
    if (toOpen.length === 0) continue;
    const context = await assigneeContext(db, organisationId, personId);
    const rows = await db
      .insert(task)
      .values(toOpen.map((t) => taskInsert(t, organisationId, today, context)))
      .onConflictDoNothing()
      .returning({ id: task.id });
    opened += rows.length;
  }
  return opened;
}
