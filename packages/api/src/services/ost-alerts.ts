import type { Actor } from '@harbour/domain/access/policy';
import { notFound } from '@harbour/domain/errors';
import type { Database } from '@harbour/db/client';
import { ostAlert } from '@harbour/db/schema/ost';
import { person } from '@harbour/db/schema/person';
import { withTenant } from '@harbour/db/tenant';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { writeAudit } from '../audit/write-audit.ts';

export interface MyOstAlert {
  id: string;
  personId: string;
  personName: string;
  personReference: string;
  kind: 'alert' | 'task';
  taskKind: string | null;
  on: string;
  reason: string;
  ruleId: string;
}

/**
 * The open alerts the pharmacy loop addressed to the caller: the plan's prescriber, the episode's keyworker.
 * Newest first. One audit row for the list (identifiers only), as for a caseload. The tasks the loop opens are
 * in the task store ("My tasks", `tasks.mine`), not here.
 */
export async function myOstAlerts(
  db: Database,
  actor: Actor,
  context: { requestId: string },
): Promise<MyOstAlert[]> {
  return withTenant(db, { organisationId: actor.organisationId, actorId: actor.staffId }, async (tx) => {
    const rows = await tx
      .select({
        id: ostAlert.id,
        personId: ostAlert.personId,
        givenName: person.givenName,
        familyName: person.familyName,
        personReference: person.reference,
        kind: ostAlert.kind,
        taskKind: ostAlert.taskKind,
        on: ostAlert.on,
        reason: ostAlert.reason,
        ruleId: ostAlert.ruleId,
      })
      .from(ostAlert)
      .innerJoin(person, eq(person.id, ostAlert.personId))
      .where(
        and(
          eq(ostAlert.organisationId, actor.organisationId),
          eq(ostAlert.recipientStaffId, actor.staffId),
          isNull(ostAlert.closedAt),
        ),
      )
      .orderBy(desc(ostAlert.createdAt), desc(ostAlert.id))
      .limit(200);
    await writeAudit(tx, {
      actor,
      personId: null,
      action: 'list',
      procedure: 'ost.alerts.mine',
      requestId: context.requestId,
      basis: null,
      outcome: 'allowed',
    });
    return rows.map(({ givenName, familyName, ...row }) => ({
      ...row,
      personName: `${givenName} ${familyName}`,
    }));
  });
}

/** Closes one of the caller's own open OST alerts (seen and dealt with). Anyone else's: not found. */
export async function closeOstAlert(
  db: Database,
  actor: Actor,
  input: { alertId: string },
  context: { requestId: string; now: Date },
): Promise<{ ok: true }> {
  return withTenant(db, { organisationId: actor.organisationId, actorId: actor.staffId }, async (tx) => {
    const closed = await tx
      .update(ostAlert)
      .set({ closedAt: context.now.toISOString(), closedBy: actor.staffId })
      .where(
        and(
          eq(ostAlert.id, input.alertId),
          eq(ostAlert.organisationId, actor.organisationId),
          eq(ostAlert.recipientStaffId, actor.staffId),
          isNull(ostAlert.closedAt),
        ),
      )
      .returning({ personId: ostAlert.personId });
    const row = closed[0];
    if (!row) throw notFound('Alert');
    await writeAudit(tx, {
      actor,
      personId: row.personId,
      action: 'amend',
      procedure: 'ost.alerts.close',
      requestId: context.requestId,
      basis: null,
      outcome: 'allowed',
    });
    return { ok: true as const };
  });
}
