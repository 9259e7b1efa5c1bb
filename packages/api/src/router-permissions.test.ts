import { hasPermission, permissions, type Actor, type Permission } from '@harbour/domain/access/policy';
import { staffRoles } from '@harbour/domain/staff';
import type { Database } from '@harbour/db/client';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { appRouter } from './root.ts';
import { createCallerFactory, type Meta } from './trpc.ts';

/** Procedures that may run without a member of staff. Each entry needs a reason; there are none yet. */
const publicProcedures: readonly string[] = [];

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta } }>,
);
const createCaller = createCallerFactory(appRouter);

/** Calls a procedure by its path ("caseload.list") with no input, on a context with no database behind it. */
async function callAs(path: string, actor: Actor | null): Promise<unknown> {
  // A refused call never reaches the database; one that did would fail on this empty object instead.
  let target: unknown = createCaller({ db: {} as Database, actor, requestId: 'permissions-test' });
  for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
  return (target as (input?: unknown) => Promise<unknown>)().then(
    () => null,
    (error: unknown) => error,
  );
}

const actorWithout = (permission: Permission): Actor | null => {
  const role = staffRoles.find(
    (r) => !hasPermission({ staffId: '', organisationId: '', role: r, teamIds: [] }, permission),
  );
  return role === undefined ? null : { staffId: 's', organisationId: 'o', role, teamIds: [] };
};

describe('every procedure declares who may call it, and is held to it', () => {
  it('has procedures to check', () => {
    expect(procedures.length).toBeGreaterThan(0);
  });

  it.each(procedures)('%s names a known permission (or is a listed public procedure)', (path, procedure) => {
    const permission = procedure._def.meta?.permission;
    if (permission === 'public') expect(publicProcedures).toContain(path);
    else expect(permissions).toContain(permission);
  });

  it.each(procedures.filter(([path]) => !publicProcedures.includes(path)))(
    '%s refuses a caller who is not signed in (401), and a role without its permission (403)',
    async (path, procedure) => {
      const anonymous = await callAs(path, null);
      expect(anonymous).toBeInstanceOf(TRPCError);
      expect((anonymous as TRPCError).code).toBe('UNAUTHORIZED');

      const permission = procedure._def.meta?.permission as Permission;
      const outsider = actorWithout(permission);
      if (outsider === null) return; // every role holds it: nothing to refuse
      const refused = await callAs(path, outsider);
      expect(refused).toBeInstanceOf(TRPCError);
      expect((refused as TRPCError).code).toBe('FORBIDDEN');
    },
  );
});
