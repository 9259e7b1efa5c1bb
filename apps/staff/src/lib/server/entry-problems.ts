import { problemsFromApi } from '@harbour/ui/form/api-problems';
import type { FormProblem } from '@harbour/ui/form/problems';
import type { ApiProblem } from './api-error.ts';

/**
 * The API's refusal of a record entry as problems with the form: its issues name the procedure's input
 * (`occurredOn`, `event.details.admittedOn`, `fact.details.lastInjectedOn`, `reason`), the form's fields are the
 * last part of each. A conflict (someone changed the entry since the page was opened) is a problem with the whole
 * form, said so that the person knows what to do.
 */
export function entryProblems(
  problem: ApiProblem,
  fields: readonly string[] | Readonly<Record<string, string>>,
): FormProblem[] {
  const message = problem.apiMessage ?? problem.message;
  if (problem.status === 409)
    return [
      {
        field: null,
        message:
          'Someone else has changed this since you opened the page. The page now shows their version: check it, then make your change again.',
      },
    ];
  const issues = problem.issues.map((issue) => ({
    ...issue,
    path: issue.path[0] === 'event' || issue.path[0] === 'fact' ? [issue.path.at(-1) ?? ''] : issue.path,
  }));
  return problemsFromApi(issues, fields, { field: null, message });
}
