import { listAdministration } from '../services/admin-audit.ts';
import { authorised, createRouter } from '../trpc.ts';

/** The audit trail, for the Caldicott guardian. */
export const auditRouter = createRouter({
  /** Administrators' actions on staff accounts, newest first, refusals included. */
  administration: authorised('audit:review').query(({ ctx }) => listAdministration(ctx.db, ctx.actor)),
});
