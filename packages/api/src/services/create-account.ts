import { DomainError } from '@harbour/domain/errors';
import type { StaffRole } from '@harbour/domain/staff';
import type { Database } from '@harbour/db/client';
import { staffCredential } from '@harbour/db/schema/identity';
import { staff, teamMembership } from '@harbour/db/schema/staff';
import { and, eq } from 'drizzle-orm';
import { administer, checkedTeams, type AdminRequest } from './administration.ts';
import { temporaryPassphrase } from './temporary-passphrase.ts';

export const EMAIL_TAKEN = 'There is already an account with this email address in your organisation.';

/**
 * Creates a staff account in the administrator's organisation, with a temporary passphrase and no authenticator:
 * the person sets one up at their first sign-in. An address is unique within the organisation only, so the
 * answer never depends on whether it is used in another one (security.md "Administrators").
 */
export async function createAccount(
  db: Database,
  request: AdminRequest,
  input: { displayName: string; email: string; role: StaffRole; teamIds: string[] },
): Promise<{ staffId: string; temporaryPassphrase: string }> {
  const { actor, now } = request;
  const email = input.email.trim().toLowerCase();
  const temporary = await temporaryPassphrase();
  return administer(
    db,
    request,
    { action: 'account_create', procedure: 'accounts.create', targetStaffId: null },
    async (tx) => {
      const teamIds = await checkedTeams(tx, actor, input.teamIds);
      const [taken] = await tx
        .select({ id: staff.id })
        .from(staff)
        .where(and(eq(staff.organisationId, actor.organisationId), eq(staff.email, email)));
      if (taken) throw new DomainError('CONFLICT', EMAIL_TAKEN, [{ path: ['email'], message: EMAIL_TAKEN }]);
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
        passphraseHash: temporary.hash,
        passphraseChangedAt: now.toISOString(),
      });
      if (teamIds.length > 0)
        await tx
          .insert(teamMembership)
          .values(
            teamIds.map((teamId) => ({ organisationId: actor.organisationId, teamId, staffId: created.id })),
          );
      return {
        result: { staffId: created.id, temporaryPassphrase: temporary.passphrase },
        targetStaffId: created.id,
        changes: {
          role: { from: null, to: input.role },
          active: { from: null, to: true },
          ...(teamIds.length > 0 ? { teamIds: { added: teamIds, removed: [] } } : {}),
        },
      };
    },
  );
}
