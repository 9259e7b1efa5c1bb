import type { Api } from './api.ts';
import type { ApiProblem } from './api-error.ts';

/**
 * The API's answer when a step of signing in has no session at the right stage (none, expired after 10 minutes,
 * or already used). A wrong code is also a 401, with its own message ("That code is not right, …"), which the
 * page shows; this one means the person must start again.
 */
export const NO_SESSION_MESSAGE = 'Sign in to continue';

/** Does this refusal mean the half-finished sign-in has gone (rather than that the code was wrong)? */
export function signInStepEnded(problem: ApiProblem): boolean {
  return problem.status === 401 && (problem.apiMessage === null || problem.apiMessage === NO_SESSION_MESSAGE);
}

/**
 * Is the session in the cookie already fully signed in? Then a sign-in page has nothing to do, and sends the
 * person on (a signed-in session would be refused by the sign-in steps, which would end it).
 */
export async function alreadySignedIn(api: Api, token: string | null): Promise<boolean> {
  if (token === null) return false;
  return api.account.me.query().then(
    () => true,
    () => false,
  );
}
