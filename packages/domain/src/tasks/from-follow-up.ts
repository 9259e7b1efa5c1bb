import type { WorkingCalendar } from '../calendar/working-days.ts';
import type { ClinicalEventType } from '../events.ts';
import { DomainError } from '../errors.ts';
import { FollowUp, type FollowUpTaskKind } from '../follow-ups.ts';
import type { CalendarDate } from '../ids.ts';
import { openByRule } from './build.ts';
import { parseInput } from './input.ts';
import type { TaskRuleId } from './rules.ts';
import { type OpenTask, TaskToOpen } from './task.ts';

const listLine = TaskToOpen.shape.why;

/**
 * The follow-up tasks other rule sets ask for (follow-ups.ts: the pharmacy loop, the self-assessments, health
 * bookings) as tasks of this model, so every task shares one list, lifecycle and vocabulary. Each follow-up kind
 * has its rule (rules.ts) and so its task kind; the follow-up's own words are kept as the list line and its
 * source (an OST rule id, an instrument alert) as the task's `cause`.
 */
const ruleForKind: Readonly<Record<FollowUpTaskKind, TaskRuleId>> = {
  re_engagement: 'TSK-FOLLOW-UP-RE-ENGAGEMENT',
  missed_dose_review: 'TSK-FOLLOW-UP-MISSED-DOSE-REVIEW',
  supervision_review: 'TSK-FOLLOW-UP-SUPERVISION-REVIEW',
  urgent_contact: 'TSK-FOLLOW-UP-URGENT-CONTACT',
  outreach_missed_booking: 'TSK-FOLLOW-UP-MISSED-BOOKING',
};

export interface FollowUpSubject {
  personId: string;
  /** The recorded event it answers, when there is one (a pharmacy day or a booking is not a clinical event). */
  eventId?: string | null;
  eventType?: ClinicalEventType | null;
  /** The day it was raised (day 0); the follow-up's due day when not given. */
  raisedOn?: CalendarDate;
}

/**
 * The task for a follow-up of type `task` (alerts are not tasks: the service sends them). Due on the day the
 * follow-up says, moved to the next working day when the service is closed then. Invalid input is refused
 * (`INVALID_INPUT`); an alert is refused too.
 */
export function taskFromFollowUp(
  followUp: FollowUp,
  subject: FollowUpSubject,
  calendar?: WorkingCalendar,
): TaskToOpen {
  const f = parseInput(FollowUp, followUp, ['followUp'], 'The follow-up is not valid');
  if (f.type !== 'task')
    throw new DomainError('INVALID_INPUT', 'An alert is sent, not opened as a task', [
      { path: ['followUp', 'type'], message: 'Only a task follow-up opens a task' },
    ]);
  const eventOn = subject.raisedOn !== undefined && subject.raisedOn <= f.dueOn ? subject.raisedOn : f.dueOn;
  const task = openByRule(
    ruleForKind[f.kind],
    {
      personId: subject.personId,
      eventId: subject.eventId ?? null,
      eventType: subject.eventType ?? null,
      eventOn,
    },
    { calendar, agreedOn: f.dueOn, assignee: { kind: f.assignee } },
  );
  // The follow-up's own words are the list line when they fit one; otherwise the rule's line, with them inside.
  const fits = listLine.safeParse(f.reason).success;
  return {
    ...task,
    why: fits ? f.reason : task.why,
    note: fits ? null : f.reason.slice(0, 500),
    source: { ...task.source, cause: f.source.slice(0, 200) },
  };
}

/** True when an open task of the person's covers `task`: the same kind, due no later (as for an event's tasks). */
function coveredBy(task: TaskToOpen, openTasks: readonly Pick<OpenTask, 'personId' | 'kind' | 'dueOn'>[]) {
  return openTasks.some((t) => t.personId === task.personId && t.kind === task.kind && t.dueOn <= task.dueOn);
}

/**
 * The tasks a set of follow-ups opens for one person (alerts are left out: the service sends them). A task the
 * person already has open of the same kind, due no later, covers a new one, and so does one earlier in the same
 * set: a fourth missed day does not open a second re-engagement task beside the one still open, but an earlier
 * deadline is never lost.
 */
export function tasksFromFollowUps(
  followUps: readonly FollowUp[],
  subject: FollowUpSubject,
  options: {
    openTasks?: readonly Pick<OpenTask, 'personId' | 'kind' | 'dueOn'>[];
    calendar?: WorkingCalendar;
  } = {},
): TaskToOpen[] {
  const opened: TaskToOpen[] = [];
  for (const f of followUps) {
    if (f.type !== 'task') continue;
    const task = taskFromFollowUp(f, subject, options.calendar);
    if (!coveredBy(task, [...(options.openTasks ?? []), ...opened])) opened.push(task);
  }
  return opened;
}
