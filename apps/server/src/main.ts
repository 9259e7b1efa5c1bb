import { londonDate } from '@harbour/domain/dates';
import { openDatabase, type DatabaseHandle } from '@harbour/db/client';
import { loadDemoIfEmpty } from '@harbour/db/demo/demo';
import { createApp } from './app.ts';
import { parseServerEnv, processEnv } from './env.ts';
import { createLogger } from './logger.ts';

function exitWith(line: string): never {
  process.stderr.write(`harbour-server: ${line}\n`);
  process.exit(1);
}

/** Names the host and port of a database URL, never its password. */
function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}`;
}

async function main(): Promise<void> {
  const parsed = parseServerEnv(processEnv());
  if (!parsed.ok) exitWith(`invalid configuration:\n  ${parsed.problems.join('\n  ')}`);
  const env = parsed.env;
  const logger = createLogger(env.LOG_LEVEL);

  let database: DatabaseHandle;
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
      await database.close().catch(() => undefined);
      exitWith(`cannot reach the database at ${describeUrl(env.DATABASE_URL)} (${reason})`);
    }
  } else {
    try {
      database = await openDatabase({ kind: 'pglite', dataDir: env.DATA_DIR });
    } catch (error) {
      exitWith((error as Error).message);
    }
  }
  await database.migrate();
  if (database.kind === 'pglite' && env.LOAD_DEMO === 'auto') {
    const loaded = await loadDemoIfEmpty(database.db, londonDate(new Date()));
    if (loaded) logger.info({ people: loaded.people, events: loaded.events }, 'loaded the demo organisation');
  }
  if (env.HARBOUR_DEV_IDENTITY)
    logger.warn('development identity is on: the portals act as demo staff without signing in');

  const app = createApp({
    database,
    logger,
    maxBodyBytes: env.MAX_BODY_BYTES,
    devIdentity: env.HARBOUR_DEV_IDENTITY,
  });
  app.server.listen(env.PORT, env.HOST, () => {
    logger.info({ host: env.HOST, port: env.PORT, database: database.kind }, 'harbour server listening');
  });

  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'draining in-flight requests');
      void app.shutdown(env.SHUTDOWN_GRACE_MS).then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

await main();
