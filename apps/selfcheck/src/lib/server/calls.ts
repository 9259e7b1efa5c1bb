import { error, type Cookies } from '@sveltejs/kit';
import { apiProblemOf } from './api-error.ts';
import { sessionEnded } from './session.ts';

/**
 * An API read for a signed-in page: its answer, or the page the failure calls for (a session that ended: sign
 * in again; anything else: the error page with the API's safe message). Never returns on failure.
 */
export async function readOrFail<T>(call: Promise<T>, cookies: Cookies, path: string): Promise<T> {
  try {
    return await call;
  } catch (cause) {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(cookies, path);
    error(problem.status, problem.message);
  }
}
