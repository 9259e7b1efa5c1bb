/**
 * `pnpm --filter @harbour/db audit:verify`: checks the audit trail's hash chain in the database the other tools
 * use (env.ts: DATABASE_MIGRATION_URL or DATABASE_URL, else DATA_DIR).
 * One line on stdout: `Audit chain intact: N rows.` (exit 0) or `Audit chain broken at row seq=… id=…: …`
 * (exit 1). When it cannot check at all (bad settings, no database, migrations not applied), one line on stderr
 * and exit 2. It only reads: it does not apply migrations. It must see every row and the chain's head, so on
 * PostgreSQL it needs the tables' owner (DATABASE_MIGRATION_URL, which env.ts prefers), not the application role.
 */
import { sql } from 'drizzle-orm';
import { existsSync } from 'node:fs';
import { verifyAuditChain } from '../audit-chain.ts';
import { openDatabase, rowsOf, type DatabaseHandle } from '../client.ts';
import { codedCause } from '../errors.ts';
import { databaseFromEnv } from './env.ts';
import { describe } from './run.ts';

const name = 'audit:verify';

const config = databaseFromEnv();
if (!config.ok) {
  for (const problem of config.problems) process.stderr.write(`${name}: ${problem}\n`);
  process.exit(2);
}

// Opening PGlite on a folder that is not there would make an empty database in it: say so instead.
if (
  config.options.kind === 'pglite' &&
  config.options.dataDir !== null &&
  !existsSync(config.options.dataDir)
) {
  process.stderr.write(`${name}: ${config.where} does not exist\n`);
  process.exit(2);
}

let handle: DatabaseHandle | undefined;
try {
  handle = await openDatabase(config.options);
  await handle.ping(); // the driver's own error (e.g. ECONNREFUSED), not drizzle's wrapper
  const installed = rowsOf<{ installed: boolean }>(
    await handle.db.execute(
      sql`select exists (select 1 from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
                         where n.nspname = 'harbour_private' and c.relname = 'audit_chain_head') as installed`,
    ),
  )[0]?.installed;
  if (installed !== true) {
    process.stderr.write(`${name}: ${config.where} has no audit chain yet; run db:migrate first\n`);
    process.exitCode = 2;
  } else {
    const result = await verifyAuditChain(handle.db);
    if (result.ok) {
      process.stdout.write(`Audit chain intact: ${result.rows} rows.\n`);
    } else {
      const { seq, id, problem } = result.firstBroken;
      process.stdout.write(`Audit chain broken at row seq=${seq} id=${id || '(none)'}: ${problem}\n`);
      process.exitCode = 1;
    }
  }
} catch (error) {
  const denied = codedCause(error, (code) => code === '42501') !== undefined;
  const reason = denied
    ? "permission denied: run it as the tables' owner (DATABASE_MIGRATION_URL), not as the application role"
    : describe(error);
  process.stderr.write(`${name}: failed on ${config.where}: ${reason}\n`);
  process.exitCode = 2;
} finally {
  await handle?.close();
}
