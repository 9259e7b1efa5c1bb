import type { Actor } from '@harbour/domain/access/policy';
import type { StaffRole } from '@harbour/domain/staff';
import type { DemoOrganisation } from '@harbour/db/demo/generate';
import { randomUUID } from 'node:crypto';
import { createCallerFactory } from '../trpc.ts';
import { appRouter } from '../root.ts';
import type { Database } from '@harbour/db/client';

const createCaller = createCallerFactory(appRouter);

/** An API caller acting as `actor` (null: unauthenticated), as apps/server would build it per request. */
export function callerFor(db: Database, actor: Actor | null): ReturnType<typeof createCaller> {
  return createCaller({ db, actor, requestId: randomUUID() });
}

/** The actor for the first member of a generated organisation with `role` (and their teams). */
export function actorWithRole(org: DemoOrganisation, role: StaffRole): Actor {
  const member = org.structure.staff.find((s) => s.role === role);
  if (!member) throw new Error(`no ${role} in the organisation`);
  const teamIds = org.structure.memberships.filter((m) => m.staffId === member.id).map((m) => m.teamId);
  return { staffId: member.id, organisationId: org.structure.organisation.id, role, teamIds };
}
