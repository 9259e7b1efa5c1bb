import type { Actor } from '@harbour/domain/access/policy';
import { DomainError } from '@harbour/domain/errors';
import type { Database, Executor } from '@harbour/db/client';
import { locateStaffAccounts } from '@harbour/db/locate';
import { authSession, staffCredential } from '@harbour/db/schema/identity';
import { staff } from '@harbour/db/schema/staff';
import { withTenant } from '@harbour/db/tenant';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { hashPassphrase, passphraseProblem, verifyPassphrase } from '../identity/passphrase.ts';
import { checkSecondFactor, issueRecoveryCodes } from '../identity/second-factor.ts';
import { createSession, revokeAllSessions, revokeSession, type SessionInfo } from '../identity/sessions.ts';
import { accountKeys, checkPassphrase, throttled, throttleKeys } from '../identity/throttle.ts';
import { newTotpSecret, otpauthUri } from '../identity/totp.ts';

/** The one answer for a wrong email, a wrong passphrase and a disabled account: no account enumeration. */
export const SIGN_IN_REFUSED = 'The email address or passphrase is not right.';
export const STEP_UP_REFUSED = 'Your passphrase or code is not right.';
export const CODE_REFUSED = 'That code is not right, or it has already been used. Try the next code.';

interface StaffRow {
  id: string;
  organisationId: string;
  email: string;
  active: boolean;
  passphraseHash: string | null;
  totpSecret: string | null;
  totpEnrolledAt: string | null;
  totpLastStep: number | null;
}

async function loadStaffCredential(tx: Executor, organisationId: string, staffId: string) {
  const [row] = await tx
    .select({
      id: staff.id,
      organisationId: staff.organisationId,
      email: staff.email,
      active: staff.active,
      passphraseHash: staffCredential.passphraseHash,
      totpSecret: staffCredential.totpSecret,
      totpEnrolledAt: staffCredential.totpEnrolledAt,
      totpLastStep: staffCredential.totpLastStep,
    })
    .from(staff)
    .leftJoin(
      staffCredential,
      and(eq(staffCredential.staffId, staff.id), eq(staffCredential.organisationId, organisationId)),
    )
    .where(and(eq(staff.id, staffId), eq(staff.organisationId, organisationId)));
  return (row ?? null) satisfies StaffRow | null;
}

/**
 * Records an accepted authenticator step, only if it is later than the last one: of two requests racing with
 * one code, one wins. False when the step was already used.
 */
async function claimStaffStep(
  tx: Executor,
  staffId: string,
  step: number | null,
  now: Date,
): Promise<boolean> {
  if (step === null) return true;
  const claimed = await tx
    .update(staffCredential)
    .set({ totpLastStep: step, updatedAt: now.toISOString() })
    .where(
      and(
        eq(staffCredential.staffId, staffId),
        or(isNull(staffCredential.totpLastStep), lt(staffCredential.totpLastStep, step)),
      ),
    )
    .returning({ staffId: staffCredential.staffId });
  return claimed.length === 1;
}

export interface SignInResult {
  token: string;
  stage: 'second_factor' | 'enrol_second_factor';
}

/**
 * The account an email address and passphrase open, or null. An address may hold accounts in several
 * organisations (one person working for two): the passphrase is checked against each enabled one, side by side,
 * and the first that matches (in a fixed order) is the one signed in to. With none, it is checked against a
 * decoy, so an unknown or disabled account takes the same argon2id work as a wrong passphrase.
 */
async function accountFor(db: Database, email: string, passphrase: string): Promise<StaffRow | null> {
  const candidates: (StaffRow & { passphraseHash: string })[] = [];
  for (const located of await locateStaffAccounts(db, email.trim())) {
    const found = await withTenant(db, { organisationId: located.organisationId, actorId: null }, (tx) =>
      loadStaffCredential(tx, located.organisationId, located.id),
    );
    if (found?.active && found.passphraseHash !== null)
      candidates.push({ ...found, passphraseHash: found.passphraseHash });
  }
  if (candidates.length === 0)
    return checkPassphrase<StaffRow & { passphraseHash: string }>(null, passphrase);
  const checked = await Promise.all(candidates.map((candidate) => checkPassphrase(candidate, passphrase)));
  return checked.find((match) => match !== null) ?? null;
}

/**
 * Step one of signing in: email and passphrase. Answers the same way, after the same argon2id work, whether the
 * account is unknown, disabled or the passphrase wrong. Throttled per account-and-address and per address.
 */
export async function signInStaff(
  db: Database,
  input: { email: string; passphrase: string },
  address: string,
  now: Date,
): Promise<SignInResult> {
  const usable = await throttled(
    db,
    throttleKeys('staff', input.email, address),
    'staff',
    now,
    () => accountFor(db, input.email, input.passphrase),
    () => new DomainError('UNAUTHENTICATED', SIGN_IN_REFUSED),
  );
  const stage = usable.totpEnrolledAt === null ? 'enrol_second_factor' : 'second_factor';
  const { token } = await withTenant(
    db,
    { organisationId: usable.organisationId, actorId: usable.id },
    (tx) =>
      createSession(tx, { organisationId: usable.organisationId, kind: 'staff', id: usable.id }, stage, now),
  );
  return { token, stage };
}

function requireStage(session: SessionInfo | null, stage: SessionInfo['stage']): SessionInfo {
  if (session === null || session.subjectKind !== 'staff' || session.stage !== stage)
    throw new DomainError('UNAUTHENTICATED', 'Sign in to continue');
  return session;
}

/**
 * Step two: the authenticator code (or a recovery code). A wrong code counts as a failed sign-in for the
 * throttle; the right one ends the half-signed-in session and starts a new, signed-in one.
 */
export async function verifyStaffSecondFactor(
  db: Database,
  sessionOrNull: SessionInfo | null,
  code: string,
  address: string,
  now: Date,
): Promise<{ token: string }> {
  const session = requireStage(sessionOrNull, 'second_factor');
  const tenant = { organisationId: session.organisationId, actorId: session.subjectId };
  const outcome = await throttled(
    db,
    accountKeys('staff', session.subjectId, address),
    'staff',
    now,
    () =>
      withTenant(db, tenant, async (tx) => {
        const found = await loadStaffCredential(tx, session.organisationId, session.subjectId);
        if (found === null || !found.active) return null;
        const check = await checkSecondFactor(tx, { kind: 'staff', id: found.id }, found, code, now);
        if (!check.ok || !(await claimStaffStep(tx, found.id, check.totpStep, now))) return null;
        if (!(await revokeSession(tx, session.id, 'signed in', now))) return null;
        return createSession(
          tx,
          { organisationId: session.organisationId, kind: 'staff', id: found.id },
          'active',
          now,
        );
      }),
    () => new DomainError('UNAUTHENTICATED', CODE_REFUSED),
  );
  return { token: outcome.token };
}

/**
 * First sign-in (or after a reset): a new authenticator seed for the QR code. Each call replaces the seed not yet
 * confirmed, so the code shown is always the latest.
 */
export async function beginStaffEnrolment(
  db: Database,
  sessionOrNull: SessionInfo | null,
  now: Date,
): Promise<{ secret: string; otpauthUri: string }> {
  const session = requireStage(sessionOrNull, 'enrol_second_factor');
  return withTenant(
    db,
    { organisationId: session.organisationId, actorId: session.subjectId },
    async (tx) => {
      const found = await loadStaffCredential(tx, session.organisationId, session.subjectId);
      if (found === null || !found.active || found.totpEnrolledAt !== null)
        throw new DomainError('UNAUTHENTICATED', 'Sign in to continue');
      const secret = newTotpSecret();
      await tx
        .update(staffCredential)
        .set({ totpSecret: secret, totpLastStep: null, updatedAt: now.toISOString() })
        .where(eq(staffCredential.staffId, found.id));
      return { secret, otpauthUri: otpauthUri(secret, found.email) };
    },
  );
}

/** Confirms the authenticator with a code from it; returns the signed-in session and the recovery codes. */
export async function completeStaffEnrolment(
  db: Database,
  sessionOrNull: SessionInfo | null,
  code: string,
  now: Date,
): Promise<{ token: string; recoveryCodes: string[] }> {
  const session = requireStage(sessionOrNull, 'enrol_second_factor');
  const result = await withTenant(
    db,
    { organisationId: session.organisationId, actorId: session.subjectId },
    async (tx) => {
      const found = await loadStaffCredential(tx, session.organisationId, session.subjectId);
      if (found === null || !found.active || found.totpSecret === null || found.totpEnrolledAt !== null)
        return null;
      const check = await checkSecondFactor(
        tx,
        { kind: 'staff', id: found.id },
        { totpSecret: found.totpSecret, totpLastStep: null },
        /^\d{3}\s?\d{3}$/.test(code.trim()) ? code : 'x',
        now,
      );
      if (!check.ok || check.totpStep === null) return null;
      if (!(await revokeSession(tx, session.id, 'signed in', now))) return null;
      await tx
        .update(staffCredential)
        .set({
          totpEnrolledAt: now.toISOString(),
          totpLastStep: check.totpStep,
          updatedAt: now.toISOString(),
        })
        .where(eq(staffCredential.staffId, found.id));
      const recoveryCodes = await issueRecoveryCodes(
        tx,
        { organisationId: session.organisationId, kind: 'staff', id: found.id },
        now,
      );
      const { token } = await createSession(
        tx,
        { organisationId: session.organisationId, kind: 'staff', id: found.id },
        'active',
        now,
      );
      return { token, recoveryCodes };
    },
  );
  if (result === null) throw new DomainError('INVALID_INPUT', CODE_REFUSED);
  return result;
}

export async function signOut(db: Database, session: SessionInfo | null, now: Date): Promise<void> {
  if (session === null) return;
  await withTenant(db, { organisationId: session.organisationId, actorId: session.subjectId }, (tx) =>
    revokeSession(tx, session.id, 'signed out', now),
  );
}

/**
 * Changes the passphrase after checking the current one. Every session of the account ends, this one included;
 * a new signed-in session is returned so the person carries on where they were.
 */
export async function changeStaffPassphrase(
  db: Database,
  actor: Actor,
  session: SessionInfo,
  input: { current: string; next: string },
  address: string,
  now: Date,
): Promise<{ token: string }> {
  const tenant = { organisationId: actor.organisationId, actorId: actor.staffId };
  const found = await withTenant(db, tenant, (tx) =>
    loadStaffCredential(tx, actor.organisationId, actor.staffId),
  );
  if (found === null || found.passphraseHash === null)
    throw new DomainError('UNAUTHENTICATED', 'Sign in to continue');
  const problem = passphraseProblem(input.next, [found.email]);
  if (problem !== null)
    throw new DomainError('INVALID_INPUT', problem, [{ path: ['next'], message: problem }]);
  // Throttled like signing in: a stolen session must not become a way to guess the passphrase.
  await throttled(
    db,
    accountKeys('staff', actor.staffId, address),
    'staff',
    now,
    () => checkPassphrase({ passphraseHash: found.passphraseHash ?? '' }, input.current),
    () =>
      new DomainError('INVALID_INPUT', 'Your current passphrase is not right.', [
        { path: ['current'], message: 'Your current passphrase is not right.' },
      ]),
  );
  const passphraseHash = await hashPassphrase(input.next);
  const { token } = await withTenant(db, tenant, async (tx) => {
    await tx
      .update(staffCredential)
      .set({ passphraseHash, passphraseChangedAt: now.toISOString(), updatedAt: now.toISOString() })
      .where(eq(staffCredential.staffId, actor.staffId));
    await revokeAllSessions(tx, { kind: 'staff', id: actor.staffId }, 'passphrase changed', now);
    return createSession(
      tx,
      { organisationId: actor.organisationId, kind: 'staff', id: actor.staffId },
      'active',
      now,
      // A step-up made before the change still counts for the rest of its few minutes; the change is not one.
      session.reauthenticatedAt,
    );
  });
  return { token };
}

/**
 * Step-up: re-enter passphrase and authenticator code before break-glass and administrators' changes to
 * accounts (later, exports too), inside the caller's transaction. Records the time on the session. The caller
 * throttles it.
 */
export async function stepUpStaff(
  tx: Executor,
  actor: Actor,
  session: SessionInfo,
  input: { passphrase: string; code: string },
  now: Date,
): Promise<void> {
  const found = await loadStaffCredential(tx, actor.organisationId, actor.staffId);
  if (found === null || found.passphraseHash === null)
    throw new DomainError('UNAUTHENTICATED', 'Sign in to continue');
  const passphraseOk = await verifyPassphrase(input.passphrase, found.passphraseHash);
  const check = passphraseOk
    ? await checkSecondFactor(tx, { kind: 'staff', id: found.id }, found, input.code, now)
    : { ok: false as const };
  if (!check.ok || !(await claimStaffStep(tx, found.id, check.totpStep, now)))
    throw new DomainError('INVALID_INPUT', STEP_UP_REFUSED, [
      { path: ['passphrase'], message: STEP_UP_REFUSED },
    ]);
  await tx
    .update(authSession)
    .set({ reauthenticatedAt: now.toISOString() })
    .where(eq(authSession.id, session.id));
}
