import { dischargeReasons, episodeStatuses } from '@harbour/domain/episode';
import { sql } from 'drizzle-orm';
import { check, date, index, pgEnum, pgTable, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, version } from './columns.ts';
import { organisation, service, team } from './organisation.ts';
import { person } from './person.ts';
import { staff } from './staff.ts';

export const episodeStatus = pgEnum('episode_status', episodeStatuses);
export const dischargeReason = pgEnum('discharge_reason', dischargeReasons);

/** One period in structured treatment. A team's caseload is its active episodes. */
export const treatmentEpisode = pgTable(
  'treatment_episode',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    personId: uuid()
      .notNull()
      .references(() => person.id),
    serviceId: uuid()
      .notNull()
      .references(() => service.id),
    teamId: uuid()
      .notNull()
      .references(() => team.id),
    keyworkerId: uuid().references(() => staff.id),
    status: episodeStatus().notNull(),
    referredOn: date({ mode: 'string' }).notNull(),
    startedOn: date({ mode: 'string' }),
    endedOn: date({ mode: 'string' }),
    dischargeReason: dischargeReason(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: instant().notNull().defaultNow(),
  },
  (t) => [
    index().on(t.teamId, t.status),
    index().on(t.personId),
    index().on(t.keyworkerId),
    check(
      'episode_dates_ordered',
      sql`${t.endedOn} is null or ${t.endedOn} >= coalesce(${t.startedOn}, ${t.referredOn})`,
    ),
    check(
      'episode_discharge_complete',
      sql`(${t.status} = 'discharged') = (${t.endedOn} is not null and ${t.dischargeReason} is not null)`,
    ),
  ],
);
