import { openDatabase, rowsOf, STATEMENT_TIMEOUT_MS, type DatabaseHandle } from '@harbour/db/client';
import { auditEvent } from '@harbour/db/schema/audit';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { openTestPglite, testDatabases } from '@harbour/db/testing/databases';
import { eq, sql } from 'drizzle-orm';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { sessionTokenFor } from '@harbour/api/testing/sessions';
import { startApp } from './testing/start-app.ts';
import { startTcpProxy } from './testing/tcp-proxy.ts';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));

function runServer(
  env: Record<string, string>,
  timeoutMs = 20_000,
): Promise<{ code: number | null; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [main],
      { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env }, timeout: timeoutMs },
      (error, _stdout, stderr) => {
        resolve({
          code: error ? ((error as { code?: number }).code ?? null) : 0,
          stderr,
          ms: Date.now() - started,
        });
      },
    );
  });
}

describe('starting the server', () => {
  it('with an unreachable DATABASE_URL prints one line naming the host, and exits non-zero', async () => {
    const result = await runServer({ DATABASE_URL: 'postgres://harbour:secret@127.0.0.1:1/harbour' });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/cannot reach the database at 127\.0\.0\.1:1/);
    expect(result.stderr).not.toContain('secret');
  });

  it('with invalid configuration says what is wrong and exits non-zero', async () => {
    const badPort = await runServer({ PORT: 'eighty' });
    expect(badPort.code).toBe(1);
    expect(badPort.stderr).toMatch(/PORT/);
    const devInProduction = await runServer({ NODE_ENV: 'production', HARBOUR_DEV_IDENTITY: '1' });
    expect(devInProduction.code).toBe(1);
    expect(devInProduction.stderr).toMatch(/HARBOUR_DEV_IDENTITY must not be set when NODE_ENV=production/);
    // The portals' shared secret: required in production, and never a short one.
    const noSecret = await runServer({ NODE_ENV: 'production' });
    expect(noSecret.code).toBe(1);
    expect(noSecret.stderr).toMatch(/HARBOUR_PORTAL_SECRET must be set when NODE_ENV=production/);
    const shortSecret = await runServer({ NODE_ENV: 'production', HARBOUR_PORTAL_SECRET: 'hunter2' });
    expect(shortSecret.code).toBe(1);
    expect(shortSecret.stderr).toMatch(/HARBOUR_PORTAL_SECRET must be at least 32 characters/);
    expect(shortSecret.stderr).not.toContain('hunter2');
    const devOnAllInterfaces = await runServer({ HOST: '0.0.0.0', HARBOUR_DEV_IDENTITY: '1' });
    expect(devOnAllInterfaces.code).toBe(1);
    expect(devOnAllInterfaces.stderr).toMatch(
      /HARBOUR_DEV_IDENTITY must not be set unless HOST is a loopback address \(127\.0\.0\.1, ::1, localhost\)/,
    );
  });

  it('refuses a PGlite data folder already in use by another Harbour process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'harbour-lock-'));
    const env = { DATA_DIR: join(dir, 'pglite'), LOAD_DEMO: 'never', PORT: '0', LOG_LEVEL: 'info' };
    const first = spawn(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        first.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('listening')) resolve();
        });
        first.on('exit', () => reject(new Error('first server exited')));
      });
      const second = await runServer(env);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/in use by another Harbour process \(pid \d+\)/);
    } finally {
      first.kill('SIGTERM');
      await new Promise((resolve) => first.on('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SIGTERM-style shutdown', () => {
  it('lets a request whose body is still arriving finish before closing', async () => {
    const handle = await openTestPglite();
    const org = await createTestOrganisation(handle.db, { people: 4 });
    const running = await startApp(handle);
    const token = await sessionTokenFor(handle.db, org.structure.staff[0]?.email ?? '');
    const arrived = once(running.app.server, 'request');
    const response = new Promise<number>((resolve, reject) => {
      const req = request(`${running.url}/trpc/caseload.list`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': '2',
          authorization: `Bearer ${token}`,
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('{');
      setTimeout(() => req.end('}'), 300);
    });
    await arrived;
    const shutdown = running.app.shutdown(5000);
    // New connections are refused while draining, but the in-flight request gets its answer.
    expect(await response).toBe(405);
    await shutdown;
  });
});

describe('a client that leaves mid-body', () => {
  it('does not keep its request in flight', async () => {
    const handle = await openTestPglite();
    const org = await createTestOrganisation(handle.db, { people: 4 });
    const running = await startApp(handle);
    const arrived = once(running.app.server, 'request') as Promise<[IncomingMessage, ServerResponse]>;
    const req = request(`${running.url}/trpc/caseload.list`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': '100',
        authorization: `Bearer ${await sessionTokenFor(handle.db, org.structure.staff[0]?.email ?? '')}`,
      },
    });
    req.on('error', () => undefined);
    req.write('{');
    const [, res] = await arrived;
    const closed = once(res, 'close');
    req.destroy();
    await closed;
    // Nothing is left in flight, so shutdown does not wait out its 10 s grace.
    const started = Date.now();
    await running.app.shutdown(10_000);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

/**
 * Holds an ACCESS EXCLUSIVE lock on `table` in a transaction of its own until released: on PostgreSQL a
 * request's write to it waits inside its transaction; PGlite has one connection, so every query waits.
 */
async function holdLock(db: DatabaseHandle['db'], table: string): Promise<() => Promise<void>> {
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked = (): void => undefined;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const transaction = db.transaction(async (tx) => {
    await tx.execute(sql.raw(`lock table ${table} in access exclusive mode`));
    locked();
    await released;
  });
  await isLocked;
  return async () => {
    release();
    await transaction;
  };
}

describe.each(testDatabases())(
  'SIGTERM-style shutdown with a database request in flight ($name)',
  ({ open }) => {
    /** Starts the app on a handle whose close is recorded, with the audit rows committed at that moment. */
    async function setUp() {
      const handle = await open();
      const org = await createTestOrganisation(handle.db, { people: 4 });
      const organisationId = org.structure.organisation.id;
      const auditRows = async () =>
        (
          await handle.db
            .select({ n: sql<number>`count(*)::int` })
            .from(auditEvent)
            .where(eq(auditEvent.organisationId, organisationId))
        )[0]?.n ?? 0;
      const events: string[] = [];
      const state = { auditRowsAtClose: -1 };
      const tracked: DatabaseHandle = {
        ...handle,
        close: async () => {
          events.push('database closed');
          state.auditRowsAtClose = await auditRows();
          await handle.close();
        },
      };
      const running = await startApp(tracked);
      running.app.server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
        res.on('finish', () => events.push(`answered ${res.statusCode}`));
      });
      const token = await sessionTokenFor(handle.db, org.structure.staff[0]?.email ?? '');
      const teamId = org.structure.teams[0]?.id ?? '';
      const url = `${running.url}/trpc/caseload.list?input=${encodeURIComponent(JSON.stringify({ teamId }))}`;
      const caseload = (signal?: AbortSignal) =>
        fetch(url, { headers: { authorization: `Bearer ${token}` }, signal });
      expect((await caseload()).status).toBe(200);
      events.length = 0;
      return { handle, running, events, state, caseload, auditRows };
    }

    it('waits for it to answer 200, and closes the database only after', async () => {
      const { handle, running, events, state, caseload, auditRows } = await setUp();
      const before = await auditRows();
      const release = await holdLock(handle.db, 'audit_event');
      const arrived = once(running.app.server, 'request');
      const response = caseload();
      await arrived;
      let settled = false;
      const shutdown = running.app.shutdown(10_000).finally(() => (settled = true));
      // The request is held by the lock: shutdown waits (well inside its 10 s grace) and the database stays open.
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(settled).toBe(false);
      expect(events).toEqual([]);
      await release();
      expect((await response).status).toBe(200);
      await shutdown;
      expect(events).toEqual(['answered 200', 'database closed']);
      // The request's transaction (its audit row) had committed when the database closed.
      expect(state.auditRowsAtClose).toBe(before + 1);
    });

    it('waits for the work of a request whose client has gone before closing the database', async () => {
      const { handle, running, events, state, caseload, auditRows } = await setUp();
      const before = await auditRows();
      const release = await holdLock(handle.db, 'audit_event');
      const arrived = once(running.app.server, 'request') as Promise<[IncomingMessage, ServerResponse]>;
      const client = new AbortController();
      const response = caseload(client.signal).catch((error: unknown) => error);
      const [, res] = await arrived;
      // The client gives up; the server sees its connection close while the request's transaction is open.
      const closed = once(res, 'close');
      client.abort();
      await closed;
      expect(await response).toBeInstanceOf(Error);
      let settled = false;
      const shutdown = running.app.shutdown(10_000).finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(settled).toBe(false);
      expect(events).toEqual([]);
      await release();
      await shutdown;
      expect(events).toEqual(['database closed']);
      expect(state.auditRowsAtClose).toBe(before + 1);
    });
  },
);

const servers = testDatabases().filter((d) => d.name === 'postgres');

describe.each(servers)('losing the database while running ($name)', () => {
  const proxies: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const proxy of proxies) await proxy.close();
  });

  it('answers 503 promptly while it is gone, and serves again when it returns, without a restart', async () => {
    const url = new URL(inject('postgresUrl') ?? '');
    const proxy = await startTcpProxy(url.hostname, Number(url.port || 5432));
    proxies.push(proxy);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    const handle = await openDatabase({
      kind: 'postgres',
      url: url.toString(),
      poolMax: 4,
      connectTimeoutSeconds: 2,
    });
    const org = await createTestOrganisation(handle.db, { people: 4 });
    const running = await startApp(handle, { readinessIntervalMs: 100 });
    const token = await sessionTokenFor(handle.db, org.structure.staff[0]?.email ?? '');
    const teamId = org.structure.teams[0]?.id ?? '';
    const caseload = () =>
      fetch(`${running.url}/trpc/caseload.list?input=${encodeURIComponent(JSON.stringify({ teamId }))}`, {
        headers: { authorization: `Bearer ${token}` },
      });

    expect((await caseload()).status).toBe(200);
    await proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await fetch(`${running.url}/readyz`)).status).toBe(503);
    const started = Date.now();
    expect((await caseload()).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(1000);

    await proxy.restore();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await fetch(`${running.url}/readyz`)).status;
    }
    expect(status).toBe(200);
    expect((await caseload()).status).toBe(200);
    await running.app.shutdown(1000);
  });
});

describe.each(servers)('timeouts on the PostgreSQL pool ($name)', ({ open }) => {
  it('sets a statement timeout on every connection', async () => {
    expect(STATEMENT_TIMEOUT_MS).toBe(15_000);
    const handle = await open();
    try {
      const settings = async () =>
        rowsOf<{ statement: string }>(
          await handle.db.execute(sql`select current_setting('statement_timeout') as statement`),
        )[0];
      // Several at once, so that more than one connection of the pool answers.
      const all = await Promise.all(Array.from({ length: 4 }, settings));
      for (const row of all) expect(row).toEqual({ statement: '15s' });
    } finally {
      await handle.close();
    }
  });
});
