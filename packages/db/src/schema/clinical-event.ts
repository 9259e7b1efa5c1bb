import { clinicalEventTypes } from '@harbour/domain/events';
import { date, index, jsonb, pgEnum, pgTable, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, version } from './columns.ts';
import { treatmentEpisode } from './episode.ts';
import { organisation } from './organisation.ts';
import { person } from './person.ts';
import { staff } from './staff.ts';

export const clinicalEventType = pgEnum('clinical_event_type', clinicalEventTypes as [string, ...string[]]);

/**
 * A dated clinical event. `details` is validated by the domain's per-type schema before it is written
 * (`EventPayload` in @harbour/domain/events). Amending an event bumps `version`; nothing is deleted.
 */
export const clinicalEvent = pgTable(
  'clinical_event',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    personId: uuid()
      .notNull()
      .references(() => person.id),
    episodeId: uuid().references(() => treatmentEpisode.id),
    type: clinicalEventType().notNull(),
    occurredOn: date({ mode: 'string' }).notNull(),
    details: jsonb().notNull(),
    recordedBy: uuid().references(() => staff.id),
    recordedAt: instant().notNull().defaultNow(),
    version: version(),
    createdAt: createdAt(),
  },
  // The caseload reads "latest event of a type for a person": one index serves last contact and current OST.
  (t) => [index().on(t.personId, t.type, t.occurredOn.desc()), index().on(t.organisationId)],
);
