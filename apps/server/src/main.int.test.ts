import { openDatabase } from '@harbour/db/client';
import { sql } from 'drizzle-orm';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));

/** The server as a child process, with its output collected and a way to wait for a line or its exit. */
interface Child {
  process: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  waitFor(text: string): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startServer(env: Record<string, string>): Child {
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
  });
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve(): void }[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const waiter of waiters) if (stdout.includes(waiter.text)) waiter.resolve();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    process: child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitFor: (text) =>
      new Promise<void>((resolve, reject) => {
        if (stdout.includes(text)) return resolve();
        waiters.push({ text, resolve });
        void exited.then(() => reject(new Error(`exited before "${text}":\n${stdout}\n${stderr}`)));
      }),
    exited,
  };
}

describe('starting and stopping the server process', () => {
  let root: string;
  /** A migrated, empty PGlite data folder, copied for each test (PGlite's first start is slow). */
  let template: string;
  let n = 0;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'harbour-main-'));
    template = join(root, 'template');
    const handle = await openDatabase({ kind: 'pglite', dataDir: template });
    await handle.migrate();
    await handle.close();
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  /** A fresh copy of the template; `migrated: false` gives an empty folder instead. */
  function dataDir(migrated = true): string {
    const dir = join(root, `data-${++n}`);
    if (migrated) cpSync(template, dir, { recursive: true });
    return dir;
  }

  it('stops cleanly at the next start-up step when signalled during the demo load', async () => {
    const dir = dataDir();
    const server = startServer({ DATA_DIR: dir });
    await server.waitFor('loading the demo organisation');
    server.process.kill('SIGTERM');
    const { code } = await server.exited;
    expect(code).toBe(0);
    expect(server.stdout()).toContain('stopped before serving');
    expect(server.stdout()).not.toContain('listening');
    expect(server.stderr()).toBe('');
    // The database was closed: its lock is released.
    expect(existsSync(`${dir}.harbour.lock`)).toBe(false);
  });

  for (const [signal, status] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    it(`exits at once with status ${status} on a second ${signal} while a start-up step hangs`, async () => {
      // A "database" that accepts connections and never answers: the start-up ping waits on it.
      const silent = createServer(() => undefined);
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const { port } = silent.address() as AddressInfo;
      try {
        const server = startServer({ DATABASE_URL: `postgres://harbour@127.0.0.1:${port}/harbour` });
        await new Promise((resolve) => silent.once('connection', resolve));
        server.process.kill(signal);
        await server.waitFor('stopping after the current start-up step');
        // A repeat within a second is the same request (a terminal's Ctrl-C plus a process manager's SIGTERM).
        await new Promise((resolve) => setTimeout(resolve, 1200));
        expect(server.process.exitCode).toBeNull();
        const started = Date.now();
        server.process.kill(signal);
        const { code } = await server.exited;
        expect(code).toBe(status);
        expect(Date.now() - started).toBeLessThan(1000);
      } finally {
        silent.close();
      }
    });
  }

  it('runs its queries as harbour_app, under row-level security, once the embedded database is ready', async () => {
    const server = startServer({ DATA_DIR: dataDir(), LOAD_DEMO: 'never' });
    await server.waitFor('listening');
    expect(server.stdout()).toMatch(/"role":"harbour_app".*harbour server listening/);
    expect(server.stdout()).not.toContain('row-level security does not hold');
    server.process.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });

  it('names the address in one line when the port is taken, and exits 1', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const dir = dataDir();
      const server = startServer({ DATA_DIR: dir, LOAD_DEMO: 'never', PORT: String(port) });
      const { code } = await server.exited;
      expect(code).toBe(1);
      expect(server.stderr()).toBe(
        `harbour-server: cannot listen on 127.0.0.1:${port}: the address is already in use\n`,
      );
      expect(existsSync(`${dir}.harbour.lock`)).toBe(false);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('reports a failed migration in one line: the error class and SQL code, no SQL', async () => {
    // A table the first migration creates is already there.
    const dir = dataDir(false);
    const handle = await openDatabase({ kind: 'pglite', dataDir: dir });
    await handle.db.execute(sql`create table audit_event (canary_column int)`);
    await handle.close();
    const server = startServer({ DATA_DIR: dir });
    const { code } = await server.exited;
    expect(code).toBe(1);
    const lines = server.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^harbour-server: cannot apply the database migrations \(\w+, SQL error code 42P07\)$/,
    );
    expect(existsSync(`${dir}.harbour.lock`)).toBe(false);
  });

  it('reports a failed demo load in one line, without the names in its parameters', async () => {
    // Every insert of a person fails; drizzle's message would list the batch's names as parameters.
    const dir = dataDir();
    const handle = await openDatabase({ kind: 'pglite', dataDir: dir });
    await handle.db.execute(sql`create function harbour_test_refuse() returns trigger language plpgsql as $$
      begin raise exception 'canary: refused %', new.family_name; end $$`);
    await handle.db.execute(
      sql`create trigger harbour_test_refuse before insert on person for each row execute function harbour_test_refuse()`,
    );
    await handle.close();
    const server = startServer({ DATA_DIR: dir });
    const { code } = await server.exited;
    expect(code).toBe(1);
    const lines = server.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^harbour-server: cannot load the demo organisation \(\w+, SQL error code P0001\)$/,
    );
    expect(server.stdout()).not.toMatch(/canary|Failed query|insert into/i);
    expect(existsSync(`${dir}.harbour.lock`)).toBe(false);
  });
});

// On the run's PostgreSQL database (already migrated by the test setup; migrating again changes nothing).
const ownerUrl = inject('postgresUrl');
const applicationUrl = inject('postgresApplicationUrl');
const postgresRuns = ownerUrl && applicationUrl ? [{ name: 'postgres', ownerUrl, applicationUrl }] : [];

describe.each(postgresRuns)('the server on PostgreSQL ($name)', ({ ownerUrl, applicationUrl }) => {
  async function listening(env: Record<string, string>): Promise<string> {
    const server = startServer({ ...env, LOAD_DEMO: 'never' });
    await server.waitFor('listening');
    server.process.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    return server.stdout();
  }

  it('migrates as the owner and serves as the application role, with no warning', async () => {
    const stdout = await listening({ DATABASE_URL: applicationUrl, DATABASE_MIGRATION_URL: ownerUrl });
    expect(stdout).toMatch(/"role":"harbour_app_login".*harbour server listening/);
    expect(stdout).not.toContain('row-level security does not hold');
  });

  it('warns at start-up when its role bypasses row-level security', async () => {
    const stdout = await listening({ DATABASE_URL: ownerUrl });
    expect(stdout).toMatch(/"reasons":\["superuser".*row-level security does not hold the database role/);
  });

  it('refuses to serve in production as a role that bypasses row-level security', async () => {
    const server = startServer({
      DATABASE_URL: ownerUrl,
      NODE_ENV: 'production',
      HARBOUR_PORTAL_SECRET: 'a-portal-secret-of-at-least-32-characters',
    });
    const { code } = await server.exited;
    expect(code).toBe(1);
    expect(server.stderr()).toMatch(
      /^harbour-server: refusing to serve as \w+, which row-level security does not hold/,
    );
  });

  it('says to set DATABASE_MIGRATION_URL when the application role cannot migrate', async () => {
    const server = startServer({ DATABASE_URL: applicationUrl });
    const { code } = await server.exited;
    expect(code).toBe(1);
    expect(server.stderr()).toMatch(
      /^harbour-server: cannot apply the database migrations \(\w+, SQL error code 42501\); set DATABASE_MIGRATION_URL/,
    );
  });
});
