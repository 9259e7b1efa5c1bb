import type { BreakGlassReason } from '@harbour/domain/access/break-glass';
import { BREAK_GLASS_HOURS, canBreakGlass, canReadPerson, type Actor } from '@harbour/domain/access/policy';
import { DomainError, notFound } from '@harbour/domain/errors';
import type { Database } from '@harbour/db/client';
import { treatmentEpisode } from '@harbour/db/schema/episode';
import { breakGlassGrant, caldicottAlert } from '@harbour/db/schema/identity';
import { person } from '@harbour/db/schema/person';
import { withTenant } from '@harbour/db/tenant';
import { and, eq, ne } from 'drizzle-orm';
import { writeAudit } from '../audit/write-audit.ts';
import type { SessionInfo } from '../identity/sessions.ts';
import { recordFailure, secondsToWait, tooManyAttempts, accountKeys } from '../identity/throttle.ts';
import { stepUpStaff } from './staff-auth.ts';

export interface BreakGlassInput {
  personId: string;
  reasonCode: BreakGlassReason;
  reasonText: string;
  passphrase: string;
  code: string;
}

/**
 * Emergency access (security.md promise 4): after re-entering passphrase and authenticator code, with a stated
 * reason, the caller may open this one person's record for four hours. The grant, its audit row (basis
 * break_glass, the reason code) and the Caldicott guardian's alert are written in one transaction. Refusals
 * (no such person here, a relationship already, a wrong passphrase or code) are audited as denied.
 */
export async function breakGlass(
  db: Database,
  actor: Actor,
  session: SessionInfo,
  input: BreakGlassInput,
  request: { requestId: string; address: string },
  now: Date,
): Promise<{ expiresAt: string }> {
  if (!canBreakGlass(actor)) throw new DomainError('FORBIDDEN', 'Your role cannot do this');
  const { requestId } = request;
  // The step-up is throttled like signing in: a session must not become a way to guess the passphrase.
  const keys = accountKeys('staff', actor.staffId, request.address);
  const wait = await secondsToWait(db, keys, now);
  if (wait > 0) throw tooManyAttempts('staff', wait);
  const audit = {
    actor,
    personId: input.personId,
    action: 'break_glass',
    procedure: 'person.breakGlass',
    requestId,
  } as const;
  const outcome = await withTenant(
    db,
    { organisationId: actor.organisationId, actorId: actor.staffId },
    async (tx) => {
      const refuse = async (reason: string, error: DomainError) => {
        await writeAudit(tx, { ...audit, basis: null, outcome: 'denied', reason });
        return { kind: 'refused' as const, error, stepUpFailed: reason === 'step-up failed' };
      };
      const [found] = await tx
        .select({ id: person.id })
        .from(person)
        .where(and(eq(person.id, input.personId), eq(person.organisationId, actor.organisationId)));
      if (!found) return refuse('not found', notFound('Person'));
      const open = await tx
        .select({ teamId: treatmentEpisode.teamId, keyworkerId: treatmentEpisode.keyworkerId })
        .from(treatmentEpisode)
        .where(
          and(
            eq(treatmentEpisode.personId, input.personId),
            eq(treatmentEpisode.organisationId, actor.organisationId),
            ne(treatmentEpisode.status, 'discharged'),
          ),
        );
      if (open.some((relationship) => canReadPerson(actor, relationship).allowed))
        return refuse(
          'has a relationship',
          new DomainError(
            'INVALID_INPUT',
            'You can already open this record: there is no need to break glass.',
          ),
        );
      const stepUp = await stepUpStaff(tx, actor, session, input, now).then(
        () => null,
        (error: unknown) => error,
      );
      if (stepUp !== null) {
        if (stepUp instanceof DomainError) return refuse('step-up failed', stepUp);
        throw stepUp;
      }
      const expiresAt = new Date(now.getTime() + BREAK_GLASS_HOURS * 3_600_000).toISOString();
      const [grant] = await tx
        .insert(breakGlassGrant)
        .values({
          organisationId: actor.organisationId,
          staffId: actor.staffId,
          personId: input.personId,
          reasonCode: input.reasonCode,
          reasonText: input.reasonText,
          grantedAt: now.toISOString(),
          expiresAt,
          requestId,
        })
        .returning({ id: breakGlassGrant.id });
      if (!grant) throw new Error('break-glass grant not written');
      await tx
        .insert(caldicottAlert)
        .values({ organisationId: actor.organisationId, grantId: grant.id, subjectStaffId: actor.staffId });
      await writeAudit(tx, { ...audit, basis: 'break_glass', outcome: 'allowed', reason: input.reasonCode });
      return { kind: 'granted' as const, expiresAt };
    },
  );
  // Refusals are thrown after the transaction has committed, so their audit rows are kept.
  if (outcome.kind === 'refused') {
    if (outcome.stepUpFailed) await recordFailure(db, keys, now);
    throw outcome.error;
  }
  return { expiresAt: outcome.expiresAt };
}
