import { type Database, openDatabase } from '../client.ts';
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

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && !error.message.includes(code)
    ? `${error.message} (${code})`
    : error.message;
}
