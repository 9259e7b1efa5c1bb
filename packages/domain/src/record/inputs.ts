import { z } from 'zod';
import { ClinicalEventType, EventPayload } from '../events.ts';
import { CalendarDate, Id } from '../ids.ts';
import { multiLine, singleLine } from '../text.ts';
import { FactKind, FactPayload } from './facts.ts';

/**
 * The inputs of the procedures that write and read a person's clinical record (packages/api routers/record.ts).
 * Writes name the version they change (optimistic concurrency: a stale write is a conflict, never an overwrite)
 * and amendments give a reason, kept with the old version.
 */

/** Why an entry is being changed: kept with the old version and shown in the history. */
export const AmendmentReason = multiLine({
  min: 5,
  max: 500,
  tooShort: 'Say why this is being changed (at least 5 characters)',
});

const expectedVersion = z.int().positive().max(1_000_000);

export const RecordEventInput = z.strictObject({
  personId: Id,
  /**
   * Made when the form is shown and sent with it: a submission sent twice (a double click, a retry after a
   * dropped connection) records the event once (security.md promise 9).
   */
  idempotencyKey: Id,
  occurredOn: CalendarDate,
  event: EventPayload,
});
export type RecordEventInput = z.infer<typeof RecordEventInput>;

export const AmendEventInput = z.strictObject({
  personId: Id,
  eventId: Id,
  expectedVersion,
  occurredOn: CalendarDate,
  event: EventPayload,
  reason: AmendmentReason,
});
export type AmendEventInput = z.infer<typeof AmendEventInput>;

/** Marks an entry as entered in error: it stays in the history, struck out, and stops counting. */
export const StrikeOutEventInput = z.strictObject({
  personId: Id,
  eventId: Id,
  expectedVersion,
  reason: AmendmentReason,
});
export type StrikeOutEventInput = z.infer<typeof StrikeOutEventInput>;

/**
 * Records a current fact. The first record of a kind has no version to name (`expectedVersion` null) and needs
 * no reason; every later one names the version it replaces and says why.
 */
export const SetFactInput = z
  .strictObject({
    personId: Id,
    expectedVersion: expectedVersion.nullable(),
    recordedOn: CalendarDate,
    fact: FactPayload,
    reason: AmendmentReason.nullable(),
  })
  .refine((input) => input.expectedVersion === null || input.reason !== null, {
    message: 'Say why this is being changed (at least 5 characters)',
    path: ['reason'],
  });
export type SetFactInput = z.infer<typeof SetFactInput>;

export const HISTORY_PAGE_SIZES = [10, 25, 50, 100] as const;

/** A page of a person's history, newest first, optionally of some kinds only. */
export const HistoryQuery = z.strictObject({
  personId: Id,
  page: z.int().min(1).max(10_000).default(1),
  pageSize: z.union(HISTORY_PAGE_SIZES.map((n) => z.literal(n))).default(25),
  types: z.array(ClinicalEventType).max(ClinicalEventType.options.length).default([]),
});
export type HistoryQuery = z.input<typeof HistoryQuery>;

export const EventVersionsQuery = z.strictObject({ personId: Id, eventId: Id });
export const FactVersionsQuery = z.strictObject({ personId: Id, kind: FactKind });

/**
 * Find a person: a name (or part of one), a reference or a date of birth. Sent in a POST body, never a URL
 * (security.md promise 12), and never written to the audit trail or the logs.
 */
export const PersonSearch = z.strictObject({
  query: singleLine({
    min: 2,
    max: 100,
    tooShort: 'Enter at least 2 characters of a name, a reference or a date of birth',
  }),
});
export type PersonSearch = z.infer<typeof PersonSearch>;
