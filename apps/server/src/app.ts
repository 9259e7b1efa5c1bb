import { toTransportError } from '@harbour/api/errors';
import { codedCause } from '@harbour/db/errors';
import { ageSessions, currentCode, type DevSubject } from '@harbour/api/identity/dev';
import { resolveSession, type ResolvedSession } from '@harbour/api/identity/sessions';
import { appRouter } from '@harbour/api/root';
import type { DatabaseHandle } from '@harbour/db/client';
import { getTRPCErrorFromUnknown, TRPCError } from '@trpc/server';
import { incomingMessageToRequest } from '@trpc/server/adapters/node-http';
import { getHTTPStatusCodeFromError, resolveResponse } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { crossSiteRefusal } from './cross-site.ts';
import { clientAddressOf } from './portal-secret.ts';
import { watchDatabase, type Readiness } from './readiness.ts';

export interface AppOptions {
  database: DatabaseHandle;
  logger: Logger;
  maxBodyBytes: number;
  devIdentity: boolean;
  /** The secret the portals prove themselves with (portal-secret.ts); null or unset: no caller is a portal. */
  portalSecret?: string | null;
  allowedOrigins?: readonly string[];
  readinessIntervalMs?: number;
  /** Stops the background jobs: called at shutdown once requests have drained, before the database closes. */
  stopJobs?: () => Promise<void>;
}

export interface App {
  server: Server;
  readiness: Readiness;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then closes the database. */
  shutdown(graceMs: number): Promise<void>;
}

const TRPC_PREFIX = '/trpc/';
const DEV_PREFIX = '/dev/';
/** Most calls in one batched request (`?batch=1`); a larger batch is refused with 400 before any runs. */
export const MAX_BATCH_CALLS = 10;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** The procedure path of a tRPC URL (never the query string, which carries the input). */
function procedureOf(url: string): string {
  return (url.slice(TRPC_PREFIX.length).split('?')[0] ?? '').replace(/\/+$/, '');
}

/** The error's name and code (a driver's or SQLSTATE), for logs: never its message, which can hold SQL and data. */
function errorSummary(error: TRPCError): { name?: string; code?: string } {
  const found = codedCause(error.cause);
  if (found !== undefined) return { name: found.error.constructor.name, code: found.code };
  return { name: error.cause?.constructor.name };
}

/**
 * Reads a request's body, up to `limit` bytes. Rejects with 413 past the limit, and with 499 if the client goes
 * before the end: tRPC's own reader would wait for ever then, and the request would never count as finished.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (outcome: () => void) => {
      req.off('data', onData).off('end', onEnd).off('close', onGone).off('error', onGone);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else
        settle(() =>
          reject(new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: 'The request is too large' })),
        );
    };
    const onEnd = () => settle(() => resolve(Buffer.concat(chunks).toString('utf8')));
    const onGone = () =>
      settle(() => reject(new TRPCError({ code: 'CLIENT_CLOSED_REQUEST', message: 'The client went away' })));
    req.on('data', onData).on('end', onEnd).on('close', onGone).on('error', onGone);
  });
}

/** Builds the HTTP server: /healthz, /readyz and the tRPC API under /trpc/. */
export function createApp(options: AppOptions): App {
  const { database, logger } = options;
  const readiness = watchDatabase(database, logger, options.readinessIntervalMs);

  /**
   * The session named by the portal's `authorization: Bearer <token>` header (the token from its HttpOnly
   * cookie), checked against PostgreSQL on every request: revocation, idle and absolute expiry take effect at
   * once. No token, or one that is not live, gives an empty context (then only public procedures run).
   */
  async function resolveCaller(req: IncomingMessage): Promise<ResolvedSession | null> {
    const header = req.headers.authorization;
    if (typeof header !== 'string' || !header.startsWith('Bearer ')) return null;
    try {
      return await resolveSession(database.db, header.slice('Bearer '.length).trim(), new Date());
    } catch (error) {
      // Outside the procedures' error mapping: a lost connection is 503, anything else a generic 500.
      throw toTransportError(error);
    }
  }

  /** Development only (HARBOUR_DEV_IDENTITY=1): demo accounts' authenticator codes, and ageing sessions. */
  async function serveDev(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const kind = url.searchParams.get('kind');
    const login = url.searchParams.get('login') ?? '';
    if ((kind !== 'staff' && kind !== 'service_user') || login.length === 0 || login.length > 254)
      return sendJson(res, 400, { error: { message: 'Give kind=staff|service_user and login' } });
    const subject: DevSubject = { kind, login };
    if (url.pathname === '/dev/second-factor' && req.method === 'GET') {
      const found = await currentCode(database.db, subject, new Date());
      return found === null
        ? sendJson(res, 404, { error: { message: 'No such enrolled account' } })
        : sendJson(res, 200, found);
    }
    if (url.pathname === '/dev/age-sessions' && req.method === 'POST') {
      const minutes = Number(url.searchParams.get('minutes') ?? '31');
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > 24 * 60)
        return sendJson(res, 400, { error: { message: 'minutes must be 1 to 1440' } });
      return sendJson(res, 200, { aged: await ageSessions(database.db, subject, minutes, new Date()) });
    }
    return sendJson(res, 404, { error: { message: 'Not found' } });
  }

  // A request is in flight until both its work has finished and its response has closed (sent, or the client
  // gone). A client that disconnects does not end the transaction it started, so shutdown still waits for it.
  let inFlight = 0;
  let draining = false;
  let drained: (() => void) | null = null;

  const onError = ({ error, path }: { error: TRPCError; path?: string }): void => {
    if (error.code === 'INTERNAL_SERVER_ERROR')
      logger.error({ procedure: path, err: errorSummary(error) }, 'procedure failed');
    // Data PostgreSQL refused is the caller's 4xx (errors.ts), but the schemas should have refused it first.
    else if (codedCause(error.cause, (code) => /^(2[23]|54)[0-9A-Z]{3}$/.test(code)) !== undefined)
      logger.warn({ procedure: path, err: errorSummary(error) }, 'database refused the input');
  };

  /**
   * Runs one tRPC request to its end: resolves once its procedures have finished (their transactions committed
   * or rolled back) and its answer is written, even when the client has gone. Never rejects.
   */
  async function serveTrpc(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const path = procedureOf(req.url ?? '');
    try {
      // The body is read here, whole, before any procedure runs; tRPC then takes it from `req.body`.
      if (req.method !== 'GET' && req.method !== 'HEAD')
        (req as IncomingMessage & { body?: string }).body = await readBody(req, options.maxBodyBytes);
      const request = incomingMessageToRequest(req, res, { maxBodySize: options.maxBodyBytes });
      const response = await resolveResponse({
        router: appRouter,
        req: request,
        path,
        error: null,
        maxBatchSize: MAX_BATCH_CALLS,
        createContext: async () => {
          const caller = await resolveCaller(req);
          return {
            db: database.db,
            session: caller?.session ?? null,
            actor: caller?.actor ?? null,
            serviceUser: caller?.serviceUser ?? null,
            clientAddress: clientAddressOf(req, options.portalSecret ?? null),
            requestId,
            now: () => new Date(),
          };
        },
        onError,
      });
      const body = Buffer.from(await response.arrayBuffer());
      res.statusCode = response.status;
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.end(body);
    } catch (cause) {
      // Only when the request cannot be read: a body over the limit, a client gone mid-body, a malformed Host.
      const error = getTRPCErrorFromUnknown(cause);
      onError({ error, path });
      if (res.headersSent) return void res.end();
      if (error.code === 'PAYLOAD_TOO_LARGE') res.setHeader('connection', 'close');
      const httpStatus = getHTTPStatusCodeFromError(error);
      const message = error.code === 'INTERNAL_SERVER_ERROR' ? 'Something went wrong' : error.message;
      sendJson(res, httpStatus, {
        error: { message, code: TRPC_ERROR_CODES_BY_KEY[error.code], data: { code: error.code, httpStatus } },
      });
    }
  }

  /** Answers one request; resolves when the work it started (a database ping, a procedure) has finished. */
  async function route(req: IncomingMessage, res: ServerResponse, url: string, requestId: string) {
    const allowed = methodsServed(url, options.devIdentity);
    if (allowed === null) return sendJson(res, 404, { error: { message: 'Not found' } });
    if (!allowed.includes(req.method ?? '')) {
      res.setHeader('allow', allowed.join(', '));
      return sendJson(res, 405, { error: { message: `Use ${allowed.join(' or ')}` } });
    }
    if (url === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (url === '/readyz') {
      const ok = (await readiness.check()) && !draining;
      return sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'unavailable' });
    }
    if (options.devIdentity && url.startsWith(DEV_PREFIX)) {
      // Loopback names only: a web page cannot reach these through a DNS name pointed at 127.0.0.1.
      if (!/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(req.headers.host ?? ''))
        return sendJson(res, 403, {
          error: { message: 'Refused: development routes answer loopback names only' },
        });
      const refusal = crossSiteRefusal(req, options.allowedOrigins ?? []);
      if (refusal) return sendJson(res, 403, { error: { message: `Refused: ${refusal}` } });
      return serveDev(req, res, new URL(url, 'http://dev.invalid'));
    }
    if (draining)
      return sendJson(res, 503, { error: { message: 'The server is restarting; try again shortly' } });
    // Refuse an oversized body before reading it; serveTrpc's reader also stops a chunked one mid-stream.
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
    return serveTrpc(req, res, requestId);
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    const url = req.url ?? '/';
    const requestId = requestIdOf(req.headers['x-request-id']);
    inFlight++;
    const closed = new Promise<void>((resolve) => res.once('close', resolve));
    const work = route(req, res, url, requestId).catch((error: unknown) => {
      // route() answers every failure itself; this is a last resort so a request can never stay counted.
      logger.error({ err: { name: (error as Error | undefined)?.name } }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: { message: 'Something went wrong' } });
    });
    void Promise.all([work, closed]).then(() => {
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
  });
  // CONNECT asks for a tunnel to a host rather than a path; nothing here serves one.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.end(
      'HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, POST\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
    );
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
    await options
      .stopJobs?.()
      .catch((error: unknown) =>
        logger.warn(
          { err: { name: (error as Error | undefined)?.name } },
          'the background jobs did not stop cleanly',
        ),
      );
    await database.close();
  }

  return { server, readiness, shutdown };
}

/**
 * The methods a path is served with, or null when nothing is served there. Every other method is answered 405
 * with an `Allow` header (RFC 9110 §15.5.6), before anything else looks at the request: Node accepts methods
 * such as TRACE and PROPFIND that the fetch API, which tRPC reads requests through, cannot even represent.
 */
export function methodsServed(url: string, devIdentity: boolean): readonly string[] | null {
  if (url === '/healthz' || url === '/readyz') return ['GET', 'HEAD'];
  if (url.startsWith(TRPC_PREFIX)) return ['GET', 'POST'];
  if (devIdentity && url.startsWith(DEV_PREFIX)) {
    const path = url.split('?')[0];
    if (path === '/dev/second-factor') return ['GET'];
    if (path === '/dev/age-sessions') return ['POST'];
  }
  return null;
}

/**
 * The caller's `x-request-id` when it is a plain token (letters, digits, `.`, `_`, `-`; at most 64), so the
 * portals' ids join their logs to audit rows; anything else is replaced by a fresh id, never stored as given.
 */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[\w.-]{1,64}$/.test(header) ? header : randomUUID();
}
