import { CaseloadQuery } from '@harbour/domain/caseload';
import { openContactRequests } from '../services/contact-request.ts';
import { listCaseload } from '../services/list-caseload.ts';
import { listMyTeams } from '../services/list-my-teams.ts';
import { authorised, createRouter } from '../trpc.ts';

export const caseloadRouter = createRouter({
  /** The teams the caller belongs to. */
  myTeams: authorised('team:read').query(({ ctx }) => listMyTeams(ctx.db, ctx.actor)),
  /**
   * Who is asking, as the caseload needs it (a keyworker's own id, to show only the people they keywork).
   * Nothing about anyone else, and no person data, so nothing to audit.
   */
  me: authorised('caseload:read').query(({ ctx }) => ({ staffId: ctx.actor.staffId, role: ctx.actor.role })),
  /** One page of a team's caseload: paginated, filtered, sorted by name or last contact. */
  list: authorised('caseload:read')
    .input(CaseloadQuery)
    .query(({ ctx, input }) => listCaseload(ctx.db, ctx.actor, input, ctx.requestId)),
  /** The duty queue: open "ask someone to contact me" requests from the anonymous check, urgent first. */
  contactRequests: authorised('caseload:read').query(({ ctx }) =>
    openContactRequests(ctx.db, ctx.actor.organisationId, ctx.actor.staffId),
  ),
});
