import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { apiProblemOf } from './api-error.ts';

/** A client error as httpLink makes it from the API's error response (see packages/api/src/trpc.ts). */
function fromServer(
  httpStatus: number,
  issues?: { path: string[]; message: string }[],
  message = 'from the API',
): TRPCClientError<never> {
  return TRPCClientError.from({
    error: { message, code: -32600, data: { code: 'X', httpStatus, path: 'p', issues } },
  });
}

describe('apiProblemOf', () => {
  it('keeps the status of an answer from the API, with a message staff can read', () => {
    expect(apiProblemOf(fromServer(403))).toEqual({
      status: 403,
      message: 'You do not have access to this record',
      issues: [],
      apiMessage: 'from the API',
    });
    expect(apiProblemOf(fromServer(404)).message).toBe('We could not find this record');
    expect(apiProblemOf(fromServer(503)).message).toBe('Harbour is unavailable, try again shortly');
  });

  it('passes on the problems with bad input', () => {
    const problem = apiProblemOf(fromServer(400, [{ path: ['sort'], message: 'Invalid option' }]));
    expect(problem).toEqual({
      status: 400,
      message: 'The request is not valid',
      issues: [{ path: ['sort'], message: 'Invalid option' }],
      apiMessage: 'from the API',
    });
  });

  it("keeps the API's own words for the refusals it explains, and only those", () => {
    const refused = 'The email address or passphrase is not right.';
    expect(apiProblemOf(fromServer(401, undefined, refused)).apiMessage).toBe(refused);
    const wait = 'Too many attempts. Wait 30 seconds, then try again.';
    expect(apiProblemOf(fromServer(429, undefined, wait)).apiMessage).toBe(wait);
    expect(apiProblemOf(fromServer(409, undefined, 'Changed')).apiMessage).toBe('Changed');
    expect(apiProblemOf(fromServer(404, undefined, 'Person 123 not found')).apiMessage).toBeNull();
    expect(apiProblemOf(fromServer(500, undefined, 'relation "person" …')).apiMessage).toBeNull();
    expect(apiProblemOf(fromServer(503, undefined, 'The database is unavailable')).apiMessage).toBeNull();
  });

  it('treats an API that did not answer (refused, reset, not tRPC) as unavailable', () => {
    const refused = TRPCClientError.from(new TypeError('fetch failed'));
    expect(apiProblemOf(refused)).toEqual({
      status: 503,
      message: 'Harbour is unavailable, try again shortly',
      issues: [],
      apiMessage: null,
    });
  });

  it('treats an API that took too long (the client gave up) as unavailable', () => {
    const timedOut = TRPCClientError.from(
      new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
    );
    expect(apiProblemOf(timedOut)).toEqual({
      status: 503,
      message: 'Harbour is unavailable, try again shortly',
      issues: [],
      apiMessage: null,
    });
  });

  it('shows no detail of an unexpected error', () => {
    expect(apiProblemOf(new Error('secret detail about Dean'))).toEqual({
      status: 500,
      message: 'Something went wrong',
      issues: [],
      apiMessage: null,
    });
    expect(apiProblemOf(fromServer(500)).message).toBe('Something went wrong');
    expect(apiProblemOf(fromServer(200)).status).toBe(500);
  });
});
