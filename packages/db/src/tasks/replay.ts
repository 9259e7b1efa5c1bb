import { addDays } from '@harbour/domain/dates';
import type { CalendarDate } from '@harbour/domain/ids';
import { closuresForDay, closuresForEvent } from '@harbour/domain/tasks/closures';
import { tasksForEvent } from '@harbour/domain/tasks/for-event';
import { escalationsForDay } from '@harbour/domain/tasks/overdue';
import type { OpenTask, TaskEvent } from '@harbour/domain/tasks/task';
import { uuidv7 } from 'uuidv7';
import type { DemoStructure, PeopleBatch } from '../demo/generate.ts';
import {
  closureValues,
  resolveAssignee,
  taskInsert,
  type AssigneeContext,
  type TaskInsert,
} from './store.ts';

/**
 * The demo's tasks, derived by running the same rules over its events as recording them would have (never
 * written by hand): each event of the last `REPLAY_DAYS` days, in order, closes what it completes and opens what
 * it starts on its own day; then the end of each risk window and the overdue escalations as of `asOf`. So some
 * demo people have open and overdue tasks, and some closed, done or missed.
 */

/** Longer than every task's risk window (84 days at most), so a task older than this would be closed anyway. */
export const REPLAY_DAYS = 120;

/** The events the rules read as context: earlier overdoses and the person's naloxone kits. */
const contextTypes = new Set(['non_fatal_overdose', 'naloxone_supply', 'naloxone_report']);
/** The events that may open a task (the others only close them). */
const closingOnly = new Set(['contact', 'naloxone_supply', 'ost_dose_change', 'suicidality']);

export function replayDemoTasks(
  batch: PeopleBatch,
  structure: DemoStructure,
  asOf: CalendarDate,
): TaskInsert[] {
  const from = addDays(asOf, -REPLAY_DAYS);
  const roleOf = new Map(structure.staff.map((s) => [s.id, s.role]));
  const leadOf = new Map<string, string>();
  for (const m of [...structure.memberships].sort((a, b) => (a.staffId < b.staffId ? -1 : 1)))
    if (roleOf.get(m.staffId) === 'team_lead' && !leadOf.has(m.teamId)) leadOf.set(m.teamId, m.staffId);
  const eventsOf = new Map<string, PeopleBatch['events']>();
  for (const e of batch.events) {
    const list = eventsOf.get(e.personId) ?? [];
    list.push(e);
    eventsOf.set(e.personId, list);
  }
  const organisationId = structure.organisation.id;
  const rows: TaskInsert[] = [];
  for (const episode of batch.episodes) {
    if (episode.status === 'discharged') continue;
    const events = (eventsOf.get(episode.personId) ?? [])
      .filter((e) => e.status !== 'entered_in_error')
      .sort((a, b) =>
        a.occurredOn === b.occurredOn ? (a.id < b.id ? -1 : 1) : a.occurredOn < b.occurredOn ? -1 : 1,
      );
    const context: AssigneeContext = {
      teamId: episode.teamId,
      keyworkerId: episode.keyworkerId ?? null,
      prescriberId: null,
      teamLeadId: leadOf.get(episode.teamId) ?? null,
    };
    const byId = new Map<string, TaskInsert>();
    let open: OpenTask[] = [];
    const seen: TaskEvent[] = [];
    for (const event of events) {
      const asTask = event as unknown as TaskEvent;
      if ((event.type === 'ost_start' || event.type === 'ost_dose_change') && event.recordedBy)
        if (roleOf.get(event.recordedBy) === 'prescriber') context.prescriberId = event.recordedBy;
      if (event.occurredOn >= from) {
        for (const { taskId, closure } of closuresForEvent(asTask, open)) {
          const row = byId.get(taskId);
          if (row)
            Object.assign(row, closureValues(closure, null, new Date(`${closure.closedOn}T12:00:00Z`)));
          open = open.filter((t) => t.id !== taskId);
        }
        if (!closingOnly.has(event.type)) {
          for (const toOpen of tasksForEvent(asTask, {
            today: event.occurredOn,
            events: seen,
            openTasks: open,
          })) {
            const id = uuidv7();
            const row = { ...taskInsert(toOpen, organisationId, event.occurredOn, context), id };
            row.assigneeStaffId = resolveAssignee(toOpen.assignee, context);
            byId.set(id, row);
            rows.push(row);
            open.push({ ...toOpen, id });
          }
        }
      }
      if (contextTypes.has(event.type)) seen.push(asTask);
    }
    for (const { taskId, closure } of closuresForDay(open, asOf)) {
      const row = byId.get(taskId);
      if (row) Object.assign(row, closureValues(closure, null, new Date(`${closure.closedOn}T12:00:00Z`)));
      open = open.filter((t) => t.id !== taskId);
    }
    for (const { taskId, escalation } of escalationsForDay(open, asOf)) {
      const row = byId.get(taskId);
      if (row)
        Object.assign(row, {
          escalatedTo: escalation.to,
          escalationReason: escalation.reason,
          escalatedOn: escalation.on,
        });
    }
  }
  return rows;
}
