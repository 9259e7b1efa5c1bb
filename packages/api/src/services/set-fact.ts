import type { Actor } from '@harbour/domain/access/policy';
import { londonDate } from '@harbour/domain/dates';
import { conflict } from '@harbour/domain/errors';
import { checkFactEntry } from '@harbour/domain/record/checks';
import type { SetFactInput } from '@harbour/domain/record/inputs';
import type { Database, Transaction } from '@harbour/db/client';
import { personFact, personFactVersion } from '@harbour/db/schema/person-fact';
import { withTenant } from '@harbour/db/tenant';
import { and, eq, sql } from 'drizzle-orm';
import { writeAudit } from '../audit/write-audit.ts';
import { personAccess } from './person-access.ts';
import {
  rescoreAfterEntry,
  settle,
  type EntryWritten,
  type Outcome,
  type WriteContext,
  refusedEntry,
} from './record-event.ts';

/**
 * Records one of a person's current facts (drug use, housing, an alcohol screen…). The first of its kind is
 * created; every later one is a new version of it that names the version it replaces (a stale one is a conflict)
 * and says why; all versions are kept. Re-scored and audited in the same transaction.
 */
export async function setFact(
  db: Database,
  actor: Actor,
  input: SetFactInput,
  context: WriteContext,
): Promise<EntryWritten> {
  const tenant = { organisationId: actor.organisationId, actorId: actor.staffId };
  const creating = input.expectedVersion === null;
  const outcome = await withTenant(db, tenant, async (tx: Transaction): Promise<Outcome<EntryWritten>> => {
    const access = await personAccess(tx, {
      actor,
      personId: input.personId,
      mode: 'write',
      action: creating ? 'create' : 'amend',
      procedure: 'record.setFact',
      requestId: context.requestId,
      now: context.now,
    });
    if (access.kind !== 'allowed') return access;
    const audit = {
      actor,
      personId: input.personId,
      action: creating ? 'create' : 'amend',
      procedure: 'record.setFact',
      requestId: context.requestId,
      basis: access.basis,
    } as const;
    const issues = checkFactEntry(input.fact, input.recordedOn, {
      today: londonDate(context.now),
      dateOfBirth: access.person.dateOfBirth,
      naloxoneSupplyIds: [],
    }).map((issue) => ({
      ...issue,
      path: issue.path[0] === 'details' ? ['fact', ...issue.path] : issue.path,
    }));
    if (issues.length > 0) {
      await writeAudit(tx, refusedEntry(audit));
      return { kind: 'invalid', issues };
    }
    const values = {
      details: input.fact.details,
      recordedOn: input.recordedOn,
      recordedBy: actor.staffId,
      recordedAt: context.now.toISOString(),
    };
    let written: { id: string; version: number } | undefined;
    if (input.expectedVersion === null) {
      // The first of its kind, unless someone else recorded one first: then this is a stale write.
      [written] = await tx
        .insert(personFact)
        .values({
          organisationId: actor.organisationId,
          personId: input.personId,
          kind: input.fact.kind,
          ...values,
        })
        .onConflictDoNothing({ target: [personFact.personId, personFact.kind] })
        .returning({ id: personFact.id, version: personFact.version });
      if (!written) throw conflict('This part of the record', 0);
    } else {
      [written] = await tx
        .update(personFact)
        .set({ ...values, version: sql`${personFact.version} + 1` })
        .where(
          and(
            eq(personFact.organisationId, actor.organisationId),
            eq(personFact.personId, input.personId),
            eq(personFact.kind, input.fact.kind),
            eq(personFact.version, input.expectedVersion),
          ),
        )
        .returning({ id: personFact.id, version: personFact.version });
      if (!written) throw conflict('This part of the record', input.expectedVersion);
    }
    await tx.insert(personFactVersion).values({
      factId: written.id,
      version: written.version,
      organisationId: actor.organisationId,
      personId: input.personId,
      kind: input.fact.kind,
      details: input.fact.details,
      recordedOn: input.recordedOn,
      reason: input.reason,
      writtenBy: actor.staffId,
      writtenAt: context.now.toISOString(),
    });
    const risk = await rescoreAfterEntry(tx, actor.organisationId, input.personId, context.now);
    await writeAudit(tx, { ...audit, outcome: 'allowed' });
    return { kind: 'ok', value: { id: written.id, version: written.version, risk, repeated: false } };
  });
  return settle(outcome);
}
