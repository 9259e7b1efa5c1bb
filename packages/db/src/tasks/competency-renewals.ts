import { competencyReminders } from '@harbour/domain/competency/reminders';
import { competencyKinds } from '@harbour/domain/competency/competencies';
import {
  COMPETENCY_RENEWAL_RULE,
  competencyRenewalEscalations,
  competencyRenewalTasks,
  renewalCause,
} from '@harbour/domain/competency/renewal-tasks';
import type { CalendarDate } from '@harbour/domain/ids';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../client.ts';
import { staffCompetency } from '../schema/competency.ts';
import { staff, teamMembership } from '../schema/staff.ts';
import { task } from '../schema/task.ts';
import { applyEscalations } from './store.ts';

const correction = alias(staffCompetency, 'correction');

/** An organisation's competency records that still count (not replaced by a correction), of active staff. */
export async function currentCompetencies(db: Executor, organisationId: string, staffId?: string) {
  return db
    .select({
      id: staffCompetency.id,
      staffId: staffCompetency.staffId,
      kind: staffCompetency.kind,
      achievedOn: staffCompetency.achievedOn,
      expiresOn: staffCompetency.expiresOn,
      recordedBy: staffCompetency.recordedBy,
      recordedAt: staffCompetency.recordedAt,
    })
    .from(staffCompetency)
    .innerJoin(staff, and(eq(staff.id, staffCompetency.staffId), eq(staff.organisationId, organisationId)))
    .leftJoin(
      correction,
      and(eq(correction.replacesId, staffCompetency.id), eq(correction.organisationId, organisationId)),
    )
    .where(
      and(
        eq(staffCompetency.organisationId, organisationId),
        isNull(correction.id),
        eq(staff.active, true),
        staffId === undefined ? undefined : eq(staffCompetency.staffId, staffId),
      ),
    )
    .orderBy(staffCompetency.staffId, staffCompetency.kind, staffCompetency.achievedOn);
}

/**
 * Competency reminders as tasks (docs/tasks.md "Competencies"), for the daily task run and after an
 * administrator records a competency: opens a `competency_renewal` task for each member of staff and kind that
 * is expiring or expired with none open (`competencyReminders`, `competencyRenewalTasks`), and closes the open
 * ones that no longer need it (renewed, or corrected) as done. Running it twice changes nothing.
 */
export async function syncCompetencyRenewals(
  db: Executor,
  organisationId: string,
  today: CalendarDate,
  now: Date,
  staffId?: string,
): Promise<{ opened: number; closed: number }> {
  const records = await currentCompetencies(db, organisationId, staffId);
  const reminders = competencyReminders(records, today);
  const open = await db
    .select({ id: task.id, staffId: task.assigneeStaffId, cause: task.sourceCause })
    .from(task)
    .where(
      and(
        eq(task.organisationId, organisationId),
        eq(task.kind, 'competency_renewal'),
        eq(task.status, 'open'),
        staffId === undefined ? undefined : eq(task.assigneeStaffId, staffId),
      ),
    );
  const needed = new Set(reminders.map((r) => `${r.staffId} ${renewalCause(r.kind)}`));
  let closed = 0;
  for (const row of open) {
    if (needed.has(`${row.staffId} ${row.cause}`)) continue;
    await db
      .update(task)
      .set({
        status: 'done',
        outcome: 'action_done',
        closedOn: today,
        closedAt: now.toISOString(),
        version: sql`${task.version} + 1`,
        updatedAt: now.toISOString(),
      })
      .where(and(eq(task.id, row.id), eq(task.organisationId, organisationId), eq(task.status, 'open')));
    closed++;
  }
  const toOpen = competencyRenewalTasks(
    reminders,
    open.flatMap((o) =>
      o.staffId !== null && o.cause !== null ? [{ staffId: o.staffId, cause: o.cause }] : [],
    ),
    today,
  );
  if (toOpen.length > 0)
    await db.insert(task).values(
      toOpen.map((t) => ({
        organisationId,
        personId: null,
        kind: 'competency_renewal' as const,
        why: t.why,
        dueOn: t.dueOn,
        sameDay: false,
        priority: 'routine' as const,
        assigneeKind: 'staff' as const,
        assigneeStaffId: t.staffId,
        teamId: null,
        sourceEventOn: t.openedFor,
        ruleId: COMPETENCY_RENEWAL_RULE,
        sourceCause: t.cause,
        openedOn: today,
      })),
    );
  return { opened: toOpen.length, closed };
}

/**
 * The daily run's escalation of renewal tasks not done by the expiry (`competencyRenewalEscalations`): to the
 * team lead, or the service manager for a team lead or someone in no team. A task is escalated once; renewing
 * the competency closes it (`syncCompetencyRenewals`). Returns how many were escalated.
 */
export async function escalateCompetencyRenewals(
  db: Executor,
  organisationId: string,
  today: CalendarDate,
  now: Date,
): Promise<number> {
  const open = await db
    .select({
      id: task.id,
      staffId: task.assigneeStaffId,
      cause: task.sourceCause,
      escalatedTo: task.escalatedTo,
    })
    .from(task)
    .where(
      and(
        eq(task.organisationId, organisationId),
        eq(task.kind, 'competency_renewal'),
        eq(task.status, 'open'),
      ),
    );
  if (open.length === 0) return 0;
  const members = await db
    .select({ id: staff.id, role: staff.role, teamId: teamMembership.teamId })
    .from(staff)
    .leftJoin(teamMembership, eq(teamMembership.staffId, staff.id))
    .where(eq(staff.organisationId, organisationId));
  const staffMap = new Map<string, { role: string; teamIds: string[] }>();
  for (const m of members) {
    const entry = staffMap.get(m.id) ?? { role: m.role, teamIds: [] };
    if (m.teamId !== null) entry.teamIds.push(m.teamId);
    staffMap.set(m.id, entry);
  }
  const kindOf = (cause: string | null) => competencyKinds.find((k) => cause === renewalCause(k));
  const escalations = competencyRenewalEscalations(
    open.flatMap((o) => {
      const kind = kindOf(o.cause);
      return o.staffId === null || kind === undefined
        ? []
        : [{ taskId: o.id, staffId: o.staffId, kind, escalated: o.escalatedTo !== null }];
    }),
    await currentCompetencies(db, organisationId),
    staffMap,
    today,
  );
  return (await applyEscalations(db, organisationId, escalations, now)).length;
}
