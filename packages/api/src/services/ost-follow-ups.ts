import type { FollowUp } from '@harbour/domain/follow-ups';
import type { Transaction } from '@harbour/db/client';
import { ostAlert } from '@harbour/db/schema/ost';

export interface OstFollowUps {
  organisationId: string;
  personId: string;
  planId: string;
  /** The plan's prescriber (alerts and tasks "to the prescriber" go to them). */
  prescriberId: string | null;
  /** The keyworker of the person's open episode (null: none; the alert still shows on the plan page). */
  keyworkerId: string | null;
  followUps: readonly FollowUp[];
}

/**
 * THE SEAM where the pharmacy loop's follow-ups are opened, in the caller's transaction (the same request that
 * recorded the miss or saved the plan). Until the task store (issue 9, services/tasks.ts) reaches main, every
 * alert and task is written to `ost_alert`, shown on the person's plan page and on the prescriber's and
 * keyworker's lists. When it does, tasks (`re_engagement`, `missed_dose_review`, `supervision_review`) are
 * opened through the task store here instead, and only the alerts stay in `ost_alert`.
 */
export async function openOstFollowUps(tx: Transaction, input: OstFollowUps): Promise<void> {
  if (input.followUps.length === 0) return;
  const to = (who: 'prescriber' | 'keyworker') =>
    who === 'prescriber' ? input.prescriberId : input.keyworkerId;
  await tx.insert(ostAlert).values(
    input.followUps.map((f) =>
      f.type === 'alert'
        ? {
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
          }
        : {
            organisationId: input.organisationId,
            personId: input.personId,
            planId: input.planId,
            kind: 'task' as const,
            taskKind: f.kind,
            recipient: f.assignee,
            recipientStaffId: to(f.assignee),
            on: f.dueOn,
            reason: f.reason,
            ruleId: f.source,
          },
    ),
  );
}
