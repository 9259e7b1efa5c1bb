import { error, fail } from '@sveltejs/kit';
import { problemsFromIssues, rawField, type FormProblem } from '#lib/form-problems.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { sessionEnded, useSessionToken } from '#lib/server/signed-in.ts';
import type { Actions, PageServerLoad } from './$types';

/** Your account: who Harbour thinks you are, and changing your passphrase. */
export const load: PageServerLoad = ({ locals }) => {
  const staff = locals.staff;
  if (staff === null) error(401, 'Sign in to continue');
  return { account: { displayName: staff.displayName, email: staff.email, roleLabel: staff.roleLabel } };
};

/** The API's input names → the ids of this page's fields. */
const fields = { current: 'current-passphrase', next: 'new-passphrase' };

export const actions: Actions = {
  changePassphrase: async (event) => {
    const form = await event.request.formData();
    const current = rawField(form, 'current');
    const next = rawField(form, 'new');
    const confirm = rawField(form, 'confirm');
    const problems: FormProblem[] = [];
    if (current === '') problems.push({ field: fields.current, message: 'Enter your current passphrase' });
    if (next === '') problems.push({ field: fields.next, message: 'Enter a new passphrase' });
    if (confirm === '')
      problems.push({ field: 'confirm-passphrase', message: 'Enter your new passphrase again' });
    else if (next !== '' && confirm !== next)
      problems.push({ field: 'confirm-passphrase', message: 'The passphrases you entered do not match' });
    if (problems.length > 0) return fail(400, { problems });

    try {
      const { token } = await event.locals.api.account.changePassphrase.mutate({ current, next });
      // Every other session has ended; this one carries on with the new token.
      useSessionToken(event, token);
      return { changed: true };
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      if (problem.status === 400)
        return fail(400, {
          problems: problemsFromIssues(problem.issues, fields, problem.apiMessage ?? problem.message),
        });
      if (problem.status === 429)
        return fail(429, { problems: [{ field: null, message: problem.apiMessage ?? problem.message }] });
      error(problem.status, problem.message);
    }
  },
};
