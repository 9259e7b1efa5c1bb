import {
  alertOutcomeLabels,
  breakGlassReasonLabels,
  type AlertKind,
  type AlertOutcome,
} from '@harbour/domain/access/break-glass';
import type { Actor } from '@harbour/domain/access/policy';
import { conflict, DomainError, notFound } from '@harbour/domain/errors';
import { staffRoleLabels } from '@harbour/domain/staff';
import type { Database } from '@harbour/db/client';
import { breakGlassGrant, caldicottAlert } from '@harbour/db/schema/identity';
import { person } from '@harbour/db/schema/person';
import { staff } from '@harbour/db/schema/staff';
import { withTenant } from '@harbour/db/tenant';
import { alias } from 'drizzle-orm/pg-core';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { REFUSAL_WINDOW_MINUTES } from '../audit/refusals.ts';

export interface AlertView {
  id: string;
  kind: AlertKind;
  raisedAt: string;
  /** The member of staff the alert is about. */
  staffName: string;
  staffRoleLabel: string;
  /** The alert is about the reviewer themselves: someone else must close it. */
  aboutYou: boolean;
  /** Break-glass: the person (by reference only), the reason, and when the access ends. Null for a burst. */
  personReference: string | null;
  reasonCode: string | null;
  reasonLabel: string | null;
  reasonText: string | null;
  expiresAt: string | null;
  /** A burst of refusals: how many, from when, within how many minutes. Null for break-glass. */
  refusals: number | null;
  windowStartedAt: string | null;
  windowMinutes: number | null;
  status: 'open' | 'closed';
  outcome: AlertOutcome | null;
  outcomeLabel: string | null;
  outcomeNote: string | null;
  reviewedAt: string | null;
  reviewerName: string | null;
  version: number;
}

export const OWN_ALERT_REFUSED =
  'This alert is about you, so you cannot close it. Another Caldicott guardian must review it.';

const reviewer = alias(staff, 'reviewer');

/**
 * The Caldicott guardian's queue, oldest open first: break-glass accesses, and bursts of refused requests by one
 * member of staff. It names a person by their pseudonymous reference only; reviewing does not open the record.
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
        kind: caldicottAlert.kind,
        raisedAt: caldicottAlert.createdAt,
        subjectStaffId: caldicottAlert.subjectStaffId,
        staffName: staff.displayName,
        staffRole: staff.role,
        personReference: person.reference,
        reasonCode: breakGlassGrant.reasonCode,
        reasonText: breakGlassGrant.reasonText,
        expiresAt: breakGlassGrant.expiresAt,
        refusals: caldicottAlert.refusals,
        windowStartedAt: caldicottAlert.windowStartedAt,
        status: caldicottAlert.status,
        outcome: caldicottAlert.outcome,
        outcomeNote: caldicottAlert.outcomeNote,
        reviewedAt: caldicottAlert.reviewedAt,
        reviewerName: reviewer.displayName,
        version: caldicottAlert.version,
      })
      .from(caldicottAlert)
      .innerJoin(staff, eq(staff.id, caldicottAlert.subjectStaffId))
      .leftJoin(breakGlassGrant, eq(breakGlassGrant.id, caldicottAlert.grantId))
      .leftJoin(person, eq(person.id, breakGlassGrant.personId))
      .leftJoin(reviewer, eq(reviewer.id, caldicottAlert.reviewedBy))
      .where(and(eq(caldicottAlert.organisationId, actor.organisationId), eq(caldicottAlert.status, status)))
      .orderBy(status === 'open' ? asc(caldicottAlert.createdAt) : desc(caldicottAlert.reviewedAt))
      .limit(200);
    const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());
    return rows.map(({ staffRole, subjectStaffId, ...row }) => ({
      ...row,
      raisedAt: new Date(row.raisedAt).toISOString(),
      expiresAt: iso(row.expiresAt),
      windowStartedAt: iso(row.windowStartedAt),
      windowMinutes: row.kind === 'refusal_burst' ? REFUSAL_WINDOW_MINUTES : null,
      reviewedAt: iso(row.reviewedAt),
      staffRoleLabel: staffRoleLabels[staffRole],
      aboutYou: subjectStaffId === actor.staffId,
      reasonLabel: row.reasonCode === null ? null : breakGlassReasonLabels[row.reasonCode],
      outcomeLabel: row.outcome === null ? null : alertOutcomeLabels[row.outcome],
    }));
  });
}

/**
 * Closes an alert with the guardian's outcome. Never one about the guardian's own access or requests: that
 * needs another reviewer. A stale version (someone else closed it) is a conflict.
 */
export async function closeAlert(
  db: Database,
  actor: Actor,
  input: { alertId: string; outcome: AlertOutcome; note: string; version: number },
  now: Date,
): Promise<{ ok: true }> {
  return withTenant(db, { organisationId: actor.organisationId, actorId: actor.staffId }, async (tx) => {
    const [alert] = await tx
      .select({ subjectStaffId: caldicottAlert.subjectStaffId })
      .from(caldicottAlert)
      .where(
        and(eq(caldicottAlert.id, input.alertId), eq(caldicottAlert.organisationId, actor.organisationId)),
      );
    if (!alert) throw notFound('Alert');
    if (alert.subjectStaffId === actor.staffId) throw new DomainError('FORBIDDEN', OWN_ALERT_REFUSED);
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
