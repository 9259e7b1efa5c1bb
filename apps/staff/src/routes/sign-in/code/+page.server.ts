import { error, fail, redirect } from '@sveltejs/kit';
import { textField } from '#lib/form-problems.ts';
import { normaliseCode } from '#lib/secret.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { alreadySignedIn, signInStepEnded } from '#lib/server/sign-in-step.ts';
import { forgetSession, useSessionToken } from '#lib/server/signed-in.ts';
import { afterSignIn, safeNextPath, signInHref } from '#lib/sign-in-paths.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * Step two of signing in: the code from the authenticator app, or a recovery code (`?recovery=1` shows a field
 * for one: a phone's number pad cannot type its letters). Only after step one: without its cookie, start again.
 */
export const load: PageServerLoad = async ({ url, locals }) => {
  const next = safeNextPath(url.searchParams.get('next'));
  if (locals.caller.token === null) redirect(303, signInHref('/sign-in', { next }));
  if (await alreadySignedIn(locals.api, locals.caller.token)) redirect(303, afterSignIn(url.searchParams));
  const recovery = url.searchParams.get('recovery') === '1';
  const codePage = signInHref('/sign-in/code', { next });
  return {
    recovery,
    startAgain: signInHref('/sign-in', { next }),
    // The link to the other kind of code: the app's, or a recovery code.
    otherWay: recovery ? codePage : `${codePage}${codePage.includes('?') ? '&' : '?'}recovery=1`,
  };
};

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const code = normaliseCode(textField(form, 'code'));
    const recovery = event.url.searchParams.get('recovery') === '1';
    const field = 'code';
    if (code === '') {
      const message = recovery
        ? 'Enter a recovery code'
        : 'Enter the 6-digit code from your authenticator app';
      return fail(400, { problems: [{ field, message }] });
    }
    try {
      const { token } = await event.locals.api.auth.verifySecondFactor.mutate({ code });
      useSessionToken(event, token);
    } catch (cause) {
      const problem = apiProblemOf(cause);
      const next = safeNextPath(event.url.searchParams.get('next'));
      if (signInStepEnded(problem)) {
        forgetSession(event);
        redirect(303, signInHref('/sign-in', { ended: true, next }));
      }
      if (problem.status === 401 || problem.status === 400)
        return fail(problem.status, {
          problems: [{ field, message: problem.apiMessage ?? problem.message }],
        });
      if (problem.status === 429)
        return fail(429, { problems: [{ field: null, message: problem.apiMessage ?? problem.message }] });
      error(problem.status, problem.message);
    }
    redirect(303, afterSignIn(event.url.searchParams));
  },
};
