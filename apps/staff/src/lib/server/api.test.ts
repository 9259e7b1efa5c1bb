import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiProblemOf } from './api-error.ts';

// The portal's configuration comes from SvelteKit; here the client is pointed at a local test server.
const env = vi.hoisted(() => ({
  HARBOUR_API_URL: '',
  HARBOUR_PORTAL_SECRET: 'the-portals-secret-for-this-test-0123456789' as string | undefined,
}));
vi.mock('$app/env/private', () => env);
const { API_TIMEOUT_MS, apiFor, apiHeaders, fetchWithTimeout } = await import('./api.ts');

describe('the API client', () => {
  let server: Server;
  /** Requests the test server has seen, and whether each was abandoned by the client. */
  const seen: { req: IncomingMessage; abandoned: Promise<void> }[] = [];

  beforeAll(async () => {
    // An API that accepts every request and never answers.
    server = createServer((req, res) => {
      seen.push({ req, abandoned: new Promise((resolve) => res.once('close', resolve)) });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    env.HARBOUR_API_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('waits 15 seconds at most by default', () => {
    expect(API_TIMEOUT_MS).toBe(15_000);
  });

  it('gives up on an API that does not answer, and the page shows 503', async () => {
    const started = Date.now();
    const caller = { requestId: 'req-1', token: 'token-abc', clientAddress: '203.0.113.7' };
    const error = await apiFor(caller, 200)
      .caseload.myTeams.query()
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(apiProblemOf(error)).toEqual({
      status: 503,
      message: 'Harbour is unavailable, try again shortly',
      issues: [],
      apiMessage: null,
    });
    // The request reached the API with this portal request's session and address, and was abandoned, not left
    // open. The development identity header is gone for good.
    const last = seen.at(-1);
    expect(last?.req.headers['x-request-id']).toBe('req-1');
    expect(last?.req.headers.authorization).toBe('Bearer token-abc');
    expect(last?.req.headers['x-harbour-client-address']).toBe('203.0.113.7');
    // With the shared secret, without which the API would ignore the address.
    expect(last?.req.headers['x-harbour-portal-secret']).toBe(env.HARBOUR_PORTAL_SECRET);
    expect(last?.req.headers['x-harbour-dev-actor']).toBeUndefined();
    await last?.abandoned;
  });

  it('reads the token at each call, so a new token from a sign-in step is used at once', async () => {
    const caller = { requestId: 'req-2', token: null as string | null, clientAddress: '::1' };
    const api = apiFor(caller, 200);
    await api.caseload.myTeams.query().catch(() => undefined);
    expect(seen.at(-1)?.req.headers.authorization).toBeUndefined();
    caller.token = 'token-new';
    await api.caseload.myTeams.query().catch(() => undefined);
    expect(seen.at(-1)?.req.headers.authorization).toBe('Bearer token-new');
  });

  it('sends no authorization header without a session', () => {
    expect(apiHeaders({ requestId: 'r', token: null, clientAddress: '::1' })).toEqual({
      'x-request-id': 'r',
      'x-harbour-client-address': '::1',
      'x-harbour-portal-secret': env.HARBOUR_PORTAL_SECRET,
    });
  });

  it('sends no secret when none is configured (development)', () => {
    const configured = env.HARBOUR_PORTAL_SECRET;
    env.HARBOUR_PORTAL_SECRET = undefined;
    try {
      expect(apiHeaders({ requestId: 'r', token: null, clientAddress: '::1' })).not.toHaveProperty(
        'x-harbour-portal-secret',
      );
    } finally {
      env.HARBOUR_PORTAL_SECRET = configured;
    }
  });

  it("still stops on the caller's own signal, before the timeout", async () => {
    const caller = new AbortController();
    const pending = fetchWithTimeout(60_000)(env.HARBOUR_API_URL, { signal: caller.signal });
    caller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('passes the request through unchanged otherwise', async () => {
    const fake = vi.fn<typeof fetch>(async () => new Response('ok'));
    const res = await fetchWithTimeout(1000, fake)('http://api.example/trpc/x', {
      method: 'GET',
      headers: { a: 'b' },
    });
    expect(await res.text()).toBe('ok');
    const [input, init] = fake.mock.calls[0] ?? [];
    expect(input).toBe('http://api.example/trpc/x');
    expect(init).toMatchObject({ method: 'GET', headers: { a: 'b' } });
    expect(init?.signal).toBeInstanceOf(AbortSignal);
  });
});
