import { fail, redirect } from '@sveltejs/kit';
import { SelfCheckCodeForm } from '@harbour/domain/access/self-check-forms';
import { readForm, textOf } from '@harbour/ui/form/read-form';
import { normaliseSignInCode } from '#lib/codes.ts';
import { safeNext } from '#lib/redirects.ts';
import { apiProblemOf, isSessionGone } from '#lib/server/api-error.ts';
import { keepSession, sessionEnded, sessionToken, signedInOrEnded } from '#lib/server/session.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, cookies, locals }) => {
  const next = safeNext(url.searchParams.get('next'));
  if (sessionToken(cookies) === null) redirect(303, '/sign-in');
  // Already signed in: nothing to do here.
  const me = await locals.api.selfcheck.me.query().catch(() => null);
  if (me !== null) redirect(303, next);
  return { next };
};

export const actions: Actions = {
  /** Step two: a code from the app, or one of their printed codes. Right → signed in, with a new session. */
  default: async ({ request, cookies, locals }) => {
    const submitted = await request.formData();
    const next = safeNext(textOf(submitted, 'next'));
    if (sessionToken(cookies) === null) sessionEnded(cookies);
    const read = readForm(submitted, SelfCheckCodeForm, { secret: ['code'] });
    if (!read.ok) return fail(400, read.failure);
    const code = normaliseSignInCode(read.data.code);

    try {
      const { token } = await locals.api.selfcheck.verifySecondFactor.mutate({ code });
      keepSession(cookies, token);
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (isSessionGone(problem)) await signedInOrEnded(cookies, locals.api, next);
      return fail(problem.status, {
        values: read.values,
        problems: [{ field: problem.status >= 500 ? null : 'code', message: problem.message }],
      });
    }
    redirect(303, next);
  },
};
