import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { problemsFromIssues, rawField, textField, type FormProblem } from '#lib/form-problems.ts';
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
  const form = await event.request.formData();
  const passphrase = rawField(form, 'passphrase');
  const code = normaliseCode(textField(form, 'code'));
  const problems: FormProblem[] = [];
  if (passphrase === '') problems.push({ field: stepUpFields.passphrase, message: 'Enter your passphrase' });
  if (code === '')
    problems.push({ field: stepUpFields.code, message: 'Enter the code from your authenticator app' });
  if (problems.length > 0) return fail(400, { action: 'stepUp', problems });
  try {
    await event.locals.api.account.stepUp.mutate({ passphrase, code });
    return { action: 'stepUp', steppedUp: true };
  } catch (cause) {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    if (problem.status === 400)
      return fail(400, {
        action: 'stepUp',
        problems: problemsFromIssues(problem.issues, stepUpFields, problem.apiMessage ?? problem.message),
      });
    if (problem.status === 429)
      return fail(429, {
        action: 'stepUp',
        problems: [{ field: null, message: problem.apiMessage ?? problem.message }],
      });
    error(problem.status, problem.message);
  }
}
