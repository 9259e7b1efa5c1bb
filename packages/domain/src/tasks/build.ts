import { addDays } from '../dates.ts';
import type { ClinicalEventType } from '../events.ts';
import type { CalendarDate } from '../ids.ts';
import { formatLongDate } from '../risk/day-number.ts';
import { englandAndWales, type WorkingCalendar } from '../calendar/working-days.ts';
import { type Assignee, assigneeFor } from './assignee.ts';
import { dueDate } from './due.ts';
import { type TaskKind, taskKindDefinition } from './kinds.ts';
import { taskRule, type TaskRuleId, windowLastDay } from './rules.ts';
import type { TaskEscalation, TaskToOpen } from './task.ts';
import type { TaskPriority } from './vocabulary.ts';

/** What a rule opens a task about: the person and the event (day 0). */
export interface RuleSubject {
  /** Null only for a kind about no one (an anonymous request). */
  personId: string | null;
  eventId: string | null;
  eventType: ClinicalEventType | null;
  eventOn: CalendarDate;
}

export interface OpenOptions {
  calendar?: WorkingCalendar;
  /** The date agreed or known, for `by_date` rules. */
  agreedOn?: CalendarDate;
  /** The date the task list names, when not the event's day (a kit's expiry). */
  whyDate?: CalendarDate;
  /** The day the due date and window are counted from, when not the event's (the later of two overdoses). */
  countFrom?: CalendarDate;
  /** A kind other than the rule's (a case review action that is a naloxone supply). */
  kind?: TaskKind;
  assignee?: Assignee;
  priority?: TaskPriority;
  escalation?: TaskEscalation;
  /** Added to the rule's words on lists: a plain label from the vocabulary, never free text. */
  whySuffix?: string;
  note?: string | null;
}

/** The task `ruleId` opens for `subject`, with its due date, window, assignee and words from the catalogue. */
export function openByRule(ruleId: TaskRuleId, subject: RuleSubject, options: OpenOptions = {}): TaskToOpen {
  const rule = taskRule(ruleId);
  const kind = options.kind ?? rule.kind;
  const definition = taskKindDefinition(kind);
  const from = options.countFrom ?? subject.eventOn;
  const due = dueDate(from, rule.due, options.calendar ?? englandAndWales, options.agreedOn ?? null);
  const lastDay = windowLastDay(rule.window);
  const why = rule.why.replace('{date}', formatLongDate(options.whyDate ?? subject.eventOn));
  return {
    personId: subject.personId,
    kind,
    dueOn: due.dueOn,
    sameDay: due.sameDay,
    assignee: options.assignee ?? assigneeFor(rule.assignee ?? definition.assignee),
    priority: options.priority ?? rule.priority ?? definition.priority,
    why: options.whySuffix === undefined ? why : `${why}: ${options.whySuffix}`,
    note: options.note ?? null,
    source: {
      eventId: subject.eventId,
      eventType: subject.eventType,
      eventOn: subject.eventOn,
      ruleId,
    },
    windowEndsOn: lastDay === null ? null : addDays(from, lastDay),
    escalation: options.escalation ?? null,
  };
}
