import type { z } from 'zod';
import { englandAndWales, type WorkingCalendar } from '../calendar/working-days.ts';
import { caseReviewActionTasks } from '../case-review/actions.ts';
import { daysBetween } from '../dates.ts';
import { DomainError, type Issue } from '../errors.ts';
import type { EventDetails } from '../events.ts';
import { CalendarDate } from '../ids.ts';
import { holdsInDateKit, kitsOn } from '../naloxone/kits.ts';
import { overdoseFromNaloxoneReport } from '../naloxone/used-report.ts';
import { isContinuousTransfer } from '../risk/transfer.ts';
import { parseInput } from './input.ts';
import { openByRule, type OpenOptions, type RuleSubject } from './build.ts';
import { taskKindDefinition } from './kinds.ts';
import type { TaskRuleId } from './rules.ts';
import { type OpenTask, TaskEvent, type TaskToOpen } from './task.ts';

/**
 * `tasksForEvent`: the tasks a recorded event opens (workflows.md "Transitions", "Non-fatal overdose",
 * "Naloxone"; drd-risk.md "Case review"). Pure: event in, tasks out; the service stores them in the same
 * transaction as the event. Which rule opens what, when it is due and why is in rules.ts and docs/tasks.md.
 */

/** Another overdose this many days either side makes this one a repeat (workflows.md: "within 90 days"). */
export const REPEAT_OVERDOSE_DAYS = 90;

export interface TaskContext {
  /** The day the event is recorded. Events after it are refused. */
  today: CalendarDate;
  /** The person's other events (any order; the event itself may be among them): kits, earlier overdoses. */
  events?: readonly TaskEvent[];
  /** The person's open tasks: a task already open for the same need, due no later, is not opened again. */
  openTasks?: readonly OpenTask[];
  calendar?: WorkingCalendar;
}

function invalid(message: string, issues: Issue[]): DomainError {
  return new DomainError('INVALID_INPUT', message, issues);
}

const parse = <T>(schema: z.ZodType<T>, value: unknown, path: (string | number)[]): T =>
  parseInput(schema, value, path, 'The event or its context is not valid');

interface Working {
  event: TaskEvent;
  others: TaskEvent[];
  today: CalendarDate;
  calendar: WorkingCalendar;
  subject: RuleSubject;
}

function open(w: Working, ruleId: TaskRuleId, options: OpenOptions = {}): TaskToOpen {
  return openByRule(ruleId, w.subject, { calendar: w.calendar, ...options });
}

/** No kit in date for more than the reminder's 28 days: a transition is the moment to supply one. */
function needsNaloxone(w: Working): boolean {
  return !kitsOn([...w.others, w.event], w.today).some((k) => k.status === 'held');
}

function overdoseTasks(w: Working, source: EventDetails<'non_fatal_overdose'>['source']): TaskToOpen[] {
  const on = w.event.occurredOn;
  const overdoses = w.others.filter((e) => e.type === 'non_fatal_overdose');
  // Several reports of one overdose (ambulance, A&E, police) are one overdose: its first report opened the tasks.
  if (overdoses.some((e) => e.occurredOn === on)) return [];
  const near = overdoses.filter((e) => Math.abs(daysBetween(e.occurredOn, on)) <= REPEAT_OVERDOSE_DAYS);
  const repeat = near.length > 0;
  const escalation = repeat
    ? { to: 'team_lead' as const, reason: 'repeat_overdose' as const, on: w.today }
    : undefined;
  const tasks = [
    open(w, source === 'self_report' ? 'TSK-OVERDOSE-FOLLOW-UP-SELF-REPORTED' : 'TSK-OVERDOSE-FOLLOW-UP', {
      escalation,
    }),
    open(w, 'TSK-OVERDOSE-DOSE-REVIEW'),
    open(w, 'TSK-OVERDOSE-NALOXONE'),
  ];
  if (repeat) {
    // An earlier overdose recorded late still escalates: the review is counted from the later overdose.
    const latest = near.reduce((max, e) => (e.occurredOn > max ? e.occurredOn : max), on);
    tasks.push(open(w, 'TSK-REPEAT-OVERDOSE', { countFrom: latest, whyDate: latest }));
  }
  return tasks;
}

function candidates(w: Working): TaskToOpen[] {
  const event = w.event;
  const naloxone = (rule: TaskRuleId): TaskToOpen[] => (needsNaloxone(w) ? [open(w, rule)] : []);
  switch (event.type) {
    case 'prison_release':
      return [
        open(w, 'TSK-RELEASE-CONTACT'),
        open(w, 'TSK-RELEASE-NALOXONE'),
        open(w, 'TSK-RELEASE-PRESCRIBING'),
      ];
    case 'hospital_discharge':
      return [
        open(w, event.details.selfDischarged ? 'TSK-SELF-DISCHARGE-CONTACT' : 'TSK-DISCHARGE-CONTACT'),
        ...naloxone('TSK-DISCHARGE-NALOXONE'),
      ];
    case 'ost_start':
      return [
        ...(event.details.medicine === 'methadone' ? [open(w, 'TSK-OST-START-INDUCTION-REVIEW')] : []),
        ...naloxone('TSK-OST-START-NALOXONE'),
      ];
    case 'ost_exit':
      // A transfer the receiving service confirms it continues with no gap is not an exit (risk model 2026.2).
      if (isContinuousTransfer(event.details)) return [];
      return [
        open(w, 'TSK-OST-EXIT-CONTACT'),
        open(w, 'TSK-OST-EXIT-GP'),
        ...naloxone('TSK-OST-EXIT-NALOXONE'),
      ];
    case 'detox_completion':
      return [open(w, 'TSK-DETOX-CONTACT'), ...naloxone('TSK-DETOX-NALOXONE')];
    case 'non_fatal_overdose':
      return overdoseTasks(w, event.details.source);
    case 'naloxone_report': {
      // The person's own overdose is recorded as an overdose event, which opens the resupply with the rest.
      if (overdoseFromNaloxoneReport(event.details) !== null) return [];
      const kits = kitsOn([...w.others, event], w.today);
      return holdsInDateKit(kits) ? [] : [open(w, 'TSK-NALOXONE-REPORT-RESUPPLY')];
    }
    case 'case_review':
      return caseReviewActionTasks(event, w.calendar);
    // Contacts, supplies and dose changes close tasks (closures.ts); suicidal thoughts open the same-day suicide
    // risk review of the health needs (health/checks.ts), not a task here.
    case 'contact':
    case 'naloxone_supply':
    case 'ost_dose_change':
    case 'suicidality':
      return [];
  }
}

/** True when an open task already covers `task`: the same event and rule, or the same need due no later. */
function covered(task: TaskToOpen, openTasks: readonly OpenTask[]): boolean {
  return openTasks.some(
    (t) =>
      t.personId === task.personId &&
      t.kind === task.kind &&
      ((t.source.eventId === task.source.eventId && t.source.ruleId === task.source.ruleId) ||
        (taskKindDefinition(task.kind).distinctEachTime !== true && t.dueOn <= task.dueOn)),
  );
}

/**
 * The tasks `event` opens, given the person's other events and open tasks. Invalid input, an event dated after
 * `today`, or context about another person is refused (`INVALID_INPUT`) and opens nothing. An event recorded
 * late opens only the tasks whose risk window is still open today; a task already open for the same need is
 * not opened twice, so running this again for the same event opens nothing new.
 */
export function tasksForEvent(event: TaskEvent, context: TaskContext): TaskToOpen[] {
  const parsed = parse(TaskEvent, event, ['event']);
  const today = parse(CalendarDate, context.today, ['today']);
  if (parsed.occurredOn > today)
    throw invalid('An event cannot be dated after today', [
      { path: ['event', 'occurredOn'], message: `${parsed.occurredOn} is after today (${today})` },
    ]);
  const others: TaskEvent[] = [];
  (context.events ?? []).forEach((e, i) => {
    const other = parse(TaskEvent, e, ['events', i]);
    if (other.personId !== parsed.personId)
      throw invalid('The events are not all about the same person', [
        { path: ['events', i, 'personId'], message: 'This event is about someone else' },
      ]);
    if (other.id !== parsed.id && other.occurredOn <= today) others.push(other);
  });
  const w: Working = {
    event: parsed,
    others,
    today,
    calendar: context.calendar ?? englandAndWales,
    subject: {
      personId: parsed.personId,
      eventId: parsed.id,
      eventType: parsed.type,
      eventOn: parsed.occurredOn,
    },
  };
  const openTasks = context.openTasks ?? [];
  return candidates(w).filter(
    (task) => (task.windowEndsOn === null || task.windowEndsOn >= today) && !covered(task, openTasks),
  );
}
