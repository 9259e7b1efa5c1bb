import { error } from '@sveltejs/kit';
import { londonDateTime } from '#lib/format-time.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { requirePermission } from '#lib/server/permission.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import type { PageServerLoad } from './$types';

const EXPLANATION = "Only the Caldicott guardian reads the audit trail of administrators' actions.";

/** The Caldicott guardian's view of administrators' actions on staff accounts, newest first. */
export const load: PageServerLoad = async (event) => {
  requirePermission(event.locals.staff, 'audit:review', EXPLANATION);
  const entries = await event.locals.api.audit.administration.query().catch((cause: unknown) => {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    error(problem.status, problem.message, { explanation: EXPLANATION });
  });
  return {
    entries: entries.map((entry) => ({ ...entry, occurredAtLabel: londonDateTime(entry.occurredAt) })),
  };
};
