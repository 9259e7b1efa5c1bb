import { hasPermission, permissions, type Actor, type Permission } from '@harbour/domain/access/policy';
import { staffRoles } from '@harbour/domain/staff';
import type { Database } from '@harbour/db/client';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { appRouter } from './root.ts';
import type { Context } from './context.ts';
import type { SessionInfo } from './identity/sessions.ts';
import { createCallerFactory, type Meta } from './trpc.ts';

/** Procedures that may run without a session, each with its reason. Nothing else may. */
const publicProcedures: Record<string, string> = {
  'auth.signIn': 'the first step of staff sign-in: there is no session yet',
  'selfcheck.signIn': 'the first step of self-check sign-in: there is no session yet',
  'selfcheck.activate': 'turns an activation code into an account: there is no account yet',
  'selfcheck.requestContact':
    'the anonymous overdose-risk check has no account by design: "ask someone to contact me" (rate limited)',
};

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta } }>,
);
const createCaller = createCallerFactory(appRouter);

/** Calls a procedure by its path ("caseload.list") with no input, on a context with no database behind it. */
async function callAs(
  path: string,
  actor: Actor | null,
  session: SessionInfo | null = null,
): Promise<unknown> {
  // A refused call never reaches the database; one that did would fail on this empty object instead.
  const context: Context = {
    db: {} as Database,
    actor,
    session: session ?? (actor ? { ...activeSession, subjectId: actor.staffId } : null),
    serviceUser: null,
    clientAddress: '192.0.2.1',
    requestId: 'permissions-test',
    now: () => new Date(),
  };
  let target: unknown = createCaller(context);
  for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
  return (target as (input?: unknown) => Promise<unknown>)().then(
    () => null,
    (error: unknown) => error,
  );
}

const activeSession: SessionInfo = {
  id: '00000000-0000-7000-8000-000000000001',
  organisationId: 'o',
  subjectKind: 'staff',
  subjectId: 's',
  stage: 'active',
  reauthenticatedAt: null,
};

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

  const audiences = new Set<string>([
    ...permissions,
    'service_user',
    'signing_in:second_factor',
    'signing_in:enrol_second_factor',
    'any_session',
  ]);

  it.each(procedures)(
    '%s declares who may call it (public ones are listed with a reason)',
    (path, procedure) => {
      const permission = procedure._def.meta?.permission;
      if (permission === 'public') expect(Object.keys(publicProcedures)).toContain(path);
      else expect(audiences).toContain(permission);
    },
  );

  it.each(procedures.filter(([path]) => !(path in publicProcedures)))(
    '%s refuses a caller who is not signed in (401), and anyone outside its audience (401/403)',
    async (path, procedure) => {
      const anonymous = await callAs(path, null);
      expect(anonymous).toBeInstanceOf(TRPCError);
      expect((anonymous as TRPCError).code).toBe('UNAUTHORIZED');

      const audience = procedure._def.meta?.permission as string;
      if (audience === 'service_user' || audience.startsWith('signing_in:')) {
        // A signed-in member of staff is not a service user, nor half-way through signing in.
        const staffMember = await callAs(path, {
          staffId: 's',
          organisationId: 'o',
          role: 'keyworker',
          teamIds: [],
        });
        expect((staffMember as TRPCError).code).toBe('UNAUTHORIZED');
        return;
      }
      if (audience === 'any_session') return;
      const permission = audience as Permission;
      const outsider = actorWithout(permission);
      if (outsider === null) return; // every role holds it: nothing to refuse
      const refused = await callAs(path, outsider);
      expect(refused).toBeInstanceOf(TRPCError);
      expect((refused as TRPCError).code).toBe('FORBIDDEN');
    },
  );
});
