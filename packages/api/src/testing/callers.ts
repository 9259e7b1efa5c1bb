import type { Actor } from '@harbour/domain/access/policy';
import type { StaffRole } from '@harbour/domain/staff';
import type { DemoOrganisation } from '@harbour/db/demo/generate';
import { randomUUID } from 'node:crypto';
import { createCallerFactory } from '../trpc.ts';
import { appRouter } from '../root.ts';
import type { Database } from '@harbour/db/client';
import type { Context } from '../context.ts';
import { resolveSession, type SessionInfo } from '../identity/sessions.ts';

const createCaller = createCallerFactory(appRouter);

/**
 * An API caller acting as `actor` (null: unauthenticated), as apps/server would build it per request from an
 * active session. `extra` overrides any part of the context (a session at another stage, a service user, the
 * clock).
 */
export function callerFor(
  db: Database,
  actor: Actor | null,
  extra: Partial<Context> = {},
): ReturnType<typeof createCaller> {
  const session: SessionInfo | null = actor
    ? {
        id: randomUUID(),
        organisationId: actor.organisationId,
        subjectKind: 'staff',
        subjectId: actor.staffId,
        stage: 'active',
        reauthenticatedAt: null,
      }
    : null;
  return createCaller({
    db,
    actor,
    session,
    serviceUser: null,
    clientAddress: '192.0.2.1',
    requestId: randomUUID(),
    now: () => new Date(),
    ...extra,
  });
}

/** The actor for the first member of a generated organisation with `role` (and their teams). */
export function actorWithRole(org: DemoOrganisation, role: StaffRole): Actor {
  const member = org.structure.staff.find((s) => s.role === role);
  if (!member) throw new Error(`no ${role} in the organisation`);
  const teamIds = org.structure.memberships.filter((m) => m.staffId === member.id).map((m) => m.teamId);
  return { staffId: member.id, organisationId: org.structure.organisation.id, role, teamIds };
}

/**
 * An API caller as apps/server builds it from a request carrying `token` (or none): the session is resolved
 * against the database, as it is for real requests.
 */
export async function callerForToken(
  db: Database,
  token: string | null,
  options: { now?: () => Date; clientAddress?: string } = {},
): Promise<ReturnType<typeof createCaller>> {
  const now = options.now ?? (() => new Date());
  const resolved = token === null ? null : await resolveSession(db, token, now());
  return createCaller({
    db,
    session: resolved?.session ?? null,
    actor: resolved?.actor ?? null,
    serviceUser: resolved?.serviceUser ?? null,
    clientAddress: options.clientAddress ?? '192.0.2.1',
    requestId: randomUUID(),
    now,
  });
}
