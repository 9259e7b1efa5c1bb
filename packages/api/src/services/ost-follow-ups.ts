import type { FollowUp } from '@harbour/domain/follow-ups';
import type { CalendarDate } from '@harbour/domain/ids';
import { tasksFromFollowUps } from '@harbour/domain/tasks/from-follow-up';
import type { Transaction } from '@harbour/db/client';
import { ostAlert } from '@harbour/db/schema/ost';
import { staff } from '@harbour/db/schema/staff';
import { task } from '@harbour/db/schema/task';
import { assigneeContext, openTaskRows, taskInsert } from '@harbour/db/tasks/store';
import { and, eq } from 'drizzle-orm';

export interface OstFollowUps {
  organisationId: string;
  personId: string;
  planId: string;
  /** The plan's prescriber (alerts and tasks "to the prescriber" go to them). */
  prescriberId: string | null;
  /** The keyworker of the person's open episode (null: none; the alert still shows on the plan page). */
  keyworkerId: string | null;
  followUps: readonly FollowUp[];
  /** The day of the recording or the save (the tasks' day 0, and the day they are opened on). */
  today: CalendarDate;
}

/** What the seam wrote: the alerts' rows and the tasks' ids. */
export interface OstFollowUpsOpened {
  alerts: number;
  tasks: string[];
}

/**
 * THE SEAM where the pharmacy loop's follow-ups are opened, in the caller's transaction (the same request that
 * recorded the miss or saved the plan), so the recording and everything it raises commit together or not at
 * all (HAZ-OST-035).
 *
 * - **Alerts** go to `ost_alert`: the plan page, and the prescriber's and keyworker's "Pharmacy alerts for you"
 *   (`ost.alerts.mine`).
 * - **Tasks** (`re_engagement`, `missed_dose_review`, `supervision_review`) are opened in the task store
 *   (`taskFromFollowUp`), so they are on "My tasks", the team's list and the person's record with every other
 *   task, and nowhere else. "The prescriber" is the plan's prescriber while they are an active prescriber, "the
 *   keyworker" the episode's; otherwise the store's own rule for the role applies (the last prescriber of the
 *   person's OST; none: the team's list). A task the person already has open of the same kind, due no later,
 *   covers a new one (`tasksFromFollowUps`): a fourth missed day opens no second re-engagement task.
 */
export async function openOstFollowUps(tx: Transaction, input: OstFollowUps): Promise<OstFollowUpsOpened> {
  const to = (who: 'prescriber' | 'keyworker') =>
    who === 'prescriber' ? input.prescriberId : input.keyworkerId;
  const alerts = input.followUps.flatMap((f) => (f.type === 'alert' ? [f] : []));
  if (alerts.length > 0)
    await tx.insert(ostAlert).values(
      alerts.map((f) => ({
        organisationId: input.organisationId,
        personId: input.personId,
        planId: input.planId,
        kind: 'alert' as const,
        taskKind: null,
        recipient: f.to,
        recipientStaffId: to(f.to),
        on: f.on,
        reason: f.reason,
        ruleId: f.source,
      })),
    );
  if (!input.followUps.some((f) => f.type === 'task')) return { alerts: alerts.length, tasks: [] };
  const open = await openTaskRows(tx, input.organisationId, input.personId);
  const toOpen = tasksFromFollowUps(
    input.followUps,
    { personId: input.personId, raisedOn: input.today },
    { openTasks: open },
  );
  if (toOpen.length === 0) return { alerts: alerts.length, tasks: [] };
  const roles = await assigneeContext(tx, input.organisationId, input.personId);
  const context = {
    ...roles,
    prescriberId:
      (await activePrescriber(tx, input.organisationId, input.prescriberId)) ?? roles.prescriberId,
    keyworkerId: input.keyworkerId ?? roles.keyworkerId,
  };
  const rows = await tx
    .insert(task)
    .values(toOpen.map((t) => taskInsert(t, input.organisationId, input.today, context)))
    .returning({ id: task.id });
  return { alerts: alerts.length, tasks: rows.map((r) => r.id) };
}

/** The plan's prescriber, if they are still an active prescriber (else the store's rule picks one). */
async function activePrescriber(
  tx: Transaction,
  organisationId: string,
  staffId: string | null,
): Promise<string | null> {
  if (staffId === null) return null;
  const [row] = await tx
    .select({ id: staff.id })
    .from(staff)
    .where(
      and(
        eq(staff.id, staffId),
        eq(staff.organisationId, organisationId),
        eq(staff.role, 'prescriber'),
        eq(staff.active, true),
      ),
    );
  return row?.id ?? null;
}
