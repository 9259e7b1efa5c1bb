import { londonDate } from '@harbour/domain/dates';
import type { EventDetails, EventPayload } from '@harbour/domain/events';
import type { CalendarDate } from '@harbour/domain/ids';
import { overdoseFromNaloxoneReport } from '@harbour/domain/naloxone/used-report';
import type { TaskEvent } from '@harbour/domain/tasks/task';
import type { Transaction } from '@harbour/db/client';
import { clinicalEvent, clinicalEventVersion } from '@harbour/db/schema/clinical-event';
import {
  applyClosures as applyStoredClosures,
  closedRulesOfEvent,
  retractTasksOfEvent,
  storeTasksForEvent,
  type TasksForEventOutcome,
} from '@harbour/db/tasks/store';
import type { TaskClosureToApply } from '@harbour/domain/tasks/closures';

/**
 * The task side of writing to the record, in the write's own transaction (so an event and the tasks it opens or
 * closes commit together, or not at all). The rules are @harbour/domain/tasks; the store is @harbour/db/tasks.
 * The write's own audit row covers what it did to the tasks (they are part of the same entry).
 */

export interface RecordedEvent {
  id: string;
  personId: string;
  occurredOn: CalendarDate;
  payload: EventPayload;
}

const asTaskEvent = (e: RecordedEvent): TaskEvent =>
  ({ id: e.id, personId: e.personId, occurredOn: e.occurredOn, ...e.payload }) as TaskEvent;

/** Closes what `event` completes and opens what it starts (`closuresForEvent`, then `tasksForEvent`). */
export function openTasksForEvent(
  tx: Transaction,
  organisationId: string,
  event: RecordedEvent,
  now: Date,
  skipRules: readonly string[] = [],
): Promise<TasksForEventOutcome> {
  return storeTasksForEvent(tx, organisationId, asTaskEvent(event), londonDate(now), now, skipRules);
}

/** Applies closures the rules returned; `closedBy` is the member of staff, or null for an event or the job. */
export function applyClosures(
  tx: Transaction,
  organisationId: string,
  closures: readonly TaskClosureToApply[],
  closedBy: string | null,
  now: Date,
): Promise<string[]> {
  return applyStoredClosures(tx, organisationId, closures, closedBy, now);
}

/**
 * After an event is recorded: a naloxone kit reported "used" on the person becomes their overdose event
 * (`overdoseFromNaloxoneReport`), recorded beside the report, and each event then opens and closes its tasks.
 * Returns the overdose event's id when one was recorded.
 */
export async function tasksAfterRecording(
  tx: Transaction,
  organisationId: string,
  event: RecordedEvent,
  recordedBy: string,
  now: Date,
): Promise<{ overdoseEventId: string | null }> {
  await openTasksForEvent(tx, organisationId, event, now);
  if (event.payload.type !== 'naloxone_report') return { overdoseEventId: null };
  const overdose = overdoseFromNaloxoneReport(event.payload.details as EventDetails<'naloxone_report'>);
  if (overdose === null) return { overdoseEventId: null };
  const [row] = await tx
    .insert(clinicalEvent)
    .values({
      organisationId,
      personId: event.personId,
      type: overdose.type,
      occurredOn: event.occurredOn,
      details: overdose.details,
      recordedBy,
      recordedAt: now.toISOString(),
    })
    .returning({ id: clinicalEvent.id, version: clinicalEvent.version });
  if (!row) throw new Error('the overdose event was not written');
  await tx.insert(clinicalEventVersion).values({
    eventId: row.id,
    version: row.version,
    organisationId,
    personId: event.personId,
    type: overdose.type,
    occurredOn: event.occurredOn,
    details: overdose.details,
    status: 'active',
    reason: 'Recorded by Harbour from a naloxone kit reported used',
    writtenBy: recordedBy,
    writtenAt: now.toISOString(),
  });
  await openTasksForEvent(
    tx,
    organisationId,
    { id: row.id, personId: event.personId, occurredOn: event.occurredOn, payload: overdose },
    now,
  );
  return { overdoseEventId: row.id };
}

/**
 * After an event is amended or struck out: the open tasks it opened are cancelled, and an amended event opens
 * what it now asks (so a corrected date moves the due dates; a struck-out entry leaves nothing open).
 */
export async function tasksAfterChange(
  tx: Transaction,
  organisationId: string,
  event: RecordedEvent,
  change: 'amend' | 'strike_out',
  now: Date,
): Promise<void> {
  const today = londonDate(now);
  // What was already done (or missed, or cancelled by staff) for this event is not asked again.
  const closed = await closedRulesOfEvent(tx, organisationId, event.id);
  await retractTasksOfEvent(
    tx,
    organisationId,
    event.id,
    change === 'strike_out' ? 'opened_in_error' : 'no_longer_needed',
    today,
    now,
  );
  if (change === 'amend') await openTasksForEvent(tx, organisationId, event, now, closed);
}
