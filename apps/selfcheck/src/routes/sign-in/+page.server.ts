import { fail, redirect } from '@sveltejs/kit';
import { SelfCheckSignInForm } from '@harbour/domain/access/self-check-forms';
import { problemsFromApi } from '@harbour/ui/form/api-problems';
import { readForm, textOf } from '@harbour/ui/form/read-form';
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
    const submitted = await request.formData();
    const next = safeNext(textOf(submitted, 'next'));
    const read = readForm(submitted, SelfCheckSignInForm, { secret: ['passphrase'] });
    if (!read.ok) return fail(400, read.failure);

    let started: { token: string; stage: 'second_factor' | 'enrol_second_factor' };
    try {
      started = await locals.api.selfcheck.signIn.mutate(read.data);
    } catch (cause) {
      const problem = apiProblemOf(cause);
      const field = problem.status >= 500 ? null : 'username';
      return fail(problem.status, {
        values: read.values,
        problems: problemsFromApi(problem.issues, ['username', 'passphrase'], {
          field,
          message: problem.message,
        }),
      });
    }
    await startSession(cookies, locals.api, started.token);
    redirect(303, started.stage === 'enrol_second_factor' ? '/set-up' : withNext('/sign-in/code', next));
  },
};
