import { londonDate } from '@harbour/domain/dates';
import { openDatabase, type DatabaseHandle, type RowSecurity } from '@harbour/db/client';
import { loadDemoIfEmpty } from '@harbour/db/demo/demo';
import { codedCause } from '@harbour/db/errors';
import { createApp, type App } from './app.ts';
import { startJobs, type Jobs } from './jobs/jobs.ts';
import { prepareQueue } from './jobs/queue.ts';
import { parseServerEnv, processEnv } from './env.ts';
import { createLogger } from './logger.ts';

/**
 * A repeat of the stop signal within this long is the same request: a terminal's Ctrl-C reaches the whole process
 * group, and a process manager such as `npm start` then sends SIGTERM as well.
 */
const REPEAT_WINDOW_MS = 1000;
/** How long a failed start waits for the database to close before exiting anyway. */
const CLOSE_ON_FAILURE_MS = 5000;

function exitWith(line: string): never {
  process.stderr.write(`harbour-server: ${line}\n`);
  process.exit(1);
}

/** Names the host and port of a database URL, never its password. */
function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}`;
}

function describeAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * An error's class name and its SQL (or driver) error code, found along its causes. Never its message: drizzle's
 * names the statement and its parameters, which can hold people's names.
 */
function describeError(error: unknown): string {
  const nameOf = (e: Error): string => {
    const name = e.constructor.name !== 'Error' ? e.constructor.name : e.name;
    return /^\w{1,64}$/.test(name) ? name : 'Error';
  };
  if (!(error instanceof Error)) return 'unknown error';
  const found = codedCause(error, (code) => /^[\w-]{1,32}$/.test(code));
  return found === undefined ? nameOf(error) : `${nameOf(found.error)}, SQL error code ${found.code}`;
}

async function closeQuietly(database: DatabaseHandle | null): Promise<void> {
  if (!database) return;
  await Promise.race([
    database.close().catch(() => undefined),
    new Promise((resolve) => setTimeout(resolve, CLOSE_ON_FAILURE_MS).unref()),
  ]);
}

async function main(): Promise<void> {
  const parsed = parseServerEnv(processEnv());
  if (!parsed.ok) exitWith(`invalid configuration:\n  ${parsed.problems.join('\n  ')}`);
  const env = parsed.env;
  const logger = createLogger(env.LOG_LEVEL);

  // Signals are handled from the start, so that Ctrl-C during migrations or the first start's demo load (about
  // 20 seconds) stops cleanly at the next step: the database is closed and its PGlite lock released. A second
  // signal exits at once; a deadline stops a shutdown that hangs (say, a database close that never returns).
  let database: DatabaseHandle | null = null;
  let app: App | null = null;
  let stopSignal: NodeJS.Signals | null = null;
  let stoppedAt = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopSignal !== null) {
      if (Date.now() - stoppedAt < REPEAT_WINDOW_MS) return;
      logger.warn({ signal }, 'stopping at once');
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    stopSignal = signal;
    stoppedAt = Date.now();
    setTimeout(() => {
      logger.error('shutdown did not finish in time; exiting');
      process.exit(1);
    }, env.SHUTDOWN_GRACE_MS + 5000).unref();
    if (app) {
      logger.info({ signal }, 'draining in-flight requests');
      void app.shutdown(env.SHUTDOWN_GRACE_MS).then(
        () => process.exit(0),
        () => process.exit(1),
      );
    } else {
      logger.info({ signal }, 'stopping after the current start-up step (signal again to stop at once)');
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  /** Between start-up steps: if a stop was asked for, close what is open and exit. */
  const stopIfAsked = async (): Promise<void> => {
    // A step that never yields (the demo load is one long run of database work) holds signals back until it
    // ends: give them a turn of the event loop before looking.
    await new Promise((resolve) => setImmediate(resolve));
    if (stopSignal === null) return;
    await closeQuietly(database);
    logger.info('stopped before serving');
    process.exit(0);
  };

  if (env.DATABASE_URL) {
    database = await openDatabase({
      kind: 'postgres',
      url: env.DATABASE_URL,
      poolMax: env.DATABASE_POOL_MAX,
    });
    try {
      await database.ping();
    } catch (error) {
      const reason = (error as { code?: string }).code ?? (error as Error).message;
      await closeQuietly(database);
      exitWith(`cannot reach the database at ${describeUrl(env.DATABASE_URL)} (${reason})`);
    }
  } else {
    try {
      database = await openDatabase({ kind: 'pglite', dataDir: env.DATA_DIR });
    } catch (error) {
      exitWith((error as Error).message);
    }
  }
  const db: DatabaseHandle = database;
  await stopIfAsked();

  // Migrations run as the tables' owner: DATABASE_MIGRATION_URL's role when it is set, on a connection of their
  // own closed straight after; otherwise the server's own connection (whose role then owns the tables).
  let migrator: DatabaseHandle = db;
  if (env.DATABASE_MIGRATION_URL) {
    migrator = await openDatabase({ kind: 'postgres', url: env.DATABASE_MIGRATION_URL, poolMax: 1 });
    try {
      await migrator.ping();
    } catch (error) {
      const reason = (error as { code?: string }).code ?? (error as Error).message;
      await closeQuietly(migrator);
      await closeQuietly(db);
      exitWith(
        `cannot reach the database for migrations at ${describeUrl(env.DATABASE_MIGRATION_URL)} (${reason})`,
      );
    }
  }
  try {
    await migrator.migrate();
    // The job queue's schema and queues, as the owner too (the application role only uses them).
    await prepareQueue(migrator);
  } catch (error) {
    if (migrator !== db) await closeQuietly(migrator);
    await closeQuietly(db);
    const described = describeError(error);
    // The usual cause: DATABASE_URL is (rightly) the application's role, which may not create anything.
    const hint =
      migrator === db && db.kind === 'postgres' && described.endsWith('SQL error code 42501')
        ? '; set DATABASE_MIGRATION_URL to the connection of the role that owns the tables'
        : '';
    exitWith(`cannot apply the database migrations (${described})${hint}`);
  }
  if (migrator !== db) await closeQuietly(migrator);
  await stopIfAsked();

  if (db.kind === 'pglite' && env.LOAD_DEMO === 'auto') {
    logger.info('loading the demo organisation if the database is empty');
    try {
      const loaded = await loadDemoIfEmpty(db.db, londonDate(new Date()));
      if (loaded)
        logger.info({ people: loaded.people, events: loaded.events }, 'loaded the demo organisation');
    } catch (error) {
      await closeQuietly(db);
      exitWith(`cannot load the demo organisation (${describeError(error)})`);
    }
    await stopIfAsked();
  }
  // From here on the server's queries are held by row-level security (security.md promise 2): the embedded
  // database switches to the application role; PostgreSQL's role is DATABASE_URL's, and is only checked.
  let security: RowSecurity;
  try {
    security = await db.assumeApplicationRole();
  } catch (error) {
    await closeQuietly(db);
    exitWith(`cannot take the application's database role (${describeError(error)})`);
  }
  if (security.bypasses && env.NODE_ENV === 'production') {
    await closeQuietly(db);
    exitWith(
      `refusing to serve as ${security.role}, which row-level security does not hold (${security.reasons.join(', ')}): connect DATABASE_URL as a member of harbour_app`,
    );
  }
  if (security.bypasses)
    logger.warn(
      { role: security.role, reasons: security.reasons },
      'row-level security does not hold the database role: connect DATABASE_URL as a member of harbour_app, and migrate with DATABASE_MIGRATION_URL',
    );
  if (env.HARBOUR_DEV_IDENTITY)
    logger.warn(
      "development routes are on: /dev/second-factor shows demo accounts' authenticator codes (never in production)",
    );

  let jobs: Jobs | null = null;
  const created = createApp({
    database: db,
    logger,
    maxBodyBytes: env.MAX_BODY_BYTES,
    devIdentity: env.HARBOUR_DEV_IDENTITY,
    stopJobs: () => jobs?.stop() ?? Promise.resolve(),
    portalSecret: env.HARBOUR_PORTAL_SECRET ?? null,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      created.server.once('error', reject);
      created.server.listen(env.PORT, env.HOST, () => {
        created.server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    created.readiness.stop();
    await closeQuietly(db);
    const address = describeAddress(env.HOST, env.PORT);
    const code = (error as { code?: unknown }).code;
    exitWith(
      code === 'EADDRINUSE'
        ? `cannot listen on ${address}: the address is already in use`
        : `cannot listen on ${address} (${typeof code === 'string' ? code : describeError(error)})`,
    );
  }
  app = created;
  if (stopSignal !== null) {
    await app.shutdown(env.SHUTDOWN_GRACE_MS);
    process.exit(0);
  }
  if (env.JOBS === 'on') {
    try {
      jobs = await startJobs(db, logger);
    } catch (error) {
      // Serving goes on (people can still be cared for); the daily sweep does not, and the caseload says which
      // scores are out of date. The log line says why, without any of the record.
      logger.error({ err: describeError(error) }, 'the background jobs could not start: no daily risk sweep');
    }
  }
  logger.info(
    { host: env.HOST, port: env.PORT, database: db.kind, role: security.role },
    'harbour server listening',
  );
}

await main();
