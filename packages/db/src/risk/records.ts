import type { EpisodeStatus } from '@harbour/domain/episode';
import type { CalendarDate } from '@harbour/domain/ids';
import type { Sex } from '@harbour/domain/person';
import type { RecordedFact } from '@harbour/domain/record/facts';
import type { RiskRecordEvent } from '@harbour/domain/risk/from-record';
import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../client.ts';

/**
 * Reading what the risk model needs of a set of people, in five statements whatever their number: the person,
 * their episodes, their events (entered-in-error ones left out), their current facts and the pharmacy loop of
 * their current OST plans (consecutive days without a dose, for MISSED_DOSES). Shared by the re-scoring
 * of one person after an entry, the daily sweep, `pnpm rescore` and the benchmark's floor (which reads exactly
 * these rows and does nothing with them). Dates come back as text (`YYYY-MM-DD`), never as driver `Date`s.
 */

export interface PersonRecord {
  personId: string;
  sex: Sex;
  dateOfBirth: CalendarDate;
  episodes: {
    status: EpisodeStatus;
    referredOn: CalendarDate;
    startedOn: CalendarDate | null;
    endedOn: CalendarDate | null;
  }[];
  events: RiskRecordEvent[];
  facts: RecordedFact[];
  /** Consecutive days without a dose in the pharmacy loop of the current plan (0 without one). */
  consecutiveMissedDoses: number;
}

/** `ids` as one bound parameter: `= any(string_to_array($1, ',')::uuid[])` (one parameter for any number). */
export function idList(ids: readonly string[]) {
  return sql`string_to_array(${ids.join(',')}, ',')::uuid[]`;
}

interface PersonRow {
  id: string;
  sex: Sex;
  date_of_birth: string;
}
interface EpisodeRow {
  person_id: string;
  status: EpisodeStatus;
  referred_on: string;
  started_on: string | null;
  ended_on: string | null;
}
interface EventRow {
  person_id: string;
  id: string;
  type: RiskRecordEvent['type'];
  occurred_on: string;
  details: unknown;
}
interface FactRow {
  person_id: string;
  kind: RecordedFact['kind'];
  recorded_on: string;
  details: unknown;
}

interface MissedRow {
  person_id: string;
  days: number;
}

/** The raw rows of `loadRecords`, before they are grouped by person. */
export interface RecordRows {
  people: PersonRow[];
  episodes: EpisodeRow[];
  events: EventRow[];
  facts: FactRow[];
  missed: MissedRow[];
}

/** Reads the rows. Events come in date order within each person (the order the mapper wants). */
export async function readRecordRows(
  db: Executor,
  organisationId: string,
  personIds: readonly string[],
): Promise<RecordRows> {
  const ids = idList(personIds);
  const people = rowsOf<PersonRow>(
    await db.execute(sql`select id, sex, date_of_birth::text as date_of_birth from person
      where organisation_id = ${organisationId} and id = any(${ids})`),
  );
  const episodes = rowsOf<EpisodeRow>(
    await db.execute(sql`select person_id, status, referred_on::text as referred_on, started_on::text as started_on,
        ended_on::text as ended_on
      from treatment_episode where organisation_id = ${organisationId} and person_id = any(${ids})`),
  );
  const events = rowsOf<EventRow>(
    await db.execute(sql`select person_id, id, type, occurred_on::text as occurred_on, details from clinical_event
      where organisation_id = ${organisationId} and person_id = any(${ids}) and status = 'active'
      order by person_id, occurred_on, recorded_at, id`),
  );
  const facts = rowsOf<FactRow>(
    await db.execute(sql`select person_id, kind, recorded_on::text as recorded_on, details from person_fact
      where organisation_id = ${organisationId} and person_id = any(${ids})`),
  );
  // The loop's count as of its last recording: a plan not yet ended, with a dispensing loop (not an injection).
  const missed = rowsOf<MissedRow>(
    await db.execute(sql`select person_id, max((dispensing->>'daysWithoutDose')::int)::int as days from ost_plan
      where organisation_id = ${organisationId} and person_id = any(${ids}) and phase <> 'ended'
        and dispensing is not null
      group by person_id`),
  );
  return { people, episodes, events, facts, missed };
}

/** Groups the rows by person (people not found are left out). Trusts the stored details: they were checked when written. */
export function groupRecords(rows: RecordRows): PersonRecord[] {
  const byId = new Map<string, PersonRecord>();
  for (const p of rows.people)
    byId.set(p.id, {
      personId: p.id,
      sex: p.sex,
      dateOfBirth: p.date_of_birth,
      episodes: [],
      events: [],
      facts: [],
      consecutiveMissedDoses: 0,
    });
  for (const e of rows.episodes)
    byId.get(e.person_id)?.episodes.push({
      status: e.status,
      referredOn: e.referred_on,
      startedOn: e.started_on,
      endedOn: e.ended_on,
    });
  for (const e of rows.events)
    byId.get(e.person_id)?.events.push({
      id: e.id,
      type: e.type,
      occurredOn: e.occurred_on,
      details: e.details,
    } as RiskRecordEvent);
  for (const f of rows.facts)
    byId
      .get(f.person_id)
      ?.facts.push({ kind: f.kind, recordedOn: f.recorded_on, details: f.details } as RecordedFact);
  for (const m of rows.missed) {
    const record = byId.get(m.person_id);
    if (record) record.consecutiveMissedDoses = m.days;
  }
  return [...byId.values()];
}

/** Reads and groups the records of `personIds`. */
export async function loadRecords(
  db: Executor,
  organisationId: string,
  personIds: readonly string[],
): Promise<PersonRecord[]> {
  return groupRecords(await readRecordRows(db, organisationId, personIds));
}
