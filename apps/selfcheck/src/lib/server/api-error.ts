import { TRPCClientError } from '@trpc/client';

/** What went wrong with an API call, as the portal handles it. */
export interface ApiProblem {
  /** The HTTP status (503 when the API could not be reached at all). */
  status: number;
  /** tRPC's code ('UNAUTHORIZED', 'BAD_REQUEST', …), or null when there was no answer from the API. */
  code: string | null;
  /** A message that is safe to show the person. */
  message: string;
  /** For bad input (400): which field was wrong and why. */
  issues: { path: string[]; message: string }[];
}

/** Said when Harbour cannot be reached or something unexpected went wrong: no detail, nothing to act on. */
export const UNAVAILABLE = 'Harbour is not working right now. Please try again later.';
export const WENT_WRONG = 'Something went wrong on our side. Please try again later.';

interface ErrorData {
  code?: unknown;
  httpStatus?: unknown;
  issues?: unknown;
}

function issuesOf(data: ErrorData): ApiProblem['issues'] {
  if (!Array.isArray(data.issues)) return [];
  return data.issues.flatMap((issue: unknown) => {
    if (typeof issue !== 'object' || issue === null) return [];
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (!Array.isArray(path) || typeof message !== 'string') return [];
    return [{ path: path.map(String), message }];
  });
}

/**
 * Maps anything an API call threw to a status and a message. A tRPC error from the server keeps its status and
 * its message (the API writes those to be shown: api-contract.md), except for server faults; a failed
 * connection is a 503; anything else is a 500 with no detail, because an unexpected error's text may carry data
 * that must not reach the page.
 */
export function apiProblemOf(error: unknown): ApiProblem {
  if (!(error instanceof TRPCClientError)) {
    return { status: 500, code: null, message: WENT_WRONG, issues: [] };
  }
  const data = (error.data ?? {}) as ErrorData;
  if (typeof data.httpStatus !== 'number') {
    // No error shape from the server: the request never got an answer (refused, reset, timed out) or the
    // answer was not tRPC's (a proxy's 502 page, the server's own 503 while draining).
    return { status: 503, code: null, message: UNAVAILABLE, issues: [] };
  }
  const status = data.httpStatus >= 400 && data.httpStatus <= 599 ? data.httpStatus : 500;
  const code = typeof data.code === 'string' ? data.code : null;
  const message =
    status >= 500
      ? status === 503
        ? UNAVAILABLE
        : WENT_WRONG
      : typeof error.message === 'string' && error.message.length > 0 && error.message.length <= 300
        ? error.message
        : WENT_WRONG;
  return { status, code, message, issues: issuesOf(data) };
}

/**
 * True when a refusal means the session itself is gone (expired, signed out, or at another stage), rather
 * than a wrong code: `auth`/`selfcheck` answer both with UNAUTHORIZED, and only the session check says
 * "Sign in to continue" (api-contract.md; packages/api/src/trpc.ts).
 */
export function isSessionGone(problem: ApiProblem): boolean {
  if (problem.status !== 401) return false;
  return !/\bcode\b/i.test(problem.message);
}
