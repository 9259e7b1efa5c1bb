import { error, fail, redirect } from '@sveltejs/kit';
import { RecoveryCodeForm, SignInCodeForm } from '@harbour/domain/access/staff-forms';
import { readForm } from '@harbour/ui/form/read-form';
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
    const recovery = event.url.searchParams.get('recovery') === '1';
    const schema = recovery ? RecoveryCodeForm : SignInCodeForm;
    const read = readForm(await event.request.formData(), schema, { secret: ['code'] });
    if (!read.ok) return fail(400, read.failure);
    const code = normaliseCode(read.data.code);
    const { values } = read;
    const field = 'code';
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
      const message = problem.apiMessage ?? problem.message;
      if (problem.status === 401 || problem.status === 400)
        return fail(problem.status, { values, problems: [{ field, message }] });
      if (problem.status === 429) return fail(429, { values, problems: [{ field: null, message }] });
      error(problem.status, problem.message);
    }
    redirect(303, afterSignIn(event.url.searchParams));
  },
};
