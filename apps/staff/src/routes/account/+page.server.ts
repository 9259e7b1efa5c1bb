import { error, fail } from '@sveltejs/kit';
import { PassphraseChangeForm } from '@harbour/domain/access/staff-forms';
import { problemsFromApi } from '@harbour/ui/form/api-problems';
import { readForm } from '@harbour/ui/form/read-form';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { sessionEnded, useSessionToken } from '#lib/server/signed-in.ts';
import type { Actions, PageServerLoad } from './$types';

/** Your account: who Harbour thinks you are, your competencies, and changing your passphrase. */
export const load: PageServerLoad = async (event) => {
  const staff = event.locals.staff;
  if (staff === null) error(401, 'Sign in to continue');
  const competencies = await event.locals.api.account.competencies.query().catch((cause: unknown) => {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    error(problem.status, problem.message);
  });
  return {
    account: { displayName: staff.displayName, email: staff.email, roleLabel: staff.roleLabel },
    competencies,
  };
};

/** The API's input names → the form's fields. */
const fields = { current: 'current', next: 'new' };

export const actions: Actions = {
  changePassphrase: async (event) => {
    const read = readForm(await event.request.formData(), PassphraseChangeForm, {
      secret: ['current', 'new', 'confirm'],
    });
    if (!read.ok) return fail(400, read.failure);
    const { values } = read;

    try {
      const { token } = await event.locals.api.account.changePassphrase.mutate({
        current: read.data.current,
        next: read.data.new,
      });
      // Every other session has ended; this one carries on with the new token.
      useSessionToken(event, token);
      return { changed: true };
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      const message = problem.apiMessage ?? problem.message;
      if (problem.status === 400)
        return fail(400, {
          values,
          problems: problemsFromApi(problem.issues, fields, { field: null, message }),
        });
      if (problem.status === 429) return fail(429, { values, problems: [{ field: null, message }] });
      error(problem.status, problem.message);
    }
  },
};
