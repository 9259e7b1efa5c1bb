import type { Actor } from '@harbour/domain/access/policy';
import { conflict, DomainError, notFound } from '@harbour/domain/errors';
import type { EventPayload } from '@harbour/domain/events';
import type { AmendEventInput, StrikeOutEventInput } from '@harbour/domain/record/inputs';
import type { Database, Transaction } from '@harbour/db/client';
import { clinicalEvent, clinicalEventVersion } from '@harbour/db/schema/clinical-event';
import { withTenant } from '@harbour/db/tenant';
import { and, eq, sql } from 'drizzle-orm';
import { writeAudit } from '../audit/write-audit.ts';
import { checkCaseReviewSignOff, SIGN_OFF_REFUSED_AUDIT } from './case-review-sign-off.ts';
import { personAccess } from './person-access.ts';
import { tasksAfterChange } from './tasks.ts';
import {
  entryIssues,
  rescoreAfterEntry,
  settle,
  type EntryWritten,
  type Outcome,
  type WriteContext,
  refusedEntry,
} from './record-event.ts';

type Change = { kind: 'amend'; occurredOn: string; event: EventPayload } | { kind: 'strike_out' };

interface ChangeRequest {
  personId: string;
  eventId: string;
  expectedVersion: number;
  reason: string;
}

const procedures = { amend: 'record.amendEvent', strike_out: 'record.strikeOutEvent' } as const;

/**
 * Changes an event already on the record: a new version, with the reason, only if nobody has changed it since the
 * caller read `expectedVersion` (a stale change is a conflict, never a lost update). The old version stays in
 * `clinical_event_version`, readable in the history. Re-scored and audited in the same transaction.
 */
async function changeEvent(
  db: Database,
  actor: Actor,
  request: ChangeRequest,
  change: Change,
  context: WriteContext,
): Promise<EntryWritten> {
  const tenant = { organisationId: actor.organisationId, actorId: actor.staffId };
  const procedure = procedures[change.kind];
  const outcome = await withTenant(db, tenant, async (tx: Transaction): Promise<Outcome<EntryWritten>> => {
    const access = await personAccess(tx, {
      actor,
      personId: request.personId,
      mode: 'write',
      action: 'amend',
      procedure,
      requestId: context.requestId,
      now: context.now,
    });
    if (access.kind !== 'allowed') return access;
    const audit = {
      actor,
      personId: request.personId,
      action: 'amend',
      procedure,
      requestId: context.requestId,
      basis: access.basis,
    } as const;
    const [current] = await tx
      .select()
      .from(clinicalEvent)
      .where(
        and(
          eq(clinicalEvent.id, request.eventId),
          eq(clinicalEvent.personId, request.personId),
          eq(clinicalEvent.organisationId, actor.organisationId),
        ),
      );
    if (!current) throw notFound('Entry');
    if (current.status === 'entered_in_error')
      throw new DomainError(
        'RULE_REFUSED',
        'This entry was marked as entered in error and can no longer change',
      );
    if (current.version !== request.expectedVersion) throw conflict('This entry', request.expectedVersion);
    let occurredOn = current.occurredOn;
    let details: unknown = current.details;
    if (change.kind === 'amend') {
      if (change.event.type !== current.type) {
        await writeAudit(tx, refusedEntry(audit));
        return {
          kind: 'invalid',
          issues: [{ path: ['event', 'type'], message: 'An entry cannot change its kind: record a new one' }],
        };
      }
      const issues = await entryIssues(tx, access.person, change.occurredOn, change.event, context.now);
      if (issues.length > 0) {
        await writeAudit(tx, refusedEntry(audit));
        return { kind: 'invalid', issues };
      }
      const signOff = await checkCaseReviewSignOff(tx, actor, change.event, context.now);
      if (signOff.kind === 'invalid') {
        await writeAudit(tx, refusedEntry(audit));
        return signOff;
      }
      if (signOff.kind === 'refused') {
        await writeAudit(tx, { ...audit, outcome: 'denied', reason: SIGN_OFF_REFUSED_AUDIT });
        return signOff;
      }
      occurredOn = change.occurredOn;
      details = signOff.event.details;
    }
    const status = change.kind === 'strike_out' ? 'entered_in_error' : 'active';
    // The version is checked again by the update itself: of two changes racing from the same version, one wins.
    const [updated] = await tx
      .update(clinicalEvent)
      .set({ occurredOn, details, status, version: sql`${clinicalEvent.version} + 1` })
      .where(and(eq(clinicalEvent.id, current.id), eq(clinicalEvent.version, request.expectedVersion)))
      .returning({ version: clinicalEvent.version });
    if (!updated) throw conflict('This entry', request.expectedVersion);
    await tx.insert(clinicalEventVersion).values({
      eventId: current.id,
      version: updated.version,
      organisationId: actor.organisationId,
      personId: request.personId,
      type: current.type,
      occurredOn,
      details,
      status,
      reason: request.reason,
      writtenBy: actor.staffId,
      writtenAt: context.now.toISOString(),
    });
    // An amendment can change what is due: its open tasks are re-derived; a struck-out entry's are cancelled.
    await tasksAfterChange(
      tx,
      actor.organisationId,
      {
        id: current.id,
        personId: request.personId,
        occurredOn,
        payload: { type: current.type, details } as EventPayload,
      },
      change.kind,
      context.now,
    );
    const risk = await rescoreAfterEntry(tx, actor.organisationId, request.personId, context.now);
    await writeAudit(tx, { ...audit, outcome: 'allowed' });
    return { kind: 'ok', value: { id: current.id, version: updated.version, risk, repeated: false } };
  });
  return settle(outcome);
}

export function amendEvent(
  db: Database,
  actor: Actor,
  input: AmendEventInput,
  context: WriteContext,
): Promise<EntryWritten> {
  return changeEvent(
    db,
    actor,
    input,
    { kind: 'amend', occurredOn: input.occurredOn, event: input.event },
    context,
  );
}

/** Marks an event entered in error: kept, struck out in the history, no longer scored. */
export function strikeOutEvent(
  db: Database,
  actor: Actor,
  input: StrikeOutEventInput,
  context: WriteContext,
): Promise<EntryWritten> {
  return changeEvent(db, actor, input, { kind: 'strike_out' }, context);
}
