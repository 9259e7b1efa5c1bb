import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { asc, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, rowsOf } from '../client.ts';
import { auditEvent } from '../schema/audit.ts';
import { organisation } from '../schema/organisation.ts';
import { testDatabases } from '../testing/databases.ts';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./audit-verify.ts', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'harbour-audit-verify-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs audit:verify as an operator would, with only the given database settings. */
async function auditVerify(
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { PATH, HOME } = process.env;
  try {
    const { stdout, stderr } = await run(process.execPath, [script], { env: { PATH, HOME, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('audit:verify on an embedded data folder', () => {
  it('reports an intact chain (exit 0), then names the row changed behind its back (exit 1)', async () => {
    const dataDir = join(scratch, 'tampered');
    let handle = await openDatabase({ kind: 'pglite', dataDir });
    await handle.migrate();
    const organisationId = uuidv7();
    await handle.db.insert(organisation).values({ id: organisationId, name: 'Audit verify test' });
    for (const outcome of ['allowed', 'denied', 'allowed'])
      await handle.db
        .insert(auditEvent)
        .values({ organisationId, action: 'view', procedure: 'person.get', outcome });
    const written = await handle.db.select().from(auditEvent).orderBy(asc(auditEvent.seq));
    const ids = written.map((r) => r.id);
    const seqs = written.map((r) => r.seq);
    await handle.close(); // the CLI takes the data folder's lock

    expect(await auditVerify({ DATA_DIR: dataDir })).toEqual({
      code: 0,
      stdout: 'Audit chain intact: 3 rows.\n',
      stderr: '',
    });

    handle = await openDatabase({ kind: 'pglite', dataDir });
    await handle.db.execute(sql`alter table audit_event disable trigger audit_event_append_only`);
    await handle.db.execute(sql`update audit_event set outcome = 'allowed' where id = ${ids[1]}`);
    await handle.db.execute(sql`alter table audit_event enable trigger audit_event_append_only`);
    await handle.close();

    expect(await auditVerify({ DATA_DIR: dataDir })).toEqual({
      code: 1,
      stdout: `Audit chain broken at row seq=${seqs[1]} id=${ids[1]}: chain ${written[1]?.chain}: hash does not match the row's contents\n`,
      stderr: '',
    });
  }, 60_000); // three processes each opening PGlite

  it('exits 2 when DATA_DIR holds no database, and does not make one', async () => {
    const dataDir = join(scratch, 'nowhere');
    expect(await auditVerify({ DATA_DIR: dataDir })).toEqual({
      code: 2,
      stdout: '',
      stderr: `audit:verify: the embedded database in ${dataDir} does not exist\n`,
    });
    expect(existsSync(dataDir)).toBe(false);
  });

  it('exits 2 on a database the migrations have not reached', async () => {
    const dataDir = join(scratch, 'unmigrated');
    await (await openDatabase({ kind: 'pglite', dataDir })).close();
    expect(await auditVerify({ DATA_DIR: dataDir })).toEqual({
      code: 2,
      stdout: '',
      stderr: `audit:verify: the embedded database in ${dataDir} has no audit chain yet; run db:migrate first\n`,
    });
  }, 60_000);
});

describe('audit:verify on PostgreSQL', () => {
  it('names the host in one line and exits 2 when PostgreSQL cannot be reached', async () => {
    expect(await auditVerify({ DATABASE_URL: 'postgres://harbour@127.0.0.1:1/harbour' })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'audit:verify: failed on PostgreSQL at 127.0.0.1:1/harbour: connect ECONNREFUSED 127.0.0.1:1\n',
    });
  });

  it('refuses a DATABASE_URL that is not a URL (exit 2)', async () => {
    expect(await auditVerify({ DATABASE_URL: 'harbour-db' })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'audit:verify: DATABASE_URL: Invalid URL\n',
    });
  });
});

describe.each(testDatabases().filter((d) => d.name === 'postgres'))(
  "audit:verify on the run's server",
  () => {
    it('checks the chain as the owner, and says plainly that the application role cannot', async () => {
      const ownerUrl = inject('postgresUrl') ?? '';
      const handle = await openDatabase({ kind: 'postgres', url: ownerUrl, poolMax: 1 });
      const head = rowsOf<{ n: number }>(
        await handle.db.execute(sql`select count(*)::int as n from audit_event`),
      );
      await handle.close();

      expect(await auditVerify({ DATABASE_URL: ownerUrl })).toEqual({
        code: 0,
        stdout: `Audit chain intact: ${head[0]?.n} rows.\n`,
        stderr: '',
      });
      const where = new URL(ownerUrl);
      expect(await auditVerify({ DATABASE_URL: inject('postgresApplicationUrl') ?? '' })).toEqual({
        code: 2,
        stdout: '',
        stderr:
          `audit:verify: failed on PostgreSQL at ${where.host}${where.pathname}: permission denied: run it as the ` +
          "tables' owner (DATABASE_MIGRATION_URL), not as the application role\n",
      });
    });
  },
);
