import type { Executor } from '@harbour/db/client';
import { recoveryCode } from '@harbour/db/schema/identity';
import { and, eq, isNull } from 'drizzle-orm';
import { digest, normaliseCode, readableCode } from './secrets.ts';
import { matchTotp } from './totp.ts';

export const RECOVERY_CODES = 10;

/** Issues a fresh set of single-use recovery codes (replacing any unused ones) and returns them, shown once. */
export async function issueRecoveryCodes(
  tx: Executor,
  subject: { organisationId: string; kind: 'staff' | 'service_user'; id: string },
  now: Date,
): Promise<string[]> {
  await tx
    .delete(recoveryCode)
    .where(
      and(
        eq(recoveryCode.subjectKind, subject.kind),
        eq(recoveryCode.subjectId, subject.id),
        isNull(recoveryCode.usedAt),
      ),
    );
  const codes = Array.from({ length: RECOVERY_CODES }, () => readableCode(3));
  await tx.insert(recoveryCode).values(
    codes.map((code) => ({
      organisationId: subject.organisationId,
      subjectKind: subject.kind,
      subjectId: subject.id,
      codeHash: digest(normaliseCode(code)),
      createdAt: now.toISOString(),
    })),
  );
  return codes;
}

/** Uses up a recovery code if it is one of this subject's unused codes. */
async function useRecoveryCode(
  tx: Executor,
  subject: { kind: 'staff' | 'service_user'; id: string },
  typed: string,
  now: Date,
): Promise<boolean> {
  const used = await tx
    .update(recoveryCode)
    .set({ usedAt: now.toISOString() })
    .where(
      and(
        eq(recoveryCode.codeHash, digest(normaliseCode(typed))),
        eq(recoveryCode.subjectKind, subject.kind),
        eq(recoveryCode.subjectId, subject.id),
        isNull(recoveryCode.usedAt),
      ),
    )
    .returning({ id: recoveryCode.id });
  return used.length === 1;
}

export type SecondFactorCheck = { ok: true; totpStep: number | null } | { ok: false };

/**
 * Checks what was typed as a second factor: a 6-digit authenticator code (never one already used) or, if it
 * looks like one, a recovery code (used up). The caller stores `totpStep` to refuse the same code again.
 */
export async function checkSecondFactor(
  tx: Executor,
  subject: { kind: 'staff' | 'service_user'; id: string },
  credential: { totpSecret: string | null; totpLastStep: number | null },
  typed: string,
  now: Date,
): Promise<SecondFactorCheck> {
  const trimmed = typed.trim();
  if (/^\d{3}\s?\d{3}$/.test(trimmed)) {
    if (credential.totpSecret === null) return { ok: false };
    const step = matchTotp(credential.totpSecret, trimmed, now.getTime(), credential.totpLastStep);
    return step === null ? { ok: false } : { ok: true, totpStep: step };
  }
  if (normaliseCode(trimmed).length === 14 && (await useRecoveryCode(tx, subject, trimmed, now)))
    return { ok: true, totpStep: null };
  return { ok: false };
}
