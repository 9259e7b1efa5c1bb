import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiProblemOf } from './api-error.ts';

// The portal's configuration comes from SvelteKit; here the client is pointed at a local test server.
const env = vi.hoisted(() => ({ HARBOUR_API_URL: '', HARBOUR_DEV_ACTOR: 'sam@example.org' }));
vi.mock('$app/env/private', () => env);
const { API_TIMEOUT_MS, apiFor, fetchWithTimeout } = await import('./api.ts');

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
    const error = await apiFor('req-1', 200)
      .caseload.myTeams.query()
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(apiProblemOf(error)).toEqual({
      status: 503,
      message: 'Harbour is unavailable, try again shortly',
      issues: [],
    });
    // The request reached the API with this portal request's identity, and was abandoned, not left open.
    const last = seen.at(-1);
    expect(last?.req.headers['x-request-id']).toBe('req-1');
    expect(last?.req.headers['x-harbour-dev-actor']).toBe('sam@example.org');
    await last?.abandoned;
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
