import type { Database } from '@harbour/db/client';
import { locateAccountByUsername, locateStaffAccounts, type Located } from '@harbour/db/locate';
import { authSession, serviceUserAccount, staffCredential } from '@harbour/db/schema/identity';
import { DEMO_ORGANISATION_NAME } from '@harbour/db/demo/generate';
import { organisation } from '@harbour/db/schema/organisation';
import { withTenant } from '@harbour/db/tenant';
import { and, eq, isNull } from 'drizzle-orm';
import { stepAt, totpCode, TOTP_STEP_SECONDS } from './totp.ts';

/**
 * Development conveniences behind apps/server's `/dev/` routes, which exist only with HARBOUR_DEV_IDENTITY=1 (the
 * server refuses that setting under NODE_ENV=production or on a non-loopback address). Never imported by a
 * procedure.
 */
export interface DevSubject {
  kind: 'staff' | 'service_user';
  login: string;
}

/**
 * Only the demo organisation's accounts (demo/sign-ins.ts): never a real one, even in development, and never
 * another organisation's account that happens to share a demo address.
 */
async function locate(db: Database, subject: DevSubject): Promise<Located | null> {
  const candidates =
    subject.kind === 'staff'
      ? await locateStaffAccounts(db, subject.login)
      : [await locateAccountByUsername(db, subject.login.toLowerCase())].filter((found) => found !== null);
  for (const found of candidates) {
    const [org] = await withTenant(db, { organisationId: found.organisationId, actorId: null }, (tx) =>
      tx
        .select({ name: organisation.name })
        .from(organisation)
        .where(eq(organisation.id, found.organisationId)),
    );
    if (org?.name === DEMO_ORGANISATION_NAME) return found;
  }
  return null;
}

/** The current authenticator code of an enrolled account of the demo organisation, and its seconds left. */
export async function currentCode(
  db: Database,
  subject: DevSubject,
  now: Date,
): Promise<{ code: string; secondsLeft: number } | null> {
  const located = await locate(db, subject);
  if (!located) return null;
  const secret = await withTenant(
    db,
    { organisationId: located.organisationId, actorId: null },
    async (tx) => {
      if (subject.kind === 'staff') {
        const [row] = await tx
          .select({ secret: staffCredential.totpSecret })
          .from(staffCredential)
          .where(eq(staffCredential.staffId, located.id));
        return row?.secret ?? null;
      }
      const [row] = await tx
        .select({ secret: serviceUserAccount.totpSecret })
        .from(serviceUserAccount)
        .where(eq(serviceUserAccount.personId, located.id));
      return row?.secret ?? null;
    },
  );
  if (secret === null) return null;
  const step = stepAt(now.getTime());
  const secondsLeft = TOTP_STEP_SECONDS - Math.floor(now.getTime() / 1000 - step * TOTP_STEP_SECONDS);
  return { code: totpCode(secret, step), secondsLeft };
}

/** Makes an account's live sessions look unused for `minutes` (the session-expiry browser test). */
export async function ageSessions(
  db: Database,
  subject: DevSubject,
  minutes: number,
  now: Date,
): Promise<number> {
  const located = await locate(db, subject);
  if (!located) return 0;
  const then = new Date(now.getTime() - minutes * 60_000).toISOString();
  return withTenant(db, { organisationId: located.organisationId, actorId: null }, async (tx) => {
    const aged = await tx
      .update(authSession)
      .set({ lastSeenAt: then })
      .where(
        and(
          eq(authSession.subjectKind, subject.kind),
          eq(authSession.subjectId, located.id),
          isNull(authSession.revokedAt),
        ),
      )
      .returning({ id: authSession.id });
    return aged.length;
  });
}
