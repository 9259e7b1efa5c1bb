import { DomainError } from '@harbour/domain/errors';
import type { Database } from '@harbour/db/client';
import { staff } from '@harbour/db/schema/staff';
import { eq } from 'drizzle-orm';
import { revokeAllSessions } from '../identity/sessions.ts';
import { administer, findAccount, refusedBecause, type AdminRequest } from './administration.ts';

/** Disables an account (ending its sessions: it cannot sign in) or enables it again. Never one's own. */
export async function setAccountActive(
  db: Database,
  request: AdminRequest,
  staffId: string,
  active: boolean,
): Promise<{ ok: true }> {
  const { actor, now } = request;
  return administer(
    db,
    request,
    {
      action: active ? 'account_enable' : 'account_disable',
      procedure: active ? 'accounts.enable' : 'accounts.disable',
      targetStaffId: staffId,
    },
    async (tx) => {
      if (!active && staffId === actor.staffId)
        throw refusedBecause(
          'own account',
          new DomainError('INVALID_INPUT', 'You cannot disable your own account.'),
        );
      const before = await findAccount(tx, actor, staffId);
      await tx.update(staff).set({ active }).where(eq(staff.id, staffId));
      if (!active) await revokeAllSessions(tx, { kind: 'staff', id: staffId }, 'account disabled', now);
      return {
        result: { ok: true as const },
        targetStaffId: staffId,
        changes: { active: { from: before.active, to: active } },
      };
    },
  );
}
