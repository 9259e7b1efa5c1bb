import type { DatabaseHandle } from '@harbour/db/client';
import type { DemoOrganisation, PersonRow } from '@harbour/db/demo/generate';
import { auditEvent } from '@harbour/db/schema/audit';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { eq, sql } from 'drizzle-orm';
import { request } from 'node:http';
import { connect as connectTo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionTokenFor } from '@harbour/api/testing/sessions';
import { startApp, type RunningApp } from './testing/start-app.ts';

describe.each(testDatabases())('the HTTP API ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let running: RunningApp;
  let org: DemoOrganisation;
  let samEmail: string;
  let samToken: string;
  let teamId: string;
  let dean: PersonRow;

  beforeAll(async () => {
    handle = await open();
    org = await createTestOrganisation(handle.db, { people: 30, seed: 5 });
    samEmail = org.structure.staff.find((s) => s.displayName === 'Sam Carter')?.email ?? '';
    teamId = org.structure.teams[0]?.id ?? '';
    dean = [...org.batches(100)].flatMap((b) => b.people).find((p) => p.givenName === 'Dean') as PersonRow;
    samToken = await sessionTokenFor(handle.db, samEmail);
    running = await startApp(handle, { maxBodyBytes: 2048 });
  });
  afterAll(async () => {
    await running.app.shutdown(1000);
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${running.url}${path}`, { headers: { authorization: `Bearer ${samToken}`, ...headers } });
  const input = (value: unknown) => `?input=${encodeURIComponent(JSON.stringify(value))}`;
  const auditCount = async () =>
    (
      await handle.db
        .select({ n: sql<number>`count(*)::int` })
        .from(auditEvent)
        .where(eq(auditEvent.organisationId, org.structure.organisation.id))
    )[0]?.n;

  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${running.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it("serves a team's caseload over HTTP", async () => {
    const res = await get(`/trpc/caseload.list${input({ teamId, pageSize: 25 })}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as {
      result: { data: { rows: { displayName: string }[]; total: number } };
    };
    expect(body.result.data.rows.length).toBeGreaterThan(0);
    expect(body.result.data.rows.map((r) => r.displayName)).toContain('Walsh, Dean');
  });

  it('answers invalid input with 400 and the list of problems, no stack trace, and writes nothing', async () => {
    const before = await auditCount();
    const res = await get(`/trpc/caseload.list${input({ teamId: 'not-a-uuid', sort: 'age', pageSize: 3 })}`);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(/stack|at .*\.ts:\d+/);
    const body = JSON.parse(text) as { error: { data: { issues: { path: string[] }[] } } };
    expect(body.error.data.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'pageSize',
      'sort',
      'teamId',
    ]);
    expect(await auditCount()).toBe(before);
  });

  it('answers an unknown procedure with 404', async () => {
    expect((await get('/trpc/caseload.drop')).status).toBe(404);
    expect((await get('/nowhere')).status).toBe(404);
  });

  it('refuses a body over the limit with 413 and writes nothing', async () => {
    const before = await auditCount();
    const res = await fetch(`${running.url}/trpc/caseload.list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${samToken}` },
      body: JSON.stringify({ teamId, padding: 'x'.repeat(10_000) }),
    });
    expect(res.status).toBe(413);
    // The same without a length (chunked): stopped once past the limit.
    const chunked = await fetch(`${running.url}/trpc/caseload.list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${samToken}` },
      body: new Blob([JSON.stringify({ teamId, padding: 'x'.repeat(10_000) })]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await auditCount()).toBe(before);
  });

  it('refuses a batch of more than 10 calls with 400, running none of them', async () => {
    const batch = (n: number) => {
      const paths = Array.from({ length: n }, () => 'caseload.list').join(',');
      const inputs = Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { teamId, pageSize: 25 }]));
      return `/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
    };
    const before = await auditCount();
    const refused = await get(batch(11));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Batch call exceeds maximum size');
    expect(await auditCount()).toBe(before);
    // Ten is allowed, and each call runs (one audit row each).
    const allowed = await get(batch(10));
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as unknown[]).length).toBe(10);
    expect(await auditCount()).toBe((before ?? 0) + 10);
  });

  it('refuses forged cross-site requests with 403 and changes nothing', async () => {
    const before = await auditCount();
    const forged: RequestInit[] = [
      { headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{}' },
      { headers: { origin: 'null', 'content-type': 'application/json' }, body: '{}' },
      { headers: { 'content-type': 'text/plain' }, body: '{}' },
      { headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }, body: '{}' },
      { body: new FormData() },
    ];
    for (const init of forged) {
      const res = await fetch(`${running.url}/trpc/caseload.list`, { method: 'POST', ...init });
      expect(res.status).toBe(403);
    }
    expect(await auditCount()).toBe(before);
  });

  /** Sends a request with any method (fetch refuses TRACE and friends), and gives its status and headers. */
  const rawRequest = (method: string, path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; allow: string | undefined; body: string }>((resolve, reject) => {
      const req = request(`${running.url}${path}`, { method, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it('answers every method it does not serve with 405 and an Allow header, and runs nothing', async () => {
    const before = await auditCount();
    const json = { 'content-type': 'application/json', authorization: `Bearer ${samToken}` };
    for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'SEARCH']) {
      const trpc = await rawRequest(method, `/trpc/person.summary${input({ personId: dean.id })}`, json);
      expect([method, trpc.status, trpc.allow]).toEqual([method, 405, 'GET, POST']);
      expect(trpc.body).not.toContain(dean.familyName);
      const health = await rawRequest(method, '/healthz');
      expect([method, health.status, health.allow]).toEqual([method, 405, 'GET, HEAD']);
      const ready = await rawRequest(method, '/readyz');
      expect([method, ready.status, ready.allow]).toEqual([method, 405, 'GET, HEAD']);
    }
    expect((await rawRequest('POST', '/dev/second-factor?kind=staff&login=x')).allow).toBe('GET');
    expect((await rawRequest('GET', '/dev/age-sessions?kind=staff&login=x')).allow).toBe('POST');
    expect((await rawRequest('HEAD', '/healthz')).status).toBe(200);
    expect((await rawRequest('TRACE', '/nowhere')).status).toBe(404);
    // CONNECT names a host, not a path: Node hands it to a listener of its own, which refuses it the same way.
    const connect = await new Promise<string>((resolve, reject) => {
      const socket = connectTo(Number(new URL(running.url).port), '127.0.0.1', () =>
        socket.end('CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n'),
      );
      let answer = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
      socket.on('close', () => resolve(answer)).on('error', reject);
    });
    expect(connect).toMatch(/^HTTP\/1\.1 405 .*\r\nallow: GET, HEAD, POST\r\n/is);
    expect(await auditCount()).toBe(before);
  });

  it('answers a request without a live session with 401', async () => {
    for (const authorization of ['Bearer not-a-session-token-at-all-000000', 'Basic abc', '']) {
      expect((await get(`/trpc/caseload.list${input({ teamId })}`, { authorization })).status).toBe(401);
    }
  });

  it("gives development codes only for the demo organisation's accounts, and only to loopback names", async () => {
    // This organisation is not the demo one: its members' codes are never shown, even in development.
    const code = await fetch(
      `${running.url}/dev/second-factor?kind=staff&login=${encodeURIComponent(samEmail)}`,
    );
    expect(code.status).toBe(404);
    // A page on another name that points at this machine (DNS rebinding) is refused before anything is read.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${running.url}/dev/second-factor?kind=staff&login=x`,
        { headers: { host: 'evil.example:4000' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('never logs names, dates of birth, references or request inputs', async () => {
    await get(`/trpc/person.summary${input({ personId: dean.id })}`);
    await get(`/trpc/caseload.list${input({ teamId, sort: 'bogus' })}`);
    const logs = running.logs();
    expect(logs).toContain('person.summary');
    for (const canary of [
      dean.familyName,
      dean.givenName,
      dean.dateOfBirth,
      dean.reference,
      dean.id,
      'bogus',
    ]) {
      expect(logs).not.toContain(canary);
    }
  });
});
