/**
 * The tRPC setup: context, error formatting and the procedure builders. Read this file first.
 *
 * Every procedure is built with `authorised(permission)` (or `publicProcedure` for the few that need no
 * session), which records the permission in the procedure's meta. `router-permissions.test.ts` walks the
 * router and fails the build if any procedure lacks one: deny by default.
 */
import { hasPermission, type Actor, type Permission } from '@harbour/domain/access/policy';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { Context } from './context.ts';
import { toTransportError } from './errors.ts';

export interface Meta {
  /** Who may call the procedure: a permission from the domain policy, or 'public'. */
  permission?: Permission | 'public';
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    // Errors carry a code, a safe message and, for bad input, the list of problems. Never a stack trace, and
    // never the text of an unexpected error (a driver's message can hold SQL and its parameters).
    errorFormatter({ shape, error }) {
      const zod = shape.data.code === 'BAD_REQUEST' && error.cause instanceof ZodError ? error.cause : null;
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
            : undefined,
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

/** Runs only for an authenticated member of staff whose role holds `permission`. */
export function authorised(permission: Permission) {
  return t.procedure
    .meta({ permission })
    .use(mapErrors)
    .use(({ ctx, next }) => {
      if (!ctx.actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue' });
      if (!hasPermission(ctx.actor, permission))
        throw new TRPCError({ code: 'FORBIDDEN', message: 'Your role cannot do this' });
      return next({ ctx: { ...ctx, actor: ctx.actor satisfies Actor } });
    });
}
