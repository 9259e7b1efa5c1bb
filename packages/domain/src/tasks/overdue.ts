import { z } from 'zod';
import { englandAndWales, workingDaysBetween, type WorkingCalendar } from '../calendar/working-days.ts';
import { daysBetween } from '../dates.ts';
import type { CalendarDate } from '../ids.ts';
import { formatLongDate } from '../risk/day-number.ts';
import type { OpenTask, TaskEscalation } from './task.ts';

/**
 * When an open task is due, how long it is overdue, and when it escalates. A task is due on its day and
 * overdue from the next day; how long is counted in working days ("2 working days overdue"), because that is
 * the time the team had to act.
 */

/** Per-service escalation settings. A service may escalate sooner, never later than the bounds allow. */
export const TaskSettings = z.strictObject({
  /** An urgent task (acute window: release, discharge, overdose, exit) escalates once this many working days overdue. */
  escalateUrgentAfterWorkingDays: z.int().min(1).max(2).default(1),
  /** A routine task (an expiry reminder, a case review action) escalates once this many working days overdue. */
  escalateRoutineAfterWorkingDays: z.int().min(1).max(10).default(3),
});
export type TaskSettings = z.infer<typeof TaskSettings>;
export const defaultTaskSettings: TaskSettings = TaskSettings.parse({});

export type DueState = 'coming' | 'due_today' | 'overdue';

export interface TaskTiming {
  state: DueState;
  /** Working days after the due date up to today; 0 unless overdue (and 0 over a weekend straight after it). */
  overdueWorkingDays: number;
  /** Calendar days after the due date; 0 unless overdue. */
  overdueDays: number;
  /** `Due 3 April 2026` · `Due today` · `2 working days overdue` · `Overdue: due 3 April 2026`. */
  label: string;
}

/** Where `task` stands on `today`. */
export function taskTiming(
  task: Pick<OpenTask, 'dueOn'>,
  today: CalendarDate,
  calendar: WorkingCalendar = englandAndWales,
): TaskTiming {
  if (task.dueOn > today)
    return {
      state: 'coming',
      overdueWorkingDays: 0,
      overdueDays: 0,
      label: `Due ${formatLongDate(task.dueOn)}`,
    };
  if (task.dueOn === today)
    return { state: 'due_today', overdueWorkingDays: 0, overdueDays: 0, label: 'Due today' };
  const working = workingDaysBetween(task.dueOn, today, calendar);
  return {
    state: 'overdue',
    overdueWorkingDays: working,
    overdueDays: daysBetween(task.dueOn, today),
    label:
      working === 0
        ? `Overdue: due ${formatLongDate(task.dueOn)}`
        : `${working} working day${working === 1 ? '' : 's'} overdue`,
  };
}

/** How many of the tasks are overdue on `today` (the caseload row's count). */
export function overdueCount(tasks: readonly Pick<OpenTask, 'dueOn'>[], today: CalendarDate): number {
  return tasks.filter((t) => t.dueOn < today).length;
}

/** List order: earliest due first (so overdue, then today, then coming); urgent before routine on the same day. */
export function compareForList(
  a: Pick<OpenTask, 'dueOn' | 'priority'>,
  b: Pick<OpenTask, 'dueOn' | 'priority'>,
): number {
  if (a.dueOn !== b.dueOn) return a.dueOn < b.dueOn ? -1 : 1;
  if (a.priority !== b.priority) return a.priority === 'urgent' ? -1 : 1;
  return 0;
}

export interface EscalationToApply {
  taskId: string;
  escalation: TaskEscalation;
}

/**
 * Open tasks overdue long enough to escalate on `today`, and not already escalated: urgent ones after 1 working
 * day overdue, routine ones after 3 (settings). They go to the team lead, or to the service manager when the
 * task is already the team lead's. The task stays with its assignee; the escalation makes it visible higher up.
 */
export function escalationsForDay(
  openTasks: readonly OpenTask[],
  today: CalendarDate,
  settings: TaskSettings = defaultTaskSettings,
  calendar: WorkingCalendar = englandAndWales,
): EscalationToApply[] {
  const result: EscalationToApply[] = [];
  for (const task of openTasks) {
    if (task.escalation !== null || task.dueOn >= today) continue;
    const after =
      task.priority === 'urgent'
        ? settings.escalateUrgentAfterWorkingDays
        : settings.escalateRoutineAfterWorkingDays;
    if (workingDaysBetween(task.dueOn, today, calendar) < after) continue;
    const to = task.assignee.kind === 'team_lead' ? 'service_manager' : 'team_lead';
    result.push({ taskId: task.id, escalation: { to, reason: 'overdue', on: today } });
  }
  return result;
}
