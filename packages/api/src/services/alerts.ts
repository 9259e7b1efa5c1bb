import {
  alertOutcomeLabels,
  breakGlassReasonLabels,
  type AlertOutcome,
} from '@harbour/domain/access/break-glass';
import type { Actor } from '@harbour/domain/access/policy';
import { conflict } from '@harbour/domain/errors';
import { staffRoleLabels } from '@harbour/domain/staff';
import type { Database } from '@harbour/db/client';
import { breakGlassGrant, caldicottAlert } from '@harbour/db/schema/identity';
import { person } from '@harbour/db/schema/person';
import { staff } from '@harbour/db/schema/staff';
import { withTenant } from '@harbour/db/tenant';
import { alias } from 'drizzle-orm/pg-core';
import { and, asc, desc, eq, sql } from 'drizzle-orm';

export interface AlertView {
  id: string;
  raisedAt: string;
  staffName: string;
  staffRoleLabel: string;
  personReference: string;
  reasonCode: string;
  reasonLabel: string;
  reasonText: string;
  expiresAt: string;
  status: 'open' | 'closed';
  outcome: AlertOutcome | null;
  outcomeLabel: string | null;
  outcomeNote: string | null;
  reviewedAt: string | null;
  reviewerName: string | null;
  version: number;
}

const reviewer = alias(staff, 'reviewer');

/**
 * The Caldicott guardian's queue: break-glass accesses, oldest open first. It names the person by their
 * pseudonymous reference only; reviewing an access does not open the record.
 */
export async function listAlerts(
  db: Database,
  actor: Actor,
  status: 'open' | 'closed',
): Promise<AlertView[]> {
  return withTenant(db, { organisationId: actor.organisationId, actorId: actor.staffId }, async (tx) => {
    const rows = await tx
      .select({
        id: caldicottAlert.id,
        raisedAt: caldicottAlert.createdAt,
        staffName: staff.displayName,
        staffRole: staff.role,
        personReference: person.reference,
        reasonCode: breakGlassGrant.reasonCode,
        reasonText: breakGlassGrant.reasonText,
        expiresAt: breakGlassGrant.expiresAt,
        status: caldicottAlert.status,
        outcome: caldicottAlert.outcome,
        outcomeNote: caldicottAlert.outcomeNote,
        reviewedAt: caldicottAlert.reviewedAt,
        reviewerName: reviewer.displayName,
        version: caldicottAlert.version,
      })
      .from(caldicottAlert)
      .innerJoin(breakGlassGrant, eq(breakGlassGrant.id, caldicottAlert.grantId))
      .innerJoin(staff, eq(staff.id, breakGlassGrant.staffId))
      .innerJoin(person, eq(person.id, breakGlassGrant.personId))
      .leftJoin(reviewer, eq(reviewer.id, caldicottAlert.reviewedBy))
      .where(and(eq(caldicottAlert.organisationId, actor.organisationId), eq(caldicottAlert.status, status)))
      .orderBy(status === 'open' ? asc(caldicottAlert.createdAt) : desc(caldicottAlert.reviewedAt))
      .limit(200);
    const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());
    return rows.map(({ staffRole, ...row }) => ({
      ...row,
      raisedAt: new Date(row.raisedAt).toISOString(),
      expiresAt: new Date(row.expiresAt).toISOString(),
      reviewedAt: iso(row.reviewedAt),
      staffRoleLabel: staffRoleLabels[staffRole],
      reasonLabel: breakGlassReasonLabels[row.reasonCode],
      outcomeLabel: row.outcome === null ? null : alertOutcomeLabels[row.outcome],
    }));
  });
}

/** Closes an alert with the guardian's outcome. A stale version (someone else closed it) is a conflict. */
export async function closeAlert(
  db: Database,
  actor: Actor,
  input: { alertId: string; outcome: AlertOutcome; note: string; version: number },
  now: Date,
): Promise<{ ok: true }> {
  return withTenant(db, { organisationId: actor.organisationId, actorId: actor.staffId }, async (tx) => {
    const closed = await tx
      .update(caldicottAlert)
      .set({
        status: 'closed',
        outcome: input.outcome,
        outcomeNote: input.note.length > 0 ? input.note : null,
        reviewedBy: actor.staffId,
        reviewedAt: now.toISOString(),
        version: sql`${caldicottAlert.version} + 1`,
      })
      .where(
        and(
          eq(caldicottAlert.id, input.alertId),
          eq(caldicottAlert.organisationId, actor.organisationId),
          eq(caldicottAlert.status, 'open'),
          eq(caldicottAlert.version, input.version),
        ),
      )
      .returning({ id: caldicottAlert.id });
    if (closed.length !== 1) throw conflict('This alert', input.version);
    return { ok: true as const };
  });
}
