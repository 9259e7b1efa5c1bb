import { StepUpForm } from '@harbour/domain/access/staff-forms';
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { problemsFromApi } from '@harbour/ui/form/api-problems';
import { readForm } from '@harbour/ui/form/read-form';
import { londonTime } from '#lib/format-time.ts';
import { normaliseCode } from '#lib/secret.ts';
import { apiProblemOf } from './api-error.ts';
import { sessionEnded } from './signed-in.ts';

/** The step-up form's fields: the API's input names → the ids of the inputs (StepUp.svelte). */
const stepUpFields = { passphrase: 'step-up-passphrase', code: 'step-up-code' };

/** Until when the signed-in administrator may change accounts, as a London time, or null (step up first). */
export function steppedUpUntil(staff: App.Locals['staff']): string | null {
  return staff?.steppedUpUntil ? londonTime(staff.steppedUpUntil) : null;
}

/**
 * The "Confirm it is you" action shared by the account pages: passphrase and a fresh code, sent to the API's
 * `account.stepUp`. On success the page loads again showing until when changes may be made.
 */
export async function stepUpAction(event: RequestEvent) {
  const read = readForm(await event.request.formData(), StepUpForm, {
    secret: ['passphrase', 'code'],
    idPrefix: 'step-up-',
  });
  if (!read.ok) return fail(400, { action: 'stepUp', ...read.failure });
  try {
    await event.locals.api.account.stepUp.mutate({
      passphrase: read.data.passphrase,
      code: normaliseCode(read.data.code),
    });
    return { action: 'stepUp', steppedUp: true };
  } catch (cause) {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    const message = problem.apiMessage ?? problem.message;
    if (problem.status === 400)
      return fail(400, {
        action: 'stepUp',
        values: read.values,
        problems: problemsFromApi(problem.issues, stepUpFields, { field: null, message }),
      });
    if (problem.status === 429)
      return fail(429, { action: 'stepUp', values: read.values, problems: [{ field: null, message }] });
    error(problem.status, problem.message);
  }
}
