import type { Actor } from '@harbour/domain/access/policy';
import { notFound } from '@harbour/domain/errors';
import { EventPayload } from '@harbour/domain/events';
import { FactPayload, type FactKind } from '@harbour/domain/record/facts';
import type { Database } from '@harbour/db/client';
import { clinicalEvent, clinicalEventVersion } from '@harbour/db/schema/clinical-event';
import { personFactVersion } from '@harbour/db/schema/person-fact';
import { staff } from '@harbour/db/schema/staff';
import { withTenant } from '@harbour/db/tenant';
import { and, asc, eq } from 'drizzle-orm';
import { writeAudit } from '../audit/write-audit.ts';
import { personAccess, type PersonRow } from './person-access.ts';
import { settle, type Outcome } from './record-event.ts';

interface VersionMeta {
  version: number;
  /** Why this version replaced the one before (null for the first). */
  reason: string | null;
  writtenAt: string;
  writtenByName: string | null;
}

/** Who the record is, for the page's heading. */
export interface PersonHeader {
  reference: string;
  givenName: string;
  familyName: string;
}

export interface EventVersions {
  person: PersonHeader;
  eventId: string;
  /** Every version, oldest first: the last is the entry as it stands. */
  versions: (VersionMeta & {
    occurredOn: string;
    event: EventPayload;
    status: 'active' | 'entered_in_error';
  })[];
}

export interface FactVersions {
  person: PersonHeader;
  kind: FactKind;
  versions: (VersionMeta & { recordedOn: string; fact: FactPayload })[];
}

function headerOf(person: PersonRow): PersonHeader {
  return { reference: person.reference, givenName: person.givenName, familyName: person.familyName };
}

interface Request {
  personId: string;
  requestId: string;
  now: Date;
}

/** Every version of one event on a person's record, for someone who may open the record. Audited as a view. */
export async function eventVersions(
  db: Database,
  actor: Actor,
  request: Request & { eventId: string },
): Promise<EventVersions> {
  const outcome = await withTenant(
    db,
    { organisationId: actor.organisationId, actorId: actor.staffId },
    async (tx): Promise<Outcome<EventVersions>> => {
      const access = await personAccess(tx, {
        actor,
        personId: request.personId,
        mode: 'read',
        action: 'view',
        procedure: 'person.eventVersions',
        requestId: request.requestId,
        now: request.now,
      });
      if (access.kind !== 'allowed') return access;
      const [event] = await tx
        .select({ id: clinicalEvent.id })
        .from(clinicalEvent)
        .where(
          and(
            eq(clinicalEvent.id, request.eventId),
            eq(clinicalEvent.personId, request.personId),
            eq(clinicalEvent.organisationId, actor.organisationId),
          ),
        );
      if (!event) throw notFound('Entry');
      const rows = await tx
        .select({
          version: clinicalEventVersion.version,
          type: clinicalEventVersion.type,
          occurredOn: clinicalEventVersion.occurredOn,
          details: clinicalEventVersion.details,
          status: clinicalEventVersion.status,
          reason: clinicalEventVersion.reason,
          writtenAt: clinicalEventVersion.writtenAt,
          writtenByName: staff.displayName,
        })
        .from(clinicalEventVersion)
        .leftJoin(
          staff,
          and(eq(staff.id, clinicalEventVersion.writtenBy), eq(staff.organisationId, actor.organisationId)),
        )
        .where(
          and(
            eq(clinicalEventVersion.eventId, event.id),
            eq(clinicalEventVersion.organisationId, actor.organisationId),
          ),
        )
        .orderBy(asc(clinicalEventVersion.version));
      const versions = rows.map((row) => ({
        version: row.version,
        occurredOn: row.occurredOn,
        event: EventPayload.parse({ type: row.type, details: row.details }),
        status: row.status,
        reason: row.reason,
        writtenAt: new Date(row.writtenAt).toISOString(),
        writtenByName: row.writtenByName,
      }));
      await writeAudit(tx, {
        actor,
        personId: request.personId,
        action: 'view',
        procedure: 'person.eventVersions',
        requestId: request.requestId,
        basis: access.basis,
        outcome: 'allowed',
      });
      return { kind: 'ok', value: { person: headerOf(access.person), eventId: event.id, versions } };
    },
  );
  return settle(outcome);
}

/** Every version of one of a person's current facts. Audited as a view. */
export async function factVersions(
  db: Database,
  actor: Actor,
  request: Request & { kind: FactKind },
): Promise<FactVersions> {
  const outcome = await withTenant(
    db,
    { organisationId: actor.organisationId, actorId: actor.staffId },
    async (tx): Promise<Outcome<FactVersions>> => {
      const access = await personAccess(tx, {
        actor,
        personId: request.personId,
        mode: 'read',
        action: 'view',
        procedure: 'person.factVersions',
        requestId: request.requestId,
        now: request.now,
      });
      if (access.kind !== 'allowed') return access;
      const rows = await tx
        .select({
          version: personFactVersion.version,
          details: personFactVersion.details,
          recordedOn: personFactVersion.recordedOn,
          reason: personFactVersion.reason,
          writtenAt: personFactVersion.writtenAt,
          writtenByName: staff.displayName,
        })
        .from(personFactVersion)
        .leftJoin(
          staff,
          and(eq(staff.id, personFactVersion.writtenBy), eq(staff.organisationId, actor.organisationId)),
        )
        .where(
          and(
            eq(personFactVersion.personId, request.personId),
            eq(personFactVersion.kind, request.kind),
            eq(personFactVersion.organisationId, actor.organisationId),
          ),
        )
        .orderBy(asc(personFactVersion.version));
      await writeAudit(tx, {
        actor,
        personId: request.personId,
        action: 'view',
        procedure: 'person.factVersions',
        requestId: request.requestId,
        basis: access.basis,
        outcome: 'allowed',
      });
      return {
        kind: 'ok',
        value: {
          person: headerOf(access.person),
          kind: request.kind,
          versions: rows.map((row) => ({
            version: row.version,
            recordedOn: row.recordedOn,
            fact: FactPayload.parse({ kind: request.kind, details: row.details }),
            reason: row.reason,
            writtenAt: new Date(row.writtenAt).toISOString(),
            writtenByName: row.writtenByName,
          })),
        },
      };
    },
  );
  return settle(outcome);
}
