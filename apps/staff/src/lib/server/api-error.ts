import { TRPCClientError } from '@trpc/client';

/** What went wrong with an API call, as the portal shows it. */
export interface ApiProblem {
  /** The HTTP status to answer with (503 when the API could not be reached at all). */
  status: number;
  /** A message that is safe to show staff. */
  message: string;
  /** For bad input (400): which field was wrong and why. */
  issues: { path: string[]; message: string }[];
  /**
   * The API's own message for a refusal it explains (400, 401, 403, 409, 422 — a clinical rule, 429): written for the person using the
   * portal ("The email address or passphrase is not right.", "Too many attempts. Wait 30 seconds, …"). Null for
   * anything else, whose text is never shown.
   */
  apiMessage: string | null;
}

/**
 * The statuses whose message the API writes for people to read (api-contract.md "Errors"). 422 is a clinical
 * rule's refusal (`RULE_REFUSED`), whose words the domain writes for staff ("completed as … not …").
 */
const explainedStatuses = new Set([400, 401, 403, 409, 422, 429]);

const messages: Record<number, string> = {
  401: 'Harbour does not know who you are. Sign in and try again.',
  403: 'You do not have access to this record',
  404: 'We could not find this record',
  503: 'Harbour is unavailable, try again shortly',
};

interface ErrorData {
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
 * Maps anything an API call threw to a status and a message. A tRPC error from the server keeps its HTTP
 * status; a failed connection (the API is down or restarting) is a 503; anything else is a 500 with no
 * detail, because an unexpected error's text may carry data that must not reach the page.
 */
export function apiProblemOf(error: unknown): ApiProblem {
  if (!(error instanceof TRPCClientError)) {
    return { status: 500, message: 'Something went wrong', issues: [], apiMessage: null };
  }
  const data = (error.data ?? {}) as ErrorData;
  if (typeof data.httpStatus !== 'number') {
    // No error shape from the server: the request never got an answer (refused, reset, timed out) or the
    // answer was not tRPC's (a proxy's 502 page, the server's own 503 while draining).
    return { status: 503, message: messages[503] ?? '', issues: [], apiMessage: null };
  }
  const status = data.httpStatus >= 400 && data.httpStatus <= 599 ? data.httpStatus : 500;
  const message = messages[status] ?? (status === 400 ? 'The request is not valid' : 'Something went wrong');
  const apiMessage = explainedStatuses.has(status) && error.message.length > 0 ? error.message : null;
  return { status, message, issues: issuesOf(data), apiMessage };
}
