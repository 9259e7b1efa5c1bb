import { fail, redirect } from '@sveltejs/kit';
import { ActivationForm } from '@harbour/domain/access/self-check-forms';
import { problemsFromApi } from '@harbour/ui/form/api-problems';
import { readForm } from '@harbour/ui/form/read-form';
import { normaliseCode } from '#lib/codes.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { startSession } from '#lib/server/session.ts';
import type { Actions } from './$types';

export const actions: Actions = {
  /**
   * The activation code from their keyworker, a username and a passphrase they choose. The portal checks every
   * field at once, and that the passphrase was typed the same twice (the API never sees the second copy); the
   * API then checks the code, that nobody else has the username, and that the passphrase is not a common one.
   */
  default: async ({ request, cookies, locals }) => {
    // What goes back into the form after a problem: never the passphrase.
    const read = readForm(await request.formData(), ActivationForm, { secret: ['passphrase', 'confirm'] });
    if (!read.ok) return fail(400, read.failure);
    const { username, passphrase } = read.data;

    let token: string;
    try {
      ({ token } = await locals.api.selfcheck.activate.mutate({
        code: normaliseCode(read.data.code),
        username,
        passphrase,
      }));
    } catch (cause) {
      const problem = apiProblemOf(cause);
      return fail(problem.status, {
        values: read.values,
        problems: problemsFromApi(
          problem.issues,
          ['code', 'username', 'passphrase'],
          // Too many tries is counted against activation codes from this address.
          { field: problem.status >= 500 ? null : 'code', message: problem.message },
        ),
      });
    }
    await startSession(cookies, locals.api, token);
    redirect(303, '/set-up');
  },
};
