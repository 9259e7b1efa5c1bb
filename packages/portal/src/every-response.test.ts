import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BARE_CSP, guardServer } from './every-response.ts';

/** Sends a request with any method (fetch refuses TRACE), and gives its status and headers. */
function send(
  url: string,
  method: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A portal's own headers (each portal has its own security-headers.ts). */
function securityHeaders(protocol: string): Record<string, string> {
  const headers: Record<string, string> = {
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  };
  if (protocol === 'https:') headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}

describe("the portal's server, for every response", () => {
  let server: Server;
  let url = '';

  beforeAll(async () => {
    // Stands in for adapter-node: a refusal made before the portal's hooks run (no headers of its own), and a
    // page that sets its own policy.
    server = createServer((req, res) => {
      if (req.url === '/page') {
        res.setHeader('content-security-policy', "default-src 'self'");
        res.setHeader('content-type', 'text/html');
        res.end('<p>page</p>');
        return;
      }
      res.statusCode = 403;
      res.end('Cross-site POST form submissions are forbidden');
    });
    guardServer(server, securityHeaders, 'x-forwarded-proto');
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('gives a refusal made before the portal runs the same headers as a page', async () => {
    const refused = await send(`${url}/sign-out`, 'POST', { 'x-forwarded-proto': 'http' });
    expect(refused.status).toBe(403);
    expect(refused.headers).toMatchObject({
      ...securityHeaders('http:'),
      'content-security-policy': BARE_CSP,
    });
    expect(refused.headers).not.toHaveProperty('strict-transport-security');
    const overTls = await send(`${url}/sign-out`, 'POST', { 'x-forwarded-proto': 'https' });
    expect(overTls.headers).toMatchObject(securityHeaders('https:'));
    expect(overTls.headers).toHaveProperty('strict-transport-security');
  });

  it("leaves a page's own content security policy in place", async () => {
    const page = await send(`${url}/page`, 'GET');
    expect(page.headers['content-security-policy']).toBe("default-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it.each(['TRACE', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND'])(
    'answers %s with 405 and Allow, with the headers, and never hands it on',
    async (method) => {
      const answer = await send(`${url}/page`, method);
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toBe('GET, HEAD, POST');
      expect(answer.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
      expect(answer.headers['content-security-policy']).toBe(BARE_CSP);
    },
  );
});
