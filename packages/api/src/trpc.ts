/**
 * The tRPC setup: context, error formatting and the procedure builders. Read this file first.
 *
 * Every procedure is built with one of four builders, each recording in the procedure's meta who may call it:
 * `authorised(permission)` (a signed-in member of staff whose role holds the permission), `serviceUser()` (a
 * signed-in service user, for their own record only), `signingIn(stage)` (a half-finished sign-in) or
 * `publicProcedure` (no session: the first step of signing in, nothing else). `router-permissions.test.ts`
 * walks the router and fails the build if any procedure lacks a declaration: deny by default.
 */
import { hasPermission, type Actor, type Permission } from '@harbour/domain/access/policy';
import { isDomainError } from '@harbour/domain/errors';
import { initTRPC, TRPCError } from '@trpc/server';
import { withTenant } from '@harbour/db/tenant';
import { ZodError } from 'zod';
import { writeAudit } from './audit/write-audit.ts';
import type { Context } from './context.ts';
import type { ServiceUserActor, SessionInfo, SessionStage } from './identity/sessions.ts';
import { toTransportError } from './errors.ts';

export type Audience = Permission | 'public' | 'service_user' | `signing_in:${SessionStage}` | 'any_session';

export interface Meta {
  /** Who may call the procedure: a permission from the domain policy, a service user, or a sign-in step. */
  permission?: Audience;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    // Errors carry a code, a safe message and, for bad input, the list of problems. Never a stack trace, and
    // never the text of an unexpected error (a driver's message can hold SQL and its parameters).
    errorFormatter({ shape, error }) {
      const zod = shape.data.code === 'BAD_REQUEST' && error.cause instanceof ZodError ? error.cause : null;
      // A service's own refusal of bad input names its fields too (a wrong current passphrase, a taken username).
      const domainIssues =
        shape.data.code === 'BAD_REQUEST' && isDomainError(error.cause) && error.cause.issues.length > 0
          ? error.cause.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }))
          : undefined;
      const message =
        shape.data.code === 'INTERNAL_SERVER_ERROR'
          ? 'Something went wrong'
          : zod
            ? 'The request is not valid'
            : shape.message;
      return {
        message,
        code: shape.code,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          issues: zod
            ? zod.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }))
            : domainIssues,
        },
      };
    },
  });

export const createRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Maps whatever a service throws to a transport error, in one place. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  // tRPC's own errors (bad input, unauthorised) pass as they are; what a service threw arrives wrapped.
  if (result.error.code !== 'INTERNAL_SERVER_ERROR') throw result.error;
  throw toTransportError(result.error.cause ?? result.error);
});

/** Runs without a session. Use sparingly; say why at each use. */
export const publicProcedure = t.procedure.meta({ permission: 'public' }).use(mapErrors);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The person a call names, if its raw input has a well-formed `personId` (before the input is validated). */
async function namedPerson(getRawInput: () => Promise<unknown>): Promise<string | null> {
  const raw = await getRawInput().catch(() => undefined);
  const personId = typeof raw === 'object' && raw !== null ? (raw as { personId?: unknown }).personId : null;
  return typeof personId === 'string' && UUID.test(personId) ? personId : null;
}

/**
 * Runs only for an authenticated member of staff whose role holds `permission`. A refusal of a call that names
 * a person is audited (outcome denied), committed before the refusal is sent: the person's access history
 * shows attempts as well as accesses.
 */
export function authorised(permission: Permission) {
  return t.procedure
    .meta({ permission })
    .use(mapErrors)
    .use(async ({ ctx, next, path, type, getRawInput }) => {
      if (!ctx.actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue' });
      if (!hasPermission(ctx.actor, permission)) {
        const personId = await namedPerson(getRawInput);
        if (personId !== null) {
          const { actor } = ctx;
          await withTenant(ctx.db, { organisationId: actor.organisationId, actorId: actor.staffId }, (tx) =>
            writeAudit(tx, {
              actor,
              personId,
              action: type === 'query' ? 'view' : 'amend',
              procedure: path,
              basis: null,
              outcome: 'denied',
              reason: 'role lacks permission',
              requestId: ctx.requestId,
            }),
          );
        }
        throw new TRPCError({ code: 'FORBIDDEN', message: 'Your role cannot do this' });
      }
      return next({
        ctx: { ...ctx, actor: ctx.actor satisfies Actor, session: ctx.session satisfies SessionInfo | null },
      });
    });
}

/** Runs only for a signed-in service user, on their own record (the person id comes from the session). */
export function serviceUser() {
  return t.procedure
    .meta({ permission: 'service_user' })
    .use(mapErrors)
    .use(({ ctx, next }) => {
      if (!ctx.serviceUser || !ctx.session)
        throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue' });
      return next({
        ctx: { ...ctx, serviceUser: ctx.serviceUser satisfies ServiceUserActor, session: ctx.session },
      });
    });
}

/** Runs only for a half-finished sign-in at `stage` (passphrase checked, second factor due or being set up). */
export function signingIn(stage: Exclude<SessionStage, 'active'>) {
  return t.procedure
    .meta({ permission: `signing_in:${stage}` })
    .use(mapErrors)
    .use(({ ctx, next }) => {
      if (!ctx.session || ctx.session.stage !== stage)
        throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue' });
      return next({ ctx: { ...ctx, session: ctx.session satisfies SessionInfo } });
    });
}

/** Runs for any live session at any stage: signing out only. */
export const anySession = t.procedure
  .meta({ permission: 'any_session' })
  .use(mapErrors)
  .use(({ ctx, next }) => {
    if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue' });
    return next({ ctx: { ...ctx, session: ctx.session satisfies SessionInfo } });
  });
