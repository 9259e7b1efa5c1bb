import { error, fail, redirect } from '@sveltejs/kit';
import { toString as qrCodeSvg } from 'qrcode';
import { AuthenticatorSetUpForm } from '@harbour/domain/access/staff-forms';
import { readForm, textOf } from '@harbour/ui/form/read-form';
import { groupSecret, secretOfOtpauthUri } from '#lib/secret.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { alreadySignedIn, signInStepEnded } from '#lib/server/sign-in-step.ts';
import { forgetSession, useSessionToken } from '#lib/server/signed-in.ts';
import { afterSignIn, safeNextPath, signInHref } from '#lib/sign-in-paths.ts';
import type { Actions, PageServerLoad } from './$types';

/** The QR code as an image address: drawn here, so the page runs no script and shows no untrusted markup. */
async function qrImage(otpauthUri: string): Promise<string> {
  const svg = await qrCodeSvg(otpauthUri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/**
 * First sign-in (or after a reset): set up an authenticator app. Each visit asks the API for a new secret; after
 * a wrong code the page shows the same one again (the app already holds it). Once set up, the recovery codes
 * are shown, once, by the action's answer.
 */
export const load: PageServerLoad = async (event) => {
  const { locals, url } = event;
  const next = safeNextPath(url.searchParams.get('next'));
  const continueTo = afterSignIn(url.searchParams);
  if (locals.enrolment === 'done') return { enrolment: null, continueTo };
  if (locals.caller.token === null) redirect(303, signInHref('/sign-in', { next }));
  if (await alreadySignedIn(locals.api, locals.caller.token)) redirect(303, continueTo);

  let otpauthUri: string;
  if (locals.enrolment !== null) {
    otpauthUri = locals.enrolment.reshowUri;
  } else {
    try {
      ({ otpauthUri } = await locals.api.auth.beginEnrolment.mutate());
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) {
        forgetSession(event);
        redirect(303, signInHref('/sign-in', { ended: true, next }));
      }
      error(problem.status, problem.message);
    }
  }
  const secret = secretOfOtpauthUri(otpauthUri);
  if (secret === null) error(500, 'Something went wrong');
  return {
    enrolment: { otpauthUri, secret: groupSecret(secret), qrImage: await qrImage(otpauthUri) },
    continueTo,
  };
};

export const actions: Actions = {
  default: async (event) => {
    const submitted = await event.request.formData();
    const read = readForm(submitted, AuthenticatorSetUpForm, { secret: ['code'] });
    const { values } = read;
    // The set-up address this page showed, to show again if the code is wrong; only a well-formed one.
    const shownUri = textOf(submitted, 'otpauthUri');
    const reshow = (): void => {
      if (secretOfOtpauthUri(shownUri) !== null) event.locals.enrolment = { reshowUri: shownUri };
    };
    if (!read.ok) {
      reshow();
      return fail(400, read.failure);
    }
    const { code } = read.data;
    const field = 'code';
    try {
      const { token, recoveryCodes } = await event.locals.api.auth.completeEnrolment.mutate({ code });
      useSessionToken(event, token);
      event.locals.enrolment = 'done';
      return { recoveryCodes };
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (signInStepEnded(problem)) {
        forgetSession(event);
        redirect(
          303,
          signInHref('/sign-in', { ended: true, next: safeNextPath(event.url.searchParams.get('next')) }),
        );
      }
      reshow();
      const message = problem.apiMessage ?? problem.message;
      if (problem.status === 400 || problem.status === 401)
        return fail(400, { values, problems: [{ field, message }] });
      if (problem.status === 429) return fail(429, { values, problems: [{ field: null, message }] });
      error(problem.status, problem.message);
    }
  },
};
