import { PublishProtocol } from '@harbour/domain/protocol/overdose-protocol';
import { protocolForToday, publishProtocol, readProtocol } from '../services/overdose-protocol.ts';
import { authorised, createRouter } from '../trpc.ts';

/**
 * The service's overdose-risk protocol (issue 9): the version in force (shown where staff act on it), the page
 * with its history, and publishing a new version (service managers).
 */
export const protocolRouter = createRouter({
  /** The version in force today: the service's own, or Harbour's default. */
  inForce: authorised('protocol:read').query(({ ctx }) => protocolForToday(ctx.db, ctx.actor, ctx.now())),
  /** The version in force, every version with where it stands, and whether the caller may publish. */
  page: authorised('protocol:read').query(({ ctx }) => readProtocol(ctx.db, ctx.actor, ctx.now())),
  /** Publishes the next version from its day, with a note of what changed and why. */
  publish: authorised('protocol:manage')
    .input(PublishProtocol)
    .mutation(({ ctx, input }) =>
      publishProtocol(ctx.db, ctx.actor, input, { requestId: ctx.requestId, now: ctx.now() }),
    ),
});
