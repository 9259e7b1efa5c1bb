import type { AccountChanges, AdminAction } from '@harbour/domain/access/administration';
import { steppedUp, type Actor } from '@harbour/domain/access/policy';
import type { StaffRole } from '@harbour/domain/staff';
import { DomainError, isDomainError, notFound, type DomainErrorCode } from '@harbour/domain/errors';
import type { Database, Transaction } from '@harbour/db/client';
import { team } from '@harbour/db/schema/organisation';
import { staff } from '@harbour/db/schema/staff';
import { withTenant } from '@harbour/db/tenant';
import { and, eq, inArray } from 'drizzle-orm';
import { writeAudit } from '../audit/write-audit.ts';
import type { SessionInfo } from '../identity/sessions.ts';

/** What an administrator is told when their step-up is missing or too old. */
export const STEP_UP_NEEDED =
  'Confirm it is you first: enter your passphrase and a code from your authenticator app.';

/** The request an administrator's action arrives in. */
export interface AdminRequest {
  actor: Actor;
  session: SessionInfo;
  requestId: string;
  now: Date;
}

/** A refusal with the short reason its audit row gives ("own account"), when the code alone does not say it. */
export function refusedBecause(reason: string, error: DomainError): DomainError {
  return Object.assign(error, { auditReason: reason });
}

const reasons: Partial<Record<DomainErrorCode, string>> = {
  NOT_FOUND: 'not found',
  CONFLICT: 'conflict',
  INVALID_INPUT: 'invalid input',
  FORBIDDEN: 'not allowed',
};

function reasonOf(error: DomainError): string {
  const given = (error as { auditReason?: unknown }).auditReason;
  return typeof given === 'string' ? given : (reasons[error.code] ?? 'refused');
}

/**
 * Runs one administrator's action on an account or a pharmacy (security.md "Administrators"): only within a few minutes of a
 * step-up; in the organisation's tenant context; and audited in the same transaction, with who acted, on which
 * account and what changed. A refusal (no step-up, not found, their own account, bad teams) is audited as denied
 * and committed before it is sent; whatever the action had written by then is undone (a savepoint).
 */
export async function administer<T>(
  db: Database,
  request: AdminRequest,
  what: { action: AdminAction; procedure: string; targetStaffId: string | null },
  change: (tx: Transaction) => Promise<{ result: T; targetStaffId: string | null; changes: AccountChanges }>,
): Promise<T> {
  const { actor } = request;
  const audit = {
    actor,
    personId: null,
    action: what.action,
    procedure: what.procedure,
    basis: null,
    requestId: request.requestId,
  } as const;
  const outcome = await withTenant(
    db,
    { organisationId: actor.organisationId, actorId: actor.staffId },
    async (tx) => {
      const refuse = async (error: DomainError) => {
        await writeAudit(tx, {
          ...audit,
          outcome: 'denied',
          reason: reasonOf(error),
          targetStaffId: what.targetStaffId,
        });
        return { ok: false as const, error };
      };
      if (!steppedUp(request.session.reauthenticatedAt, request.now))
        return refuse(refusedBecause('step-up required', new DomainError('FORBIDDEN', STEP_UP_NEEDED)));
      try {
        const done = await tx.transaction((savepoint) => change(savepoint));
        await writeAudit(tx, {
          ...audit,
          outcome: 'allowed',
          targetStaffId: done.targetStaffId,
          changes: done.changes,
        });
        return { ok: true as const, result: done.result };
      } catch (error) {
        if (isDomainError(error)) return refuse(error);
        throw error;
      }
    },
  );
  if (!outcome.ok) throw outcome.error;
  return outcome.result;
}

/** The account `staffId` in the actor's organisation (its role and teams), or not found. */
export async function findAccount(
  tx: Transaction,
  actor: Actor,
  staffId: string,
): Promise<{ id: string; role: StaffRole; active: boolean }> {
  const [member] = await tx
    .select({ id: staff.id, role: staff.role, active: staff.active })
    .from(staff)
    .where(and(eq(staff.id, staffId), eq(staff.organisationId, actor.organisationId)));
  if (!member) throw notFound('Account');
  return member;
}

/** The teams given, once each, after checking they are this organisation's. */
export async function checkedTeams(
  tx: Transaction,
  actor: Actor,
  teamIds: readonly string[],
): Promise<string[]> {
  const unique = [...new Set(teamIds)];
  if (unique.length === 0) return unique;
  const known = await tx
    .select({ id: team.id })
    .from(team)
    .where(and(eq(team.organisationId, actor.organisationId), inArray(team.id, unique)));
  if (known.length !== unique.length)
    throw new DomainError('INVALID_INPUT', 'Choose teams from this organisation', [
      { path: ['teamIds'], message: 'Choose teams from this organisation' },
    ]);
  return unique;
}
