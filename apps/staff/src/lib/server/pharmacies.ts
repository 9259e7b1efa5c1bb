import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { problemsFromApi } from '@harbour/ui/form/api-problems';
import type { ShownValues } from '@harbour/ui/form/problems';
import { apiProblemOf } from './api-error.ts';
import { requirePermission } from './permission.ts';
import { sessionEnded } from './signed-in.ts';
import { steppedUpUntil } from './step-up.ts';

/**
 * The administrators' pharmacy pages (/admin/pharmacies…): what both load, and how both answer the API's
 * refusal of a change. The API checks `pharmacies:manage`, the step-up and the rules again on every call.
 */

export const PHARMACIES_EXPLANATION = "Only your service's Harbour administrators can manage pharmacies.";

/** Refuses the page unless the member of staff may manage pharmacies. */
export function requirePharmacies(event: RequestEvent): void {
  requirePermission(event.locals.staff, 'pharmacies:manage', PHARMACIES_EXPLANATION);
}

/** The organisation's pharmacies and pharmacist accounts, and until when this session may change them. */
export async function loadPharmacies(event: RequestEvent) {
  requirePharmacies(event);
  // `account.me` again: the step-up this request's action may just have made is not in `locals.staff`.
  const [places, me] = await Promise.all([
    event.locals.api.pharmacies.list.query(),
    event.locals.api.account.me.query(),
  ]).catch((cause: unknown) => {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    error(problem.status, problem.status === 403 ? 'You cannot use this page' : problem.message, {
      explanation: PHARMACIES_EXPLANATION,
    });
  });
  return { ...places, steppedUpUntil: steppedUpUntil(me) };
}

/**
 * The answer to an API refusal of a change: bad input and a duplicate place beside their fields (`fields`, the
 * form's inputs named as the API names them), anything else refused at the top of the page, with the values sent.
 */
export function refusedChange(
  event: RequestEvent,
  cause: unknown,
  action: string,
  values: ShownValues | undefined,
  fields: readonly string[] = [],
) {
  const problem = apiProblemOf(cause);
  if (problem.status === 401) sessionEnded(event);
  const message = problem.apiMessage ?? problem.message;
  if (problem.status === 400 || problem.status === 409)
    return fail(problem.status, {
      action,
      values,
      problems: problemsFromApi(problem.issues, fields, { field: null, message }),
    });
  if ([403, 404, 429].includes(problem.status))
    return fail(problem.status, { action, values, problems: [{ field: null, message }] });
  error(problem.status, problem.message);
}
