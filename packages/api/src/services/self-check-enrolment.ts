import { canEnrolForSelfCheck, type Actor } from '@harbour/domain/access/policy';
import { DomainError, notFound } from '@harbour/domain/errors';
import type { Database } from '@harbour/db/client';
import { treatmentEpisode } from '@harbour/db/schema/episode';
import { activationCode } from '@harbour/db/schema/identity';
import { person } from '@harbour/db/schema/person';
import { withTenant } from '@harbour/db/tenant';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { writeAudit } from '../audit/write-audit.ts';
import { digest, normaliseCode, readableCode } from '../identity/secrets.ts';

/** How long an activation code lasts (issue 4 §6). */
export const ACTIVATION_DAYS = 7;

/**
 * A keyworker (or anyone with a relationship) who has checked the person's identity in person gives them a
 * single-use activation code for the self-check portal. The code is shown once and stored hashed; any earlier
 * unused code for the person stops working. Audited as a change to the person's record.
 */
export async function issueActivationCode(
  db: Database,
  actor: Actor,
  personId: string,
  requestId: string,
  now: Date,
): Promise<{ code: string; expiresAt: string }> {
  const outcome = await withTenant(
    db,
    { organisationId: actor.organisationId, actorId: actor.staffId },
    async (tx) => {
      const [found] = await tx
        .select({ id: person.id })
        .from(person)
        .where(and(eq(person.id, personId), eq(person.organisationId, actor.organisationId)));
      const audit = {
        actor,
        personId,
        action: 'create',
        procedure: 'person.issueActivationCode',
        requestId,
      } as const;
      if (!found) {
        await writeAudit(tx, { ...audit, basis: null, outcome: 'denied', reason: 'not found' });
        return { kind: 'not_found' as const };
      }
      const open = await tx
        .select({ teamId: treatmentEpisode.teamId, keyworkerId: treatmentEpisode.keyworkerId })
        .from(treatmentEpisode)
        .where(
          and(
            eq(treatmentEpisode.personId, personId),
            eq(treatmentEpisode.organisationId, actor.organisationId),
            ne(treatmentEpisode.status, 'discharged'),
          ),
        );
      const decision =
        open.map((r) => canEnrolForSelfCheck(actor, r)).find((d) => d.allowed) ??
        canEnrolForSelfCheck(actor, { teamId: null, keyworkerId: null });
      if (!decision.allowed) {
        await writeAudit(tx, { ...audit, basis: null, outcome: 'denied', reason: decision.reason });
        return { kind: 'denied' as const };
      }
      await tx
        .update(activationCode)
        .set({ revokedAt: now.toISOString() })
        .where(
          and(
            eq(activationCode.personId, personId),
            isNull(activationCode.usedAt),
            isNull(activationCode.revokedAt),
          ),
        );
      const code = readableCode(3);
      const expiresAt = new Date(now.getTime() + ACTIVATION_DAYS * 86_400_000).toISOString();
      await tx.insert(activationCode).values({
        organisationId: actor.organisationId,
        personId,
        codeHash: digest(normaliseCode(code)),
        issuedBy: actor.staffId,
        issuedAt: now.toISOString(),
        expiresAt,
      });
      await writeAudit(tx, { ...audit, basis: decision.basis, outcome: 'allowed' });
      return { kind: 'ok' as const, code, expiresAt };
    },
  );
  if (outcome.kind === 'not_found') throw notFound('Person');
  if (outcome.kind === 'denied')
    throw new DomainError('FORBIDDEN', 'You do not have a care relationship with this person.');
  return { code: outcome.code, expiresAt: outcome.expiresAt };
}
