import { fail, redirect } from '@sveltejs/kit';
import { errorsFromIssues, textOf, type FieldError } from '#lib/form-errors.ts';
import { safeNext, withNext } from '#lib/redirects.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { sessionToken, startSession } from '#lib/server/session.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, cookies, locals }) => {
  const ended = url.searchParams.get('ended') === '1';
  const signedOut = url.searchParams.get('signedOut') === '1';
  const next = safeNext(url.searchParams.get('next'));
  // Already signed in (a bookmark, the back button): straight to their page.
  if (sessionToken(cookies) !== null && !ended && !signedOut) {
    const me = await locals.api.selfcheck.me.query().catch(() => null);
    if (me !== null) redirect(303, next);
  }
  return { ended, signedOut, next };
};

export const actions: Actions = {
  /** Step one: username and passphrase. Then the code (or, if they never finished setting up, the set-up). */
  default: async ({ request, cookies, locals }) => {
    const form = await request.formData();
    const username = textOf(form, 'username').trim();
    const passphrase = textOf(form, 'passphrase');
    const next = safeNext(textOf(form, 'next'));

    const errors: FieldError[] = [];
    if (username === '') errors.push({ field: 'username', message: 'Enter your username' });
    if (passphrase === '') errors.push({ field: 'passphrase', message: 'Enter your passphrase' });
    if (errors.length > 0) return fail(400, { username, errors });

    let started: { token: string; stage: 'second_factor' | 'enrol_second_factor' };
    try {
      started = await locals.api.selfcheck.signIn.mutate({ username, passphrase });
    } catch (cause) {
      const problem = apiProblemOf(cause);
      const field = problem.status >= 500 ? null : 'username';
      return fail(problem.status, {
        username,
        errors: errorsFromIssues(
          problem.issues,
          { username: 'username', passphrase: 'passphrase' },
          { field, message: problem.message },
        ),
      });
    }
    await startSession(cookies, locals.api, started.token);
    redirect(303, started.stage === 'enrol_second_factor' ? '/set-up' : withNext('/sign-in/code', next));
  },
};
