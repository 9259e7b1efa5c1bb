import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { RISK_MODEL_VERSION } from '@harbour/domain/risk/codes';
import { openDatabase, rowsOf } from '../client.ts';

const run = promisify(execFile);
const cliDir = fileURLToPath(new URL('.', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'harbour-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs one of the package's command-line tools as an operator would, with only the given database settings. */
async function cli(
  script: string,
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { PATH, HOME } = process.env;
  try {
    const { stdout, stderr } = await run(process.execPath, [join(cliDir, script)], {
      env: { PATH, HOME, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('db:migrate', () => {
  it('migrates an embedded data folder, and a second run changes nothing', async () => {
    const dataDir = join(scratch, 'migrate');
    const first = await cli('migrate.ts', { DATA_DIR: dataDir });
    expect(first).toMatchObject({
      code: 0,
      stdout: `db:migrate: migrations applied (the embedded database in ${dataDir})\n`,
    });
    expect((await cli('migrate.ts', { DATA_DIR: dataDir })).code).toBe(0);

    const handle = await openDatabase({ kind: 'pglite', dataDir });
    const applied = rowsOf<{ n: number }>(
      await handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
    );
    const people = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from person`));
    await handle.close();
    expect(applied[0]?.n).toBeGreaterThan(0);
    expect(people[0]?.n).toBe(0);
  });

  it('names the host in one line and exits 1 when PostgreSQL cannot be reached', async () => {
    const result = await cli('migrate.ts', { DATABASE_URL: 'postgres://harbour@127.0.0.1:1/harbour' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'db:migrate: failed on PostgreSQL at 127.0.0.1:1/harbour: connect ECONNREFUSED 127.0.0.1:1\n',
    );
  });

  it("acts as the tables' owner, DATABASE_MIGRATION_URL, when it is set", async () => {
    const result = await cli('migrate.ts', {
      DATABASE_URL: 'postgres://harbour_server@127.0.0.1:1/harbour',
      DATABASE_MIGRATION_URL: 'postgres://harbour_owner@127.0.0.1:2/harbour',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'db:migrate: failed on PostgreSQL at 127.0.0.1:2/harbour: connect ECONNREFUSED 127.0.0.1:2\n',
    );
  });

  it('refuses a DATABASE_URL that is not a URL, without touching any database', async () => {
    const result = await cli('migrate.ts', { DATABASE_URL: 'harbour-db' });
    expect(result).toMatchObject({ code: 1, stdout: '', stderr: 'db:migrate: DATABASE_URL: Invalid URL\n' });
  });
});

describe('demo:load', () => {
  it('loads the demo organisation into an empty database once, and leaves a loaded one alone', async () => {
    const dataDir = join(scratch, 'demo');
    const first = await cli('load-demo.ts', { DATA_DIR: dataDir });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^demo:load: loaded the demo organisation: 1500 people, \d+ events /);
    const second = await cli('load-demo.ts', { DATA_DIR: dataDir });
    expect(second.stdout).toMatch(/the database already holds an organisation; nothing loaded/);

    const handle = await openDatabase({ kind: 'pglite', dataDir });
    const people = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from person`));
    await handle.close();
    expect(people[0]?.n).toBe(1500);
  }, 180_000); // two processes each opening PGlite, and a 1,500-person load
});

describe('rescore', () => {
  it('re-scores the people scored by another model version, with a progress line, and then nobody', async () => {
    // The demo organisation demo:load's test loaded (tests in a file run in order).
    const dataDir = join(scratch, 'demo');
    const handle = await openDatabase({ kind: 'pglite', dataDir });
    await handle.db.execute(sql`update person_state set risk_model_version = '2025.9'
      where person_id in (select person_id from person_state order by person_id limit 1200)`);
    await handle.close();

    const first = await cli('rescore.ts', { DATA_DIR: dataDir });
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines[0]).toBe('rescore: organisation 1 of 1: 1000 people re-scored so far');
    expect(lines[1]).toBe('rescore: organisation 1 of 1: 1200 people re-scored so far');
    expect(lines.at(-1)).toMatch(
      new RegExp(
        `^rescore: 1200 people re-scored with model ${RISK_MODEL_VERSION} as of \\d{4}-\\d{2}-\\d{2}, 1200 changed \\(the embedded database in `,
      ),
    );
    const again = await cli('rescore.ts', { DATA_DIR: dataDir });
    expect(again.stdout).toMatch(/^rescore: 0 people re-scored/);
  }, 180_000);

  it('re-scores everyone with --all, and refuses an argument it does not know', async () => {
    const dataDir = join(scratch, 'demo');
    const { PATH, HOME } = process.env;
    const everyone = await run(process.execPath, [join(cliDir, 'rescore.ts'), '--all'], {
      env: { PATH, HOME, DATA_DIR: dataDir },
    });
    expect(everyone.stdout).toMatch(/rescore: 1500 people re-scored/);
    const wrong = await run(process.execPath, [join(cliDir, 'rescore.ts'), '--everyone'], {
      env: { PATH, HOME, DATA_DIR: dataDir },
    }).catch((error: unknown) => error as { code: number; stderr: string });
    expect(wrong).toMatchObject({
      code: 2,
      stderr: 'rescore: unknown argument --everyone (usage: rescore [--all])\n',
    });
  }, 120_000);
});
