import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiProblemOf, isSessionGone, UNAVAILABLE, WENT_WRONG } from './api-error.ts';

// The portal's configuration comes from SvelteKit; here the client is pointed at a local test server.
const env = vi.hoisted(() => ({
  HARBOUR_API_URL: '',
  HARBOUR_PORTAL_SECRET: 'the-portals-secret-for-this-test-0123456789' as string | undefined,
}));
vi.mock('$app/env/private', () => env);
const { API_TIMEOUT_MS, apiFor, fetchWithTimeout } = await import('./api.ts');

/** How the test server answers the next request: a tRPC error, a result, or nothing at all. */
let answer: (res: ServerResponse) => void = () => undefined;

function trpcError(status: number, code: string, message: string, issues?: unknown) {
  return (res: ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message, code: -32000, data: { code, httpStatus: status, issues } } }));
  };
}

describe('the API client', () => {
  let server: Server;
  /** Requests the test server has seen, and whether each was abandoned by the client. */
  const seen: { req: IncomingMessage; abandoned: Promise<void> }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ req, abandoned: new Promise((resolve) => res.once('close', resolve)) });
      answer(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    env.HARBOUR_API_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const caller = (token: string | null) => ({
    token: () => token,
    clientAddress: '203.0.113.9',
    requestId: 'req-1',
  });

  it('waits 15 seconds at most by default', () => {
    expect(API_TIMEOUT_MS).toBe(15_000);
  });

  it("sends the session token, the person's address and the request id", async () => {
    answer = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ result: { data: { givenName: 'Dean', usesPrintedCodes: false, unusedCodes: 10 } } }),
      );
    };
    await expect(apiFor(caller('tok-123')).selfcheck.me.query()).resolves.toMatchObject({
      givenName: 'Dean',
    });
    const headers = seen.at(-1)?.req.headers ?? {};
    expect(headers.authorization).toBe('Bearer tok-123');
    expect(headers['x-harbour-client-address']).toBe('203.0.113.9');
    // With the shared secret, without which the API would ignore the address.
    expect(headers['x-harbour-portal-secret']).toBe(env.HARBOUR_PORTAL_SECRET);
    expect(headers['x-request-id']).toBe('req-1');
    expect(headers['x-harbour-dev-actor']).toBeUndefined();
  });

  it('sends no authorization header without a session', async () => {
    answer = trpcError(401, 'UNAUTHORIZED', 'Sign in to continue');
    const error = await apiFor(caller(null))
      .selfcheck.me.query()
      .catch((e: unknown) => e);
    expect(seen.at(-1)?.req.headers.authorization).toBeUndefined();
    expect(apiProblemOf(error)).toEqual({
      status: 401,
      code: 'UNAUTHORIZED',
      message: 'Sign in to continue',
      issues: [],
    });
    expect(isSessionGone(apiProblemOf(error))).toBe(true);
  });

  it("keeps the API's words and the field of each problem for bad input", async () => {
    const message = 'That code is not right or has expired. Ask your keyworker for a new one.';
    answer = trpcError(400, 'BAD_REQUEST', message, [{ path: ['code'], message }]);
    const error = await apiFor(caller(null))
      .selfcheck.activate.mutate({ code: 'X', username: 'dean.x', passphrase: 'x' })
      .catch((e: unknown) => e);
    expect(apiProblemOf(error)).toEqual({
      status: 400,
      code: 'BAD_REQUEST',
      message,
      issues: [{ path: ['code'], message }],
    });
  });

  it('tells a wrong code from an ended session', async () => {
    answer = trpcError(
      401,
      'UNAUTHORIZED',
      'That code is not right, or it has already been used. Try the next code.',
    );
    const error = await apiFor(caller('tok'))
      .selfcheck.verifySecondFactor.mutate({ code: '123456' })
      .catch((e: unknown) => e);
    expect(isSessionGone(apiProblemOf(error))).toBe(false);
  });

  it("never shows a server fault's own words", async () => {
    answer = trpcError(500, 'INTERNAL_SERVER_ERROR', 'relation "person" does not exist');
    const error = await apiFor(caller('tok'))
      .selfcheck.me.query()
      .catch((e: unknown) => e);
    expect(apiProblemOf(error)).toMatchObject({ status: 500, message: WENT_WRONG });
    expect(apiProblemOf(new Error('boom'))).toMatchObject({ status: 500, message: WENT_WRONG });
  });

  it('gives up on an API that does not answer, and the page says Harbour is not working', async () => {
    answer = () => undefined;
    const started = Date.now();
    const error = await apiFor(caller('tok'), 200)
      .selfcheck.me.query()
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(apiProblemOf(error)).toEqual({ status: 503, code: null, message: UNAVAILABLE, issues: [] });
    await seen.at(-1)?.abandoned;
  });

  it("still stops on the caller's own signal, before the timeout", async () => {
    const own = new AbortController();
    const pending = fetchWithTimeout(60_000)(env.HARBOUR_API_URL, { signal: own.signal });
    own.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
