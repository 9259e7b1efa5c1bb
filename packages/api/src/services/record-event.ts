import type { Actor } from '@harbour/domain/access/policy';
import { londonDate } from '@harbour/domain/dates';
import { DomainError, type Issue } from '@harbour/domain/errors';
import { checkEventEntry } from '@harbour/domain/record/checks';
import type { RecordEventInput } from '@harbour/domain/record/inputs';
import type { RiskTier } from '@harbour/domain/risk/codes';
import type { Database, Transaction } from '@harbour/db/client';
import { rescorePeople } from '@harbour/db/risk/rescore';
import { clinicalEvent, clinicalEventVersion } from '@harbour/db/schema/clinical-event';
import { personState } from '@harbour/db/schema/person-state';
import { and, eq, sql } from 'drizzle-orm';
import { writeAudit, type AuditEntry } from '../audit/write-audit.ts';
import type { PersonRow } from './person-access.ts';
import { checkCaseReviewSignOff, SIGN_OFF_REFUSED_AUDIT } from './case-review-sign-off.ts';
import { personWrite, type WriteContext } from './person-write.ts';
import { tasksAfterRecording } from './tasks.ts';

/** What a write to the record gives back: the entry's id and version, and the person's risk after it. */
export interface EntryWritten {
  id: string;
  version: number;
  risk: { score: number; tier: RiskTier; previousTier: RiskTier | null };
  /** True when this was a repeat of a submission already recorded (nothing new was written). */
  repeated: boolean;
}

// Shared by every use case on one person's record (person-write.ts), and imported from here by many.
export { settle, type Outcome, type WriteContext } from './person-write.ts';

/**
 * The audit row for an entry refused as impossible (a date in the future…): the record was read to check it, so
 * the look is recorded, as a view with nothing written. Not a refusal of access: a member of staff's typing slips
 * must never count towards the throttle on refused requests (audit/refusals.ts).
 */
export function refusedEntry(audit: Omit<AuditEntry, 'outcome'>): AuditEntry {
  return { ...audit, action: 'view', outcome: 'allowed', reason: 'entry not valid: nothing written' };
}

/** The ids of a person's naloxone supplies (a kit report may only name one of them). */
export async function naloxoneSupplyIds(tx: Transaction, organisationId: string, personId: string) {
  const rows = await tx
    .select({ id: clinicalEvent.id })
    .from(clinicalEvent)
    .where(
      and(
        eq(clinicalEvent.organisationId, organisationId),
        eq(clinicalEvent.personId, personId),
        eq(clinicalEvent.type, 'naloxone_supply'),
        eq(clinicalEvent.status, 'active'),
      ),
    );
  return rows.map((r) => r.id);
}

/** The entry's checks against the person's record, with paths as the procedure's input names them. */
export async function entryIssues(
  tx: Transaction,
  found: PersonRow,
  occurredOn: string,
  event: RecordEventInput['event'],
  now: Date,
): Promise<Issue[]> {
  const issues = checkEventEntry(event, occurredOn, {
    today: londonDate(now),
    dateOfBirth: found.dateOfBirth,
    naloxoneSupplyIds: await naloxoneSupplyIds(tx, found.organisationId, found.id),
  });
  return issues.map((issue) => ({
    ...issue,
    path: issue.path[0] === 'details' ? ['event', ...issue.path] : issue.path,
  }));
}

/** Re-scores the person in the caller's transaction and says what their risk is now (and was). */
export async function rescoreAfterEntry(
  tx: Transaction,
  organisationId: string,
  personId: string,
  now: Date,
): Promise<EntryWritten['risk']> {
  const [before] = await tx
    .select({ tier: personState.riskTier })
    .from(personState)
    .where(and(eq(personState.personId, personId), eq(personState.organisationId, organisationId)));
  const outcome = await rescorePeople(tx, organisationId, [personId], {
    asOf: londonDate(now),
    cause: 'entry',
  });
  // An entry is never kept without its score: if the person cannot be scored, the write fails with it.
  const failure = outcome.failed[0];
  if (failure)
    throw failure.error instanceof Error ? failure.error : new Error('the person could not be scored');
  const [after] = await tx
    .select({ score: personState.riskScore, tier: personState.riskTier })
    .from(personState)
    .where(and(eq(personState.personId, personId), eq(personState.organisationId, organisationId)));
  if (!after || after.score === null || after.tier === null) throw new Error('re-scoring wrote no score');
  return { score: after.score, tier: after.tier, previousTier: before?.tier ?? null };
}

/**
 * Records a clinical event on a person's record, for someone who may write to it (policy: caseload, team or
 * their own break-glass). In one transaction: the event, its first version, the person's re-score and one audit
 * row. A submission repeated with the same idempotency key returns the event it already recorded.
 */
export async function recordEvent(
  db: Database,
  actor: Actor,
  input: RecordEventInput,
  context: WriteContext,
): Promise<EntryWritten> {
  const request = { personId: input.personId, action: 'create', procedure: 'record.recordEvent' } as const;
  return personWrite(db, actor, request, context, async ({ tx, access, audit }) => {
    const issues = await entryIssues(tx, access.person, input.occurredOn, input.event, context.now);
    if (issues.length > 0) {
      await writeAudit(tx, refusedEntry(audit));
      return { kind: 'invalid', issues };
    }
    // A case review is written only by someone who may sign it off; the refusal is audited, nothing else written.
    const signOff = await checkCaseReviewSignOff(tx, actor, input.event, context.now);
    if (signOff.kind === 'invalid') {
      await writeAudit(tx, refusedEntry(audit));
      return signOff;
    }
    if (signOff.kind === 'refused') {
      await writeAudit(tx, { ...audit, outcome: 'denied', reason: SIGN_OFF_REFUSED_AUDIT });
      return signOff;
    }
    const event = signOff.event;
    const inserted = await tx
      .insert(clinicalEvent)
      .values({
        organisationId: actor.organisationId,
        personId: input.personId,
        episodeId: access.episode?.id ?? null,
        type: event.type,
        occurredOn: input.occurredOn,
        details: event.details,
        recordedBy: actor.staffId,
        recordedAt: context.now.toISOString(),
        idempotencyKey: input.idempotencyKey,
      })
      .onConflictDoNothing({
        target: [clinicalEvent.organisationId, clinicalEvent.idempotencyKey],
        where: sql`${clinicalEvent.idempotencyKey} is not null`,
      })
      .returning({ id: clinicalEvent.id, version: clinicalEvent.version });
    const row = inserted[0];
    if (row === undefined) {
      // Sent before: the first submission's event, as long as it was for this person.
      const [earlier] = await tx
        .select({ id: clinicalEvent.id, version: clinicalEvent.version, personId: clinicalEvent.personId })
        .from(clinicalEvent)
        .where(
          and(
            eq(clinicalEvent.organisationId, actor.organisationId),
            eq(clinicalEvent.idempotencyKey, input.idempotencyKey),
          ),
        );
      if (!earlier || earlier.personId !== input.personId)
        throw new DomainError('CONFLICT', 'This form was already used for another entry: open it again');
      await writeAudit(tx, { ...audit, outcome: 'allowed', reason: 'repeated submission' });
      const [state] = await tx
        .select({ score: personState.riskScore, tier: personState.riskTier })
        .from(personState)
        .where(eq(personState.personId, input.personId));
      return {
        kind: 'ok',
        value: {
          id: earlier.id,
          version: earlier.version,
          risk: { score: state?.score ?? 0, tier: state?.tier ?? 'low', previousTier: state?.tier ?? null },
          repeated: true,
        },
      };
    }
    await tx.insert(clinicalEventVersion).values({
      eventId: row.id,
      version: row.version,
      organisationId: actor.organisationId,
      personId: input.personId,
      type: event.type,
      occurredOn: input.occurredOn,
      details: event.details,
      status: 'active',
      reason: null,
      writtenBy: actor.staffId,
      writtenAt: context.now.toISOString(),
    });
    // The tasks the event opens and closes (and a kit reported used becomes an overdose), in this transaction.
    await tasksAfterRecording(
      tx,
      actor.organisationId,
      { id: row.id, personId: input.personId, occurredOn: input.occurredOn, payload: event },
      actor.staffId,
      context.now,
    );
    const risk = await rescoreAfterEntry(tx, actor.organisationId, input.personId, context.now);
    await writeAudit(tx, { ...audit, outcome: 'allowed' });
    return { kind: 'ok', value: { id: row.id, version: row.version, risk, repeated: false } };
  });
}
