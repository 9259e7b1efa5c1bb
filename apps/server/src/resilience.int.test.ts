import { openDatabase } from '@harbour/db/client';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { openTestPglite, testDatabases } from '@harbour/db/testing/databases';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
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
  it('lets an in-flight request finish before closing', async () => {
    const handle = await openTestPglite();
    const org = await createTestOrganisation(handle.db, { people: 4 });
    const running = await startApp(handle);
    const email = org.structure.staff[0]?.email ?? '';
    // A request whose body is still arriving when shutdown begins.
    const response = new Promise<number>((resolve, reject) => {
      const req = request(`${running.url}/trpc/caseload.list`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': '2', 'x-harbour-dev-actor': email },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('{');
      setTimeout(() => req.end('}'), 300);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const shutdown = running.app.shutdown(5000);
    // New connections are refused while draining, but the in-flight request gets its answer.
    expect(await response).toBe(405);
    await shutdown;
  });
});

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
    const email = org.structure.staff[0]?.email ?? '';
    const teamId = org.structure.teams[0]?.id ?? '';
    const caseload = () =>
      fetch(`${running.url}/trpc/caseload.list?input=${encodeURIComponent(JSON.stringify({ teamId }))}`, {
        headers: { 'x-harbour-dev-actor': email },
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
