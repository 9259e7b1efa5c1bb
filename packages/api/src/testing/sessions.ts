import type { Database } from '@harbour/db/client';
import { locateStaffByEmail } from '@harbour/db/locate';
import { withTenant } from '@harbour/db/tenant';
import { createSession } from '../identity/sessions.ts';

/**
 * A signed-in session for a member of staff, made directly (as the last step of signing in does), for tests and
 * benchmarks that are not about signing in. Returns the token to send as `authorization: Bearer <token>`.
 */
export async function sessionTokenFor(db: Database, email: string, now: Date = new Date()): Promise<string> {
  const located = await locateStaffByEmail(db, email);
  if (!located) throw new Error(`no member of staff ${email}`);
  const { token } = await withTenant(
    db,
    { organisationId: located.organisationId, actorId: located.id },
    (tx) =>
      createSession(
        tx,
        { organisationId: located.organisationId, kind: 'staff', id: located.id },
        'active',
        now,
      ),
  );
  return token;
}
