import { SELF_CHECK_USERNAME, USERNAME_RULE } from '@harbour/domain/access/credentials';
import { DomainError } from '@harbour/domain/errors';
import type { Database, Executor } from '@harbour/db/client';
import { locateAccountByUsername, locateActivation } from '@harbour/db/locate';
import { activationCode, recoveryCode, serviceUserAccount } from '@harbour/db/schema/identity';
import { person } from '@harbour/db/schema/person';
import { withTenant } from '@harbour/db/tenant';
import { and, count, eq, gt, isNull, lt, or } from 'drizzle-orm';
import { hashPassphrase, passphraseProblem } from '../identity/passphrase.ts';
import { checkSecondFactor, issueRecoveryCodes } from '../identity/second-factor.ts';
import { digest, normaliseCode } from '../identity/secrets.ts';
import {
  createSession,
  revokeAllSessions,
  revokeSession,
  type ServiceUserActor,
  type SessionInfo,
} from '../identity/sessions.ts';
import { accountKeys, checkPassphrase, throttled, throttleKeys } from '../identity/throttle.ts';
import { newTotpSecret, otpauthUri } from '../identity/totp.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { CODE_REFUSED } from './staff-auth.ts';

/**
 * Service users' sign-in to the self-check portal (issue 4 §6; security.md promise 7). Enrolment is by an
 * activation code from their service; then a username and passphrase they choose, and a second factor: an
 * authenticator app, or — the documented fallback — printed one-time codes. Date of birth is never asked.
 */
export const SELF_SIGN_IN_REFUSED = 'Your username or passphrase is not right.';
export const ACTIVATION_REFUSED = 'That code is not right or has expired. Ask your keyworker for a new one.';

const invalid = (field: string, message: string) =>
  new DomainError('INVALID_INPUT', message, [{ path: [field], message }]);

/** Turns an activation code into an account: username, passphrase; the second factor comes next. */
export async function activate(
  db: Database,
  input: { code: string; username: string; passphrase: string },
  address: string,
  now: Date,
): Promise<{ token: string; stage: 'enrol_second_factor' }> {
  const username = input.username.trim().toLowerCase();
  if (!SELF_CHECK_USERNAME.test(username)) throw invalid('username', USERNAME_RULE);
  const problem = passphraseProblem(input.passphrase, [username]);
  if (problem !== null) throw invalid('passphrase', problem);
  const result = await throttled(
    db,
    throttleKeys('service_user', 'activation', address),
    'service_user',
    now,
    async () => {
      const located = await locateActivation(db, digest(normaliseCode(input.code)));
      if (!located) return null;
      // Someone given a new code (a lost phone, a forgotten passphrase) may keep their own username.
      const holder = await locateAccountByUsername(db, username);
      if (holder && holder.id !== (await activationPerson(db, located)))
        throw invalid('username', 'Someone already uses that username. Choose another one.');
      return claimActivation(db, located, username, await hashPassphrase(input.passphrase), now);
    },
    () => invalid('code', ACTIVATION_REFUSED),
  );
  return { token: result.token, stage: 'enrol_second_factor' };
}

/** Whose activation code this is. */
async function activationPerson(
  db: Database,
  located: { id: string; organisationId: string },
): Promise<string | null> {
  const [row] = await withTenant(db, { organisationId: located.organisationId, actorId: null }, (tx) =>
    tx
      .select({ personId: activationCode.personId })
      .from(activationCode)
      .where(eq(activationCode.id, located.id)),
  );
  return row?.personId ?? null;
}

/** Uses up a live activation code and starts (or restarts) the person's account; null if the code is spent. */
async function claimActivation(
  db: Database,
  located: { id: string; organisationId: string },
  username: string,
  passphraseHash: string,
  now: Date,
): Promise<{ token: string } | null> {
  return withTenant(db, { organisationId: located.organisationId, actorId: null }, async (tx) => {
    const used = await tx
      .update(activationCode)
      .set({ usedAt: now.toISOString() })
      .where(
        and(
          eq(activationCode.id, located.id),
          isNull(activationCode.usedAt),
          isNull(activationCode.revokedAt),
          gt(activationCode.expiresAt, now.toISOString()),
        ),
      )
      .returning({ personId: activationCode.personId });
    const claim = used[0];
    if (!claim) return null;
    const [existing] = await tx
      .select({ personId: serviceUserAccount.personId })
      .from(serviceUserAccount)
      .where(eq(serviceUserAccount.personId, claim.personId));
    const values = {
      username,
      passphraseHash,
      totpSecret: null,
      totpEnrolledAt: null,
      totpLastStep: null,
      usesPrintedCodes: false,
      activatedAt: now.toISOString(),
      disabledAt: null,
    };
    // A new code for someone who already has an account (a lost phone, a forgotten passphrase) starts it again.
    if (existing)
      await tx.update(serviceUserAccount).set(values).where(eq(serviceUserAccount.personId, claim.personId));
    else
      await tx
        .insert(serviceUserAccount)
        .values({ personId: claim.personId, organisationId: located.organisationId, ...values });
    await tx
      .delete(recoveryCode)
      .where(and(eq(recoveryCode.subjectKind, 'service_user'), eq(recoveryCode.subjectId, claim.personId)));
    // A new start ends every session of the old one (a stolen phone still signed in, say).
    await revokeAllSessions(tx, { kind: 'service_user', id: claim.personId }, 'activated again', now);
    return createSession(
      tx,
      { organisationId: located.organisationId, kind: 'service_user', id: claim.personId },
      'enrol_second_factor',
      now,
    );
  });
}

async function loadAccount(tx: Executor, personId: string) {
  const [row] = await tx.select().from(serviceUserAccount).where(eq(serviceUserAccount.personId, personId));
  return row ?? null;
}

export async function signInServiceUser(
  db: Database,
  input: { username: string; passphrase: string },
  address: string,
  now: Date,
): Promise<{ token: string; stage: 'second_factor' | 'enrol_second_factor' }> {
  const usable = await throttled(
    db,
    throttleKeys('service_user', input.username, address),
    'service_user',
    now,
    async () => {
      const located = await locateAccountByUsername(db, input.username.trim().toLowerCase());
      const account = located
        ? await withTenant(db, { organisationId: located.organisationId, actorId: null }, (tx) =>
            loadAccount(tx, located.id),
          )
        : null;
      return checkPassphrase(
        account !== null && account.disabledAt === null ? account : null,
        input.passphrase,
      );
    },
    () => new DomainError('UNAUTHENTICATED', SELF_SIGN_IN_REFUSED),
  );
  const enrolled = usable.totpEnrolledAt !== null || usable.usesPrintedCodes;
  const stage = enrolled ? 'second_factor' : 'enrol_second_factor';
  const { token } = await withTenant(db, { organisationId: usable.organisationId, actorId: null }, (tx) =>
    createSession(
      tx,
      { organisationId: usable.organisationId, kind: 'service_user', id: usable.personId },
      stage,
      now,
    ),
  );
  return { token, stage };
}

function requireStage(session: SessionInfo | null, stage: SessionInfo['stage']): SessionInfo {
  if (session === null || session.subjectKind !== 'service_user' || session.stage !== stage)
    throw new DomainError('UNAUTHENTICATED', 'Sign in to continue');
  return session;
}

export async function beginSelfEnrolment(
  db: Database,
  sessionOrNull: SessionInfo | null,
): Promise<{ secret: string; otpauthUri: string }> {
  const session = requireStage(sessionOrNull, 'enrol_second_factor');
  return withTenant(db, { organisationId: session.organisationId, actorId: null }, async (tx) => {
    const account = await loadAccount(tx, session.subjectId);
    if (account === null) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue');
    const secret = newTotpSecret();
    await tx
      .update(serviceUserAccount)
      .set({ totpSecret: secret, totpLastStep: null })
      .where(eq(serviceUserAccount.personId, account.personId));
    return { secret, otpauthUri: otpauthUri(secret, account.username) };
  });
}

export async function completeSelfEnrolment(
  db: Database,
  sessionOrNull: SessionInfo | null,
  input: { method: 'authenticator'; code: string } | { method: 'printed_codes' },
  now: Date,
): Promise<{ token: string; recoveryCodes: string[] }> {
  const session = requireStage(sessionOrNull, 'enrol_second_factor');
  const subject = {
    organisationId: session.organisationId,
    kind: 'service_user' as const,
    id: session.subjectId,
  };
  const result = await withTenant(
    db,
    { organisationId: session.organisationId, actorId: null },
    async (tx) => {
      const account = await loadAccount(tx, session.subjectId);
      if (account === null) return null;
      if (input.method === 'authenticator') {
        if (account.totpSecret === null || !/^\d{3}\s?\d{3}$/.test(input.code.trim())) return null;
        const check = await checkSecondFactor(
          tx,
          subject,
          { totpSecret: account.totpSecret, totpLastStep: null },
          input.code,
          now,
        );
        if (!check.ok) return null;
        await tx
          .update(serviceUserAccount)
          .set({ totpEnrolledAt: now.toISOString(), totpLastStep: check.totpStep, usesPrintedCodes: false })
          .where(eq(serviceUserAccount.personId, account.personId));
      } else {
        await tx
          .update(serviceUserAccount)
          .set({ totpSecret: null, totpEnrolledAt: null, totpLastStep: null, usesPrintedCodes: true })
          .where(eq(serviceUserAccount.personId, account.personId));
      }
      if (!(await revokeSession(tx, session.id, 'signed in', now))) return null;
      const recoveryCodes = await issueRecoveryCodes(tx, subject, now);
      const { token } = await createSession(tx, subject, 'active', now);
      return { token, recoveryCodes };
    },
  );
  if (result === null)
    throw new DomainError('INVALID_INPUT', CODE_REFUSED, [{ path: ['code'], message: CODE_REFUSED }]);
  return result;
}

export async function verifySelfSecondFactor(
  db: Database,
  sessionOrNull: SessionInfo | null,
  code: string,
  address: string,
  now: Date,
): Promise<{ token: string }> {
  const session = requireStage(sessionOrNull, 'second_factor');
  const subject = {
    organisationId: session.organisationId,
    kind: 'service_user' as const,
    id: session.subjectId,
  };
  const result = await throttled(
    db,
    accountKeys('service_user', session.subjectId, address),
    'service_user',
    now,
    () =>
      withTenant(db, { organisationId: session.organisationId, actorId: null }, async (tx) => {
        const account = await loadAccount(tx, session.subjectId);
        if (account === null || account.disabledAt !== null) return null;
        const check = await checkSecondFactor(tx, subject, account, code, now);
        if (!check.ok) return null;
        if (check.totpStep !== null) {
          // Only a later step than the last one used: of two requests racing with one code, one wins.
          const claimed = await tx
            .update(serviceUserAccount)
            .set({ totpLastStep: check.totpStep })
            .where(
              and(
                eq(serviceUserAccount.personId, account.personId),
                or(
                  isNull(serviceUserAccount.totpLastStep),
                  lt(serviceUserAccount.totpLastStep, check.totpStep),
                ),
              ),
            )
            .returning({ personId: serviceUserAccount.personId });
          if (claimed.length !== 1) return null;
        }
        if (!(await revokeSession(tx, session.id, 'signed in', now))) return null;
        return createSession(tx, subject, 'active', now);
      }),
    () => new DomainError('UNAUTHENTICATED', CODE_REFUSED),
  );
  return { token: result.token };
}

/** What the self-check home page needs: a first name to greet, and how many printed codes are left. */
export async function selfSummary(
  db: Database,
  self: ServiceUserActor,
  requestId: string,
): Promise<{ givenName: string; usesPrintedCodes: boolean; unusedCodes: number }> {
  return withTenant(db, { organisationId: self.organisationId, actorId: null }, async (tx) => {
    // Their own record, read by them: audited like any other read (and left out of "who has looked").
    await writeAudit(tx, {
      actor: self,
      personId: self.personId,
      action: 'view',
      procedure: 'selfcheck.me',
      basis: null,
      outcome: 'allowed',
      requestId,
    });
    const [row] = await tx
      .select({ givenName: person.givenName, usesPrintedCodes: serviceUserAccount.usesPrintedCodes })
      .from(person)
      .innerJoin(serviceUserAccount, eq(serviceUserAccount.personId, person.id))
      .where(and(eq(person.id, self.personId), eq(person.organisationId, self.organisationId)));
    if (!row) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue');
    const [codes] = await tx
      .select({ n: count() })
      .from(recoveryCode)
      .where(
        and(
          eq(recoveryCode.subjectKind, 'service_user'),
          eq(recoveryCode.subjectId, self.personId),
          isNull(recoveryCode.usedAt),
        ),
      );
    return { ...row, unusedCodes: codes?.n ?? 0 };
  });
}
