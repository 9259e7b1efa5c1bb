import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { problemsFromApi } from '@harbour/ui/form/api-problems';
import type { ShownValues } from '@harbour/ui/form/problems';
import { apiProblemOf } from './api-error.ts';
import { sessionEnded } from './signed-in.ts';

/**
 * What a form that records a competency (the register's "record", a member of staff's "correct") shows when the
 * API refuses it: the API's field problems by the form's own fields (the API names them under `competency`),
 * a refusal the person can act on (403, 404, 409, 429) above the form, the sign-in page for an ended session, and
 * an error page for anything else. One mapping for both forms.
 */
export function competencyRefusal(
  event: RequestEvent,
  cause: unknown,
  action: string,
  values: ShownValues,
  fields: Record<string, string>,
) {
  const problem = apiProblemOf(cause);
  if (problem.status === 401) sessionEnded(event);
  const message = problem.apiMessage ?? problem.message;
  if (problem.status === 400)
    return fail(400, {
      action,
      values,
      problems: problemsFromApi(
        problem.issues.map((i) => ({ ...i, path: i.path[0] === 'competency' ? i.path.slice(1) : i.path })),
        fields,
        { field: null, message },
      ),
    });
  if ([403, 404, 409, 429].includes(problem.status))
    return fail(problem.status, { action, values, problems: [{ field: null, message }] });
  error(problem.status, problem.message);
}
