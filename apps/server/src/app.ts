import { loadActorByEmail } from '@harbour/api/identity/load-actor';
import { appRouter } from '@harbour/api/root';
import type { Actor } from '@harbour/domain/access/policy';
import type { DatabaseHandle } from '@harbour/db/client';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { crossSiteRefusal } from './cross-site.ts';
import { watchDatabase, type Readiness } from './readiness.ts';

export interface AppOptions {
  database: DatabaseHandle;
  logger: Logger;
  maxBodyBytes: number;
  devIdentity: boolean;
  allowedOrigins?: readonly string[];
  readinessIntervalMs?: number;
}

export interface App {
  server: Server;
  readiness: Readiness;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then closes the database. */
  shutdown(graceMs: number): Promise<void>;
}

const TRPC_PREFIX = '/trpc/';
const ACTOR_CACHE_MS = 30_000;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** The procedure path of a tRPC URL, for logs (never the query string, which carries the input). */
function procedureOf(url: string): string {
  return url.slice(TRPC_PREFIX.length).split('?')[0] ?? '';
}

/** Builds the HTTP server: /healthz, /readyz and the tRPC API under /trpc/. */
export function createApp(options: AppOptions): App {
  const { database, logger } = options;
  const readiness = watchDatabase(database, logger, options.readinessIntervalMs);
  const actorCache = new Map<string, { actor: Actor | null; until: number }>();

  async function resolveActor(req: IncomingMessage): Promise<Actor | null> {
    if (!options.devIdentity) return null;
    const email = req.headers['x-harbour-dev-actor'];
    if (typeof email !== 'string' || email.length === 0 || email.length > 254) return null;
    const cached = actorCache.get(email);
    if (cached && cached.until > Date.now()) return cached.actor;
    const actor = await loadActorByEmail(database.db, email);
    actorCache.set(email, { actor, until: Date.now() + ACTOR_CACHE_MS });
    return actor;
  }

  // One id per request, shared by its log line and its audit rows.
  const requestIds = new WeakMap<object, string>();
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: TRPC_PREFIX,
    maxBodySize: options.maxBodyBytes,
    createContext: async ({ req }) => ({
      db: database.db,
      actor: await resolveActor(req),
      requestId: requestIds.get(req) ?? requestIdOf(req.headers['x-request-id']),
    }),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR')
        logger.error(
          {
            procedure: path,
            err: { name: error.cause?.name, code: (error.cause as { code?: unknown } | undefined)?.code },
          },
          'procedure failed',
        );
    },
  });

  let inFlight = 0;
  let draining = false;
  let drained: (() => void) | null = null;

  const server = createServer((req, res) => {
    const started = performance.now();
    const url = req.url ?? '/';
    const requestId = requestIdOf(req.headers['x-request-id']);
    requestIds.set(req, requestId);
    inFlight++;
    res.on('close', () => {
      inFlight--;
      if (url.startsWith(TRPC_PREFIX)) {
        logger.info(
          {
            procedure: procedureOf(url),
            requestId,
            status: res.statusCode,
            ms: Math.round(performance.now() - started),
          },
          'request',
        );
      }
      if (draining && inFlight === 0) drained?.();
    });

    if (url === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (url === '/readyz') {
      void readiness
        .check()
        .then((ok) =>
          sendJson(res, ok && !draining ? 200 : 503, { status: ok && !draining ? 'ready' : 'unavailable' }),
        );
      return;
    }
    if (!url.startsWith(TRPC_PREFIX)) return sendJson(res, 404, { error: { message: 'Not found' } });
    if (draining)
      return sendJson(res, 503, { error: { message: 'The server is restarting; try again shortly' } });
    // Refuse an oversized body before reading it; tRPC's maxBodySize also stops a chunked one mid-stream.
    if (Number(req.headers['content-length'] ?? 0) > options.maxBodyBytes) {
      res.setHeader('connection', 'close');
      return sendJson(res, 413, { error: { message: 'The request is too large' } });
    }
    const refusal = crossSiteRefusal(req, options.allowedOrigins ?? []);
    if (refusal) return sendJson(res, 403, { error: { message: `Refused: ${refusal}` } });
    if (!readiness.ready) {
      res.setHeader('retry-after', '2');
      return sendJson(res, 503, { error: { message: 'The database is unavailable; try again shortly' } });
    }
    res.setHeader('cache-control', 'no-store');
    trpc(req, res);
  });
  server.keepAliveTimeout = 5_000;
  server.requestTimeout = 30_000;

  async function shutdown(graceMs: number): Promise<void> {
    draining = true;
    readiness.stop();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    if (inFlight > 0) {
      await Promise.race([
        new Promise<void>((resolve) => {
          drained = resolve;
        }),
        new Promise((resolve) => setTimeout(resolve, graceMs).unref()),
      ]);
    }
    server.closeAllConnections();
    await closed;
    await database.close();
  }

  return { server, readiness, shutdown };
}

/**
 * The caller's `x-request-id` when it is a plain token (letters, digits, `.`, `_`, `-`; at most 64), so the
 * portals' ids join their logs to audit rows; anything else is replaced by a fresh id, never stored as given.
 */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[\w.-]{1,64}$/.test(header) ? header : randomUUID();
}
