import { type Database, openDatabase } from '../client.ts';
import { codedCause } from '../errors.ts';
import { databaseFromEnv } from './env.ts';

/**
 * Runs a command-line task against the configured database: migrations first (idempotent), then `task`.
 * Problems are one line on stderr and exit status 1; nothing is printed that could hold clinical content.
 */
export async function runWithDatabase(name: string, task: (db: Database) => Promise<string>): Promise<void> {
  const config = databaseFromEnv();
  if (!config.ok) {
    for (const problem of config.problems) process.stderr.write(`${name}: ${problem}\n`);
    process.exit(1);
  }
  let handle;
  try {
    handle = await openDatabase(config.options);
    await handle.ping(); // the driver's own error (e.g. ECONNREFUSED), not drizzle's wrapper
    await handle.migrate();
    process.stdout.write(`${name}: ${await task(handle.db)} (${config.where})\n`);
  } catch (error) {
    process.stderr.write(`${name}: failed on ${config.where}: ${describe(error)}\n`);
    process.exitCode = 1;
  } finally {
    await handle?.close();
  }
}

/**
 * One safe line for an error. Connection failures (Node's `E…` codes, and our own errors such as a locked data
 * folder) keep their message; a failed query is named only by its PostgreSQL error code, because drizzle's
 * message repeats the SQL with its parameters, which can hold names and dates of birth.
 */
export function describe(error: unknown): string {
  const nodeCode = /^E[A-Z]+$/;
  const found = codedCause(error, (code) => nodeCode.test(code) || /^[0-9A-Z]{5}$/.test(code));
  if (found !== undefined) {
    const { error: e, code } = found;
    if (!nodeCode.test(code)) return `a database error, SQLSTATE ${code}`;
    return e.message.includes(code) ? e.message : `${e.message} (${code})`;
  }
  if (error instanceof Error && !error.message.startsWith('Failed query')) return error.message;
  return 'an unexpected error (no detail shown: it could hold record data)';
}
