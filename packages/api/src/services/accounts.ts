import type { Actor } from '@harbour/domain/access/policy';
import { DomainError, notFound } from '@harbour/domain/errors';
import { staffRoleLabels, type StaffRole } from '@harbour/domain/staff';
import type { Database, Transaction } from '@harbour/db/client';
import { locateStaffByEmail } from '@harbour/db/locate';
import { recoveryCode, staffCredential } from '@harbour/db/schema/identity';
import { team } from '@harbour/db/schema/organisation';
import { staff, teamMembership } from '@harbour/db/schema/staff';
import { withTenant } from '@harbour/db/tenant';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { hashPassphrase } from '../identity/passphrase.ts';
import { readableCode } from '../identity/secrets.ts';
import { revokeAllSessions } from '../identity/sessions.ts';

/**
 * Administrators manage staff accounts in their own organisation: create, disable, enable, reset. A new or reset
 * account gets a random temporary passphrase (about 79 bits, shown once to the administrator to hand over) and
 * no authenticator: the person sets one up at their next sign-in. Disabling or resetting ends every session.
 */
export interface AccountView {
  id: string;
  displayName: string;
  email: string;
  role: StaffRole;
  roleLabel: string;
  active: boolean;
  enrolled: boolean;
}

const tenantOf = (actor: Actor) => ({ organisationId: actor.organisationId, actorId: actor.staffId });

export async function listAccounts(db: Database, actor: Actor): Promise<AccountView[]> {
  return withTenant(db, tenantOf(actor), async (tx) => {
    const rows = await tx
      .select({
        id: staff.id,
        displayName: staff.displayName,
        email: staff.email,
        role: staff.role,
        active: staff.active,
        enrolledAt: staffCredential.totpEnrolledAt,
      })
      .from(staff)
      .leftJoin(staffCredential, eq(staffCredential.staffId, staff.id))
      .where(eq(staff.organisationId, actor.organisationId))
      .orderBy(asc(staff.displayName));
    return rows.map(({ enrolledAt, ...row }) => ({
      ...row,
      roleLabel: staffRoleLabels[row.role],
      enrolled: enrolledAt !== null,
    }));
  });
}

export async function listTeams(db: Database, actor: Actor): Promise<{ id: string; name: string }[]> {
  return withTenant(db, tenantOf(actor), (tx) =>
    tx
      .select({ id: team.id, name: team.name })
      .from(team)
      .where(eq(team.organisationId, actor.organisationId))
      .orderBy(asc(team.name)),
  );
}

/** A temporary passphrase: four groups of four unambiguous characters. */
function temporaryPassphrase(): string {
  return readableCode(4);
}

export async function createAccount(
  db: Database,
  actor: Actor,
  input: { displayName: string; email: string; role: StaffRole; teamIds: string[] },
  now: Date,
): Promise<{ staffId: string; temporaryPassphrase: string }> {
  const email = input.email.trim().toLowerCase();
  // Emails are unique across organisations (they are the sign-in name): the lookup sees past the tenant.
  if (await locateStaffByEmail(db, email))
    throw new DomainError('CONFLICT', 'There is already an account with this email address.');
  const passphrase = temporaryPassphrase();
  const passphraseHash = await hashPassphrase(passphrase);
  const staffId = await withTenant(db, tenantOf(actor), async (tx) => {
    const teamIds = [...new Set(input.teamIds)];
    if (teamIds.length > 0) {
      const known = await tx
        .select({ id: team.id })
        .from(team)
        .where(and(eq(team.organisationId, actor.organisationId), inArray(team.id, teamIds)));
      if (known.length !== teamIds.length)
        throw new DomainError('INVALID_INPUT', 'Choose teams from this organisation', [
          { path: ['teamIds'], message: 'Choose teams from this organisation' },
        ]);
    }
    const [created] = await tx
      .insert(staff)
      .values({
        organisationId: actor.organisationId,
        displayName: input.displayName.trim(),
        email,
        role: input.role,
      })
      .returning({ id: staff.id });
    if (!created) throw new Error('staff row not written');
    await tx.insert(staffCredential).values({
      staffId: created.id,
      organisationId: actor.organisationId,
      passphraseHash,
      passphraseChangedAt: now.toISOString(),
    });
    if (teamIds.length > 0)
      await tx
        .insert(teamMembership)
        .values(
          teamIds.map((teamId) => ({ organisationId: actor.organisationId, teamId, staffId: created.id })),
        );
    return created.id;
  });
  return { staffId, temporaryPassphrase: passphrase };
}

async function findMember(tx: Transaction, actor: Actor, staffId: string) {
  const [member] = await tx
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.id, staffId), eq(staff.organisationId, actor.organisationId)));
  if (!member) throw notFound('Account');
  return member;
}

export async function setAccountActive(
  db: Database,
  actor: Actor,
  staffId: string,
  active: boolean,
  now: Date,
): Promise<{ ok: true }> {
  if (!active && staffId === actor.staffId)
    throw new DomainError('INVALID_INPUT', 'You cannot disable your own account.');
  return withTenant(db, tenantOf(actor), async (tx) => {
    await findMember(tx, actor, staffId);
    await tx.update(staff).set({ active }).where(eq(staff.id, staffId));
    if (!active) await revokeAllSessions(tx, { kind: 'staff', id: staffId }, 'account disabled', now);
    return { ok: true as const };
  });
}

export async function resetAccount(
  db: Database,
  actor: Actor,
  staffId: string,
  now: Date,
): Promise<{ temporaryPassphrase: string }> {
  const passphrase = temporaryPassphrase();
  const passphraseHash = await hashPassphrase(passphrase);
  return withTenant(db, tenantOf(actor), async (tx) => {
    await findMember(tx, actor, staffId);
    const values = {
      passphraseHash,
      passphraseChangedAt: now.toISOString(),
      totpSecret: null,
      totpEnrolledAt: null,
      totpLastStep: null,
      updatedAt: now.toISOString(),
    };
    await tx
      .insert(staffCredential)
      .values({ staffId, organisationId: actor.organisationId, ...values })
      .onConflictDoUpdate({ target: staffCredential.staffId, set: values });
    await tx
      .delete(recoveryCode)
      .where(and(eq(recoveryCode.subjectKind, 'staff'), eq(recoveryCode.subjectId, staffId)));
    await revokeAllSessions(tx, { kind: 'staff', id: staffId }, 'account reset', now);
    return { temporaryPassphrase: passphrase };
  });
}
