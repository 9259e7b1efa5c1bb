import { STEP_UP_MINUTES, type Actor } from '@harbour/domain/access/policy';
import { DomainError, isDomainError } from '@harbour/domain/errors';
import type { Database } from '@harbour/db/client';
import { withTenant } from '@harbour/db/tenant';
import type { SessionInfo } from '../identity/sessions.ts';
import { accountKeys, throttled } from '../identity/throttle.ts';
import { STEP_UP_REFUSED, stepUpStaff } from './staff-auth.ts';

/**
 * "Confirm it is you": the passphrase and a fresh authenticator code, entered again, let this session make
 * administrators' changes to accounts for the next few minutes (security.md promise 6). Throttled like the
 * break-glass step-up: a session must not become a way to guess the passphrase.
 */
export async function stepUp(
  db: Database,
  actor: Actor,
  session: SessionInfo,
  input: { passphrase: string; code: string },
  address: string,
  now: Date,
): Promise<{ until: string }> {
  const tenant = { organisationId: actor.organisationId, actorId: actor.staffId };
  await throttled(
    db,
    accountKeys('staff', actor.staffId, address),
    'staff',
    now,
    () =>
      withTenant(db, tenant, (tx) =>
        stepUpStaff(tx, actor, session, input, now).then(
          () => true,
          (error: unknown) => {
            if (isDomainError(error) && error.code === 'INVALID_INPUT') return null;
            throw error;
          },
        ),
      ),
    () =>
      new DomainError('INVALID_INPUT', STEP_UP_REFUSED, [{ path: ['passphrase'], message: STEP_UP_REFUSED }]),
  );
  return { until: new Date(now.getTime() + STEP_UP_MINUTES * 60_000).toISOString() };
}
