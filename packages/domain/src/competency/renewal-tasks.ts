import { englandAndWales, type WorkingCalendar } from '../calendar/working-days.ts';
import type { CalendarDate } from '../ids.ts';
import { formatLongDate } from '../risk/day-number.ts';
import { byDate, dueDate } from '../tasks/due.ts';
import type { EscalationToApply } from '../tasks/overdue.ts';
import {
  competencyKindLabels,
  competencyOn,
  type CompetencyKind,
  type CompetencyLike,
} from './competencies.ts';
import type { CompetencyReminder } from './reminders.ts';

/** The stable rule id stored with a renewal task. */
export const COMPETENCY_RENEWAL_RULE = 'TSK-COMPETENCY-RENEWAL';

/** A competency reminder as a task for the member of staff (`competency_renewal`: about them, not a person). */
export interface CompetencyRenewalTask {
  staffId: string;
  competency: CompetencyKind;
  /** The expiry (brought forward to a working day), or the first working day from today once it has expired. */
  dueOn: CalendarDate;
  /** The first day of the reminder: day 0 of the task. */
  openedFor: CalendarDate;
  /** The list line: the competency and its expiry, no names. */
  why: string;
  /** Identifies the reminder, so the daily run opens one task per member of staff and kind. */
  cause: string;
}

/** The `cause` of the renewal task for a member of staff's competency of one kind. */
export const renewalCause = (kind: CompetencyKind): string => `competency:${kind}`;

/**
 * The renewal tasks to open on `today` (docs/tasks.md "Competencies"): one for each reminder whose member of
 * staff has no open renewal task of that kind (`open`: staff id and cause of the tasks still open), due by the
 * expiry. Pure: the daily task run stores what it returns.
 */
export function competencyRenewalTasks(
  reminders: readonly CompetencyReminder[],
  open: readonly { staffId: string; cause: string }[],
  today: CalendarDate,
  calendar: WorkingCalendar = englandAndWales,
): CompetencyRenewalTask[] {
  const taken = new Set(open.map((o) => `${o.staffId} ${o.cause}`));
  return reminders
    .filter((r) => !taken.has(`${r.staffId} ${renewalCause(r.kind)}`))
    .map((r) => {
      const label = competencyKindLabels[r.kind];
      const why =
        r.status === 'expired'
          ? `${label} competency expired on ${formatLongDate(r.expiresOn)}: book a renewal`
          : `${label} competency expires on ${formatLongDate(r.expiresOn)}: book a renewal`;
      const from = r.remindFrom > today ? r.remindFrom : today;
      return {
        staffId: r.staffId,
        competency: r.kind,
        dueOn: dueDate(from, byDate, calendar, r.expiresOn).dueOn,
        openedFor: r.remindFrom,
        why,
        cause: renewalCause(r.kind),
      };
    });
}

/** An open renewal task as the escalation rule reads it. */
export interface OpenRenewalTask {
  taskId: string;
  staffId: string;
  kind: CompetencyKind;
  /** Already escalated: never escalated twice. */
  escalated: boolean;
}

/**
 * Renewal tasks to escalate on `today` (docs/tasks.md "Competencies"): those whose competency has expired
 * without a renewal, from the day after its expiry. A lapsed competency stops its holder signing off case
 * reviews (risk assessment) or being the trained responder the protocol counts on, so it goes to whoever
 * arranges their work: the team lead, or the service manager when the member of staff is a team lead (their
 * own manager) or in no team. `records` are the staff's current records; `staff` their role and teams.
 */
export function competencyRenewalEscalations(
  open: readonly OpenRenewalTask[],
  records: readonly CompetencyLike[],
  staff: ReadonlyMap<string, { role: string; teamIds: readonly string[] }>,
  today: CalendarDate,
): EscalationToApply[] {
  return open.flatMap((t) => {
    if (t.escalated) return [];
    const own = records.filter((r) => r.staffId === t.staffId);
    if (competencyOn(own, t.kind, today).status !== 'expired') return [];
    const member = staff.get(t.staffId);
    const to =
      member === undefined || member.role === 'team_lead' || member.teamIds.length === 0
        ? ('service_manager' as const)
        : ('team_lead' as const);
    return [{ taskId: t.taskId, escalation: { to, reason: 'competency_expired' as const, on: today } }];
  });
}
