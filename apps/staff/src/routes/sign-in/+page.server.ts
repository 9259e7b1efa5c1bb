import { error, fail, redirect } from '@sveltejs/kit';
import { StaffSignInForm } from '@harbour/domain/access/staff-forms';
import { problemsFromApi } from '@harbour/ui/form/api-problems';
import { readForm } from '@harbour/ui/form/read-form';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { alreadySignedIn } from '#lib/server/sign-in-step.ts';
import { useSessionToken } from '#lib/server/signed-in.ts';
import { afterSignIn, safeNextPath, signInHref } from '#lib/sign-in-paths.ts';
import type { Actions, PageServerLoad } from './$types';

/** Step one of signing in: email address and passphrase. Someone already signed in goes straight on. */
export const load: PageServerLoad = async ({ url, locals }) => {
  if (url.searchParams.get('ended') !== '1' && (await alreadySignedIn(locals.api, locals.caller.token)))
    redirect(303, afterSignIn(url.searchParams));
  return {
    ended: url.searchParams.get('ended') === '1',
    signedOut: url.searchParams.get('signedOut') === '1',
  };
};

export const actions: Actions = {
  default: async (event) => {
    const read = readForm(await event.request.formData(), StaffSignInForm, { secret: ['passphrase'] });
    if (!read.ok) return fail(400, read.failure);
    const { values } = read;

    let stage: 'second_factor' | 'enrol_second_factor';
    try {
      const result = await event.locals.api.auth.signIn.mutate(read.data);
      useSessionToken(event, result.token);
      stage = result.stage;
    } catch (cause) {
      const problem = apiProblemOf(cause);
      const message = problem.apiMessage ?? problem.message;
      // Wrong email, wrong passphrase and a disabled account get the same words from the API, so nothing here
      // tells anyone which accounts exist. Too many attempts: the API says how long to wait.
      if (problem.status === 401) return fail(401, { values, problems: [{ field: 'email', message }] });
      if (problem.status === 429) return fail(429, { values, problems: [{ field: null, message }] });
      if (problem.status === 400)
        return fail(400, {
          values,
          problems: problemsFromApi(problem.issues, ['email', 'passphrase'], { field: null, message }),
        });
      error(problem.status, problem.message);
    }
    const next = safeNextPath(event.url.searchParams.get('next'));
    redirect(303, signInHref(stage === 'second_factor' ? '/sign-in/code' : '/sign-in/set-up', { next }));
  },
};
