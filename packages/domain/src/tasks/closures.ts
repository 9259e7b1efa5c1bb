import { addDays } from '../dates.ts';
import type { CalendarDate } from '../ids.ts';
import { isContinuousTransfer } from '../risk/transfer.ts';
import { parseInput } from './input.ts';
import { type ClosingEvent, taskKindDefinition } from './kinds.ts';
import { type OpenTask, type TaskClosure, TaskEvent } from './task.ts';
import { MISSED_REASON } from './vocabulary.ts';

/**
 * What closes a task without anyone closing it (the issue: "closing the event's window or recording the contact
 * closes the task automatically with that outcome"): a recorded event that does what the task asks
 * (`closuresForEvent`, driven by each kind's `closedBy` in kinds.ts), or the end of the risk window the task
 * served (`closuresForDay`), which closes it as missed so reports still count it.
 */

export interface TaskClosureToApply {
  taskId: string;
  closure: TaskClosure;
}

const closes: Readonly<Record<ClosingEvent, (event: TaskEvent) => boolean>> = {
  // Any attended contact counts, as it does for the risk model's "recent contact"; a missed one does not.
  attended_contact: (e) => e.type === 'contact' && e.details.attended,
  naloxone_supply: (e) => e.type === 'naloxone_supply',
  ost_start: (e) => e.type === 'ost_start',
  ost_dose_change: (e) => e.type === 'ost_dose_change',
  // A transfer with continuity is not an exit: the person stays on OST (risk model 2026.2).
  ost_exit: (e) => e.type === 'ost_exit' && !isContinuousTransfer(e.details),
  case_review: (e) => e.type === 'case_review',
};

/**
 * The open tasks `event` closes: those of the same person whose kind it closes, opened by an event on or before
 * the day it happened (a contact the day before a release does not count as the contact after it), and never
 * the task the event itself opened. Each closes on the event's day, naming the event.
 */
export function closuresForEvent(event: TaskEvent, openTasks: readonly OpenTask[]): TaskClosureToApply[] {
  const e = parseInput(TaskEvent, event, ['event'], 'The event is not valid');
  const result: TaskClosureToApply[] = [];
  for (const task of openTasks) {
    if (task.personId !== e.personId || task.source.eventId === e.id || e.occurredOn < task.source.eventOn)
      continue;
    const closer = taskKindDefinition(task.kind).closedBy.find((c) => closes[c.on](e));
    if (closer === undefined) continue;
    const closure: TaskClosure =
      closer.result.status === 'done'
        ? { status: 'done', outcome: closer.result.outcome, closedOn: e.occurredOn, byEventId: e.id }
        : { status: 'cancelled', reason: closer.result.reason, closedOn: e.occurredOn, byEventId: e.id };
    result.push({ taskId: task.id, closure });
  }
  return result;
}

/**
 * The open tasks whose risk window has ended by `today`: closed as missed ("Risk window ended: not done in
 * time"), dated the day after the window's last day whenever the job runs, so a late run records the same day.
 */
export function closuresForDay(openTasks: readonly OpenTask[], today: CalendarDate): TaskClosureToApply[] {
  const result: TaskClosureToApply[] = [];
  for (const task of openTasks) {
    if (task.windowEndsOn === null || task.windowEndsOn >= today) continue;
    result.push({
      taskId: task.id,
      closure: { status: 'missed', reason: MISSED_REASON, closedOn: addDays(task.windowEndsOn, 1) },
    });
  }
  return result;
}
