import { error, fail, redirect } from '@sveltejs/kit';
import { rawField, textField, problemsFromIssues, type FormProblem } from '#lib/form-problems.ts';
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
    const form = await event.request.formData();
    const email = textField(form, 'email');
    const passphrase = rawField(form, 'passphrase');
    const problems: FormProblem[] = [];
    if (email === '') problems.push({ field: 'email', message: 'Enter your email address' });
    if (passphrase === '') problems.push({ field: 'passphrase', message: 'Enter your passphrase' });
    if (problems.length > 0) return fail(400, { email, problems });

    let stage: 'second_factor' | 'enrol_second_factor';
    try {
      const result = await event.locals.api.auth.signIn.mutate({ email, passphrase });
      useSessionToken(event, result.token);
      stage = result.stage;
    } catch (cause) {
      const problem = apiProblemOf(cause);
      // Wrong email, wrong passphrase and a disabled account get the same words from the API, so nothing here
      // tells anyone which accounts exist. Too many attempts: the API says how long to wait.
      if (problem.status === 401)
        return fail(401, {
          email,
          problems: [{ field: 'email', message: problem.apiMessage ?? problem.message }],
        });
      if (problem.status === 429)
        return fail(429, {
          email,
          problems: [{ field: null, message: problem.apiMessage ?? problem.message }],
        });
      if (problem.status === 400) {
        const fields = { email: 'email', passphrase: 'passphrase' };
        return fail(400, {
          email,
          problems: problemsFromIssues(problem.issues, fields, problem.apiMessage ?? problem.message),
        });
      }
      error(problem.status, problem.message);
    }
    const next = safeNextPath(event.url.searchParams.get('next'));
    redirect(303, signInHref(stage === 'second_factor' ? '/sign-in/code' : '/sign-in/set-up', { next }));
  },
};
