import type { Database } from '@harbour/db/client';
import { recoveryCode, staffCredential } from '@harbour/db/schema/identity';
import { and, eq } from 'drizzle-orm';
import { revokeAllSessions } from '../identity/sessions.ts';
import { administer, findAccount, type AdminRequest } from './administration.ts';
import { temporaryPassphrase } from './temporary-passphrase.ts';

/**
 * Resets an account: a new temporary passphrase, no authenticator and no recovery codes (the person sets them up
 * again at their next sign-in), and every session ended.
 */
export async function resetAccount(
  db: Database,
  request: AdminRequest,
  staffId: string,
): Promise<{ temporaryPassphrase: string }> {
  const { actor, now } = request;
  const temporary = await temporaryPassphrase();
  return administer(
    db,
    request,
    { action: 'account_reset', procedure: 'accounts.reset', targetStaffId: staffId },
    async (tx) => {
      await findAccount(tx, actor, staffId);
      const values = {
        passphraseHash: temporary.hash,
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
      return {
        result: { temporaryPassphrase: temporary.passphrase },
        targetStaffId: staffId,
        changes: { credentials: 'reset' },
      };
    },
  );
}
