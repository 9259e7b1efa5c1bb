import type { DatabaseHandle } from '@harbour/db/client';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { Writable } from 'node:stream';
import { createApp, type App } from '../app.ts';

export interface RunningApp {
  app: App;
  url: string;
  logger: Logger;
  /** Every log line written so far, as text. */
  logs(): string;
}

/** Starts the real HTTP app on a free port, capturing its logs in memory. */
export async function startApp(
  database: DatabaseHandle,
  options: { maxBodyBytes?: number; readinessIntervalMs?: number; portalSecret?: string } = {},
): Promise<RunningApp> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const app = createApp({
    database,
    logger,
    maxBodyBytes: options.maxBodyBytes ?? 100_000,
    devIdentity: true,
    portalSecret: options.portalSecret ?? null,
    readinessIntervalMs: options.readinessIntervalMs ?? 200,
  });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const { port } = app.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, logger, logs: () => lines.join('') };
}
