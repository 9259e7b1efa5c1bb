import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { DatabaseOptions } from '../client.ts';

const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));

/**
 * The database the command-line tools act on: the same variables, and defaults, as the server's. They act as the
 * tables' owner (DATABASE_MIGRATION_URL) when it is set: the server's own role (DATABASE_URL) may not migrate,
 * and row-level security shows it only one organisation's rows at a time.
 */
const CliEnv = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATABASE_MIGRATION_URL: z.string().url().optional(),
  DATA_DIR: z.string().default(resolve(repoRoot, '.data/pglite')),
});

/** Reads the environment (here and nowhere else in this folder); one line per problem on bad values. */
export function databaseFromEnv():
  { ok: true; options: DatabaseOptions; where: string } | { ok: false; problems: string[] } {
  const parsed = CliEnv.safeParse(process.env);
  if (!parsed.success)
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const { DATABASE_URL, DATABASE_MIGRATION_URL, DATA_DIR } = parsed.data;
  const databaseUrl = DATABASE_MIGRATION_URL ?? DATABASE_URL;
  if (databaseUrl) {
    const url = new URL(databaseUrl);
    return {
      ok: true,
      options: { kind: 'postgres', url: databaseUrl, poolMax: 2 },
      where: `PostgreSQL at ${url.host}${url.pathname}`,
    };
  }
  return {
    ok: true,
    options: { kind: 'pglite', dataDir: DATA_DIR },
    where: `the embedded database in ${DATA_DIR}`,
  };
}
