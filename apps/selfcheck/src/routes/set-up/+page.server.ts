import { fail, redirect, type Cookies } from '@sveltejs/kit';
import { AppSetUpForm } from '@harbour/domain/access/self-check-forms';
import type { FormProblem } from '@harbour/ui/form/problems';
import { readForm, textOf } from '@harbour/ui/form/read-form';
import { inGroupsOfFour, secretOfOtpauthUri } from '#lib/codes.ts';
import { SIGNED_IN_HOME } from '#lib/redirects.ts';
import { apiProblemOf, type ApiProblem } from '#lib/server/api-error.ts';
import type { Api } from '#lib/server/api.ts';
import { qrCodeImage } from '#lib/server/qr.ts';
import { keepSession, sessionEnded, sessionToken, signedInOrEnded } from '#lib/server/session.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * Setting up the second way of proving who you are, after the activation code (or a first sign-in that never
 * got this far). Two choices: an authenticator app, or — for someone who cannot use one — printed codes, the
 * fallback (see apps/selfcheck/docs/printed-codes.md). Each step is a form post, so it all works without
 * JavaScript; the codes are shown once, as the answer to the post that made them, and never kept.
 */
export const load: PageServerLoad = async ({ cookies, locals, request }) => {
  // After a form post the page shows what the action returned (the codes, once, to someone now signed in).
  if (request.method === 'POST') return {};
  if (sessionToken(cookies) === null) redirect(303, '/sign-in');
  // Already signed in (set up before): nothing to do here.
  const me = await locals.api.selfcheck.me.query().catch(() => null);
  if (me !== null) redirect(303, SIGNED_IN_HOME);
  return {};
};

/** The app step: the QR code, and the same key to type in groups of 4. */
async function appStep(otpauthUri: string, secret: string) {
  return {
    step: 'app' as const,
    otpauthUri,
    qrCode: await qrCodeImage(otpauthUri),
    keyGroups: inGroupsOfFour(secret),
  };
}

/**
 * A step failed. Refused for the session: already signed in (a reload, or the form sent twice) goes on to their
 * page, an ended session to signing in again. Anything else is said on the page.
 */
async function refused(cause: unknown, cookies: Cookies, api: Api): Promise<ApiProblem> {
  const problem = apiProblemOf(cause);
  if (problem.status === 401) await signedInOrEnded(cookies, api);
  return problem;
}

async function choiceFailed(cause: unknown, cookies: Cookies, api: Api) {
  const problem = await refused(cause, cookies, api);
  const problems: FormProblem[] = [{ field: null, message: problem.message }];
  return fail(problem.status, { step: 'choose' as const, problems });
}

async function begin(api: Api) {
  const { secret, otpauthUri } = await api.selfcheck.beginEnrolment.mutate();
  return appStep(otpauthUri, secret);
}

export const actions: Actions = {
  /** "Use an app on your phone": a new key from the API, shown as a QR code and as text. */
  app: async ({ cookies, locals }) => {
    if (sessionToken(cookies) === null) sessionEnded(cookies);
    try {
      return await begin(locals.api);
    } catch (cause) {
      return choiceFailed(cause, cookies, locals.api);
    }
  },

  /** The first code from the app: right → signed in, and the backup codes are shown once. */
  confirm: async ({ request, cookies, locals }) => {
    if (sessionToken(cookies) === null) sessionEnded(cookies);
    const submitted = await request.formData();
    const otpauthUri = textOf(submitted, 'otpauthUri');
    // The link comes back from the page so that a wrong code shows the same QR code again. If it is not a link
    // the API could have made, the app step starts again with a new key.
    const secret = secretOfOtpauthUri(otpauthUri);
    let again: Awaited<ReturnType<typeof appStep>>;
    try {
      again = secret === null ? await begin(locals.api) : await appStep(otpauthUri, secret);
    } catch (cause) {
      return choiceFailed(cause, cookies, locals.api);
    }
    const read = readForm(submitted, AppSetUpForm, { secret: ['code'] });
    if (secret === null)
      return fail(400, {
        ...again,
        values: read.values,
        problems: [{ field: 'code', message: 'Enter the 6-digit code from the app' }] as FormProblem[],
      });
    if (!read.ok) return fail(400, { ...again, ...read.failure });
    const { code } = read.data;

    let done: { token: string; recoveryCodes: string[] };
    try {
      done = await locals.api.selfcheck.completeEnrolment.mutate({ method: 'authenticator', code });
    } catch (cause) {
      const problem = await refused(cause, cookies, locals.api);
      return fail(problem.status, {
        ...again,
        values: read.values,
        problems: [{ field: problem.status >= 500 ? null : 'code', message: problem.message }],
      });
    }
    keepSession(cookies, done.token);
    return { step: 'codes' as const, method: 'app' as const, codes: done.recoveryCodes };
  },

  /** "I cannot use an app": 10 printed codes, each used once, shown once. */
  printed: async ({ cookies, locals }) => {
    if (sessionToken(cookies) === null) sessionEnded(cookies);
    let done: { token: string; recoveryCodes: string[] };
    try {
      done = await locals.api.selfcheck.completeEnrolment.mutate({ method: 'printed_codes' });
    } catch (cause) {
      return choiceFailed(cause, cookies, locals.api);
    }
    keepSession(cookies, done.token);
    return { step: 'codes' as const, method: 'printed' as const, codes: done.recoveryCodes };
  },
};
