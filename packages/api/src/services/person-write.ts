import type { Actor } from '@harbour/domain/access/policy';
import { DomainError, notFound, type Issue } from '@harbour/domain/errors';
import type { Database, Transaction } from '@harbour/db/client';
import { withTenant } from '@harbour/db/tenant';
import type { AuditAction, AuditEntry } from '../audit/write-audit.ts';
import { NO_RELATIONSHIP } from './get-person-summary.ts';
import { personAccess, type PersonAccess } from './person-access.ts';

/**
 * The start and end that every use case on one person's record shares (recording an entry, a health entry, a
 * booking's outcome, a discharge): in one tenant transaction, the caller's access to the person (policy, audited
 * when refused), then the audit row's fields for the use case to write, and after the commit the outcome
 * settled: a refusal thrown once its audit row is committed, the value returned otherwise.
 */

export interface WriteContext {
  requestId: string;
  now: Date;
}

/** The outcome of a transaction that may have to report a refusal after committing its audit row. */
export type Outcome<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'not_found' }
  | { kind: 'denied' }
  | { kind: 'invalid'; issues: Issue[] }
  /** A rule refused the write (a case review signed off without the competency): 422 with its words. */
  | { kind: 'refused'; message: string };

/** Throws what a refused outcome means, once its audit row is committed; returns the value otherwise. */
export function settle<T>(outcome: Outcome<T>): T {
  if (outcome.kind === 'not_found') throw notFound('Person');
  if (outcome.kind === 'denied') throw new DomainError('FORBIDDEN', NO_RELATIONSHIP);
  if (outcome.kind === 'invalid')
    throw new DomainError('INVALID_INPUT', 'The entry is not valid', outcome.issues);
  if (outcome.kind === 'refused')
    throw new DomainError('RULE_REFUSED', outcome.message, [
      { path: ['event', 'details', 'signedOffBy'], message: outcome.message },
    ]);
  return outcome.value;
}

const outcomeKinds: ReadonlySet<string> = new Set(['ok', 'not_found', 'denied', 'invalid', 'refused']);

export interface PersonWriteRequest {
  personId: string;
  /** What the audit rows say the caller did (for a refusal of access: what they tried). */
  action: AuditAction;
  procedure: string;
  /** `write` (the default) to record or amend; `read` for a use case that only opens the record. */
  mode?: 'read' | 'write';
}

/** The audit row's fields for the use case: add `outcome` (and a `reason`) to write it. */
export type PersonAudit = Omit<AuditEntry, 'outcome'> & { personId: string; procedure: string };

export interface PersonWriteScope {
  tx: Transaction;
  access: Extract<PersonAccess, { kind: 'allowed' }>;
  audit: PersonAudit;
}

/**
 * Runs `body` on one person's record for `actor`, once access is allowed, and settles what it returns (an
 * `Outcome`). A body may return outcomes of its own kinds (`X`), which `other` turns into what is thrown, after
 * the commit, like `settle`.
 */
export async function personWrite<T, X extends { kind: string } = never>(
  db: Database,
  actor: Actor,
  request: PersonWriteRequest,
  context: WriteContext,
  body: (scope: PersonWriteScope) => Promise<Outcome<T> | X>,
  other?: (outcome: X) => never,
): Promise<T> {
  const tenant = { organisationId: actor.organisationId, actorId: actor.staffId };
  const outcome = await withTenant(db, tenant, async (tx): Promise<Outcome<T> | X> => {
    const access = await personAccess(tx, {
      actor,
      personId: request.personId,
      mode: request.mode ?? 'write',
      action: request.action,
      procedure: request.procedure,
      requestId: context.requestId,
      now: context.now,
    });
    if (access.kind !== 'allowed') return access;
    const audit: PersonAudit = {
      actor,
      personId: request.personId,
      action: request.action,
      procedure: request.procedure,
      requestId: context.requestId,
      basis: access.basis,
    };
    return body({ tx, access, audit });
  });
  if (other && !outcomeKinds.has(outcome.kind)) other(outcome as X);
  return settle(outcome as Outcome<T>);
}
