import { fail, redirect } from '@sveltejs/kit';
import { normaliseCode } from '#lib/codes.ts';
import { errorsFromIssues, textOf, type FieldError } from '#lib/form-errors.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { startSession } from '#lib/server/session.ts';
import type { Actions } from './$types';

export const actions: Actions = {
  /**
   * The activation code from their keyworker, a username and a passphrase they choose. The portal checks the
   * passphrase was typed the same twice (the API never sees the second copy); the API checks the rest.
   */
  default: async ({ request, cookies, locals }) => {
    const form = await request.formData();
    const typedCode = textOf(form, 'code');
    const code = normaliseCode(typedCode);
    const username = textOf(form, 'username').trim();
    const passphrase = textOf(form, 'passphrase');
    const confirm = textOf(form, 'confirm');
    // What goes back into the form after a problem: never the passphrase.
    const kept = { code: code || typedCode.trim(), username };

    const errors: FieldError[] = [];
    if (code === '') errors.push({ field: 'code', message: 'Enter your activation code' });
    if (username === '') errors.push({ field: 'username', message: 'Choose a username' });
    if (passphrase === '') errors.push({ field: 'passphrase', message: 'Choose a passphrase' });
    if (passphrase !== '' && confirm === '')
      errors.push({ field: 'confirm', message: 'Type your passphrase again' });
    else if (passphrase !== '' && confirm !== passphrase)
      errors.push({ field: 'confirm', message: 'The 2 passphrases are not the same. Type them again.' });
    if (errors.length > 0) return fail(400, { ...kept, errors });

    let token: string;
    try {
      ({ token } = await locals.api.selfcheck.activate.mutate({ code, username, passphrase }));
    } catch (cause) {
      const problem = apiProblemOf(cause);
      return fail(problem.status, {
        ...kept,
        errors: errorsFromIssues(
          problem.issues,
          { code: 'code', username: 'username', passphrase: 'passphrase' },
          // Too many tries is counted against activation codes from this address.
          { field: problem.status >= 500 ? null : 'code', message: problem.message },
        ),
      });
    }
    await startSession(cookies, locals.api, token);
    redirect(303, '/set-up');
  },
};
