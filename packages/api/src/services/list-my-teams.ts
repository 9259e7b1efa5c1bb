import type { Actor } from '@harbour/domain/access/policy';
import type { Database } from '@harbour/db/client';
import { withTenant } from '@harbour/db/tenant';
import { service, team } from '@harbour/db/schema/organisation';
import { and, asc, eq, inArray } from 'drizzle-orm';

export interface MyTeam {
  id: string;
  name: string;
  serviceName: string;
}

/** The teams the actor belongs to, for choosing a caseload. No person data, so nothing to audit. */
export async function listMyTeams(db: Database, actor: Actor): Promise<MyTeam[]> {
  if (actor.teamIds.length === 0) return [];
  const tenant = { organisationId: actor.organisationId, actorId: actor.staffId };
  return withTenant(db, tenant, (tx) =>
    tx
      .select({ id: team.id, name: team.name, serviceName: service.name })
      .from(team)
      .innerJoin(service, eq(service.id, team.serviceId))
      .where(and(eq(team.organisationId, actor.organisationId), inArray(team.id, [...actor.teamIds])))
      .orderBy(asc(team.name)),
  );
}
