import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';

/**
 * What a portal's server does for every request, before SvelteKit sees it (each portal's src/serve.ts). Some
 * answers are made before any of the portal's own code runs — SvelteKit's refusal of a cross-site form post,
 * adapter-node's "Bad Request", a static file — and would go out without the security headers the pages carry
 * (each portal's hooks.server.ts). So the headers are set on every response first (a page's own replace them),
 * and a method the portal does not serve is answered 405 with `Allow`, never handed on.
 */
export const SERVED_METHODS: readonly string[] = ['GET', 'HEAD', 'POST'];

/** For an answer that is not a page (a refusal, a file): nothing may load in it, or frame it. */
export const BARE_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The protocol the browser used: what the TLS proxy says in `protocolHeader` (adapter-node's PROTOCOL_HEADER),
 * else https, as adapter-node assumes.
 */
export function protocolOf(req: IncomingMessage, protocolHeader: string): 'http:' | 'https:' {
  const said = protocolHeader === '' ? undefined : req.headers[protocolHeader.toLowerCase()];
  return said === 'http' ? 'http:' : 'https:';
}

/** A request listener that secures every response, refuses unserved methods, and hands the rest to `next`. */
export function everyResponse(
  next: RequestListener,
  headers: (protocol: string) => Record<string, string>,
  protocolHeader: string,
): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('content-security-policy', BARE_CSP);
    for (const [name, value] of Object.entries(headers(protocolOf(req, protocolHeader))))
      res.setHeader(name, value);
    if (!SERVED_METHODS.includes(req.method ?? '')) {
      req.resume();
      res.writeHead(405, { allow: SERVED_METHODS.join(', '), 'content-type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed');
      return;
    }
    next(req, res);
  };
}

/** Puts `everyResponse` in front of the request listeners `server` already has (adapter-node's). */
export function guardServer(
  server: Server,
  headers: (protocol: string) => Record<string, string>,
  protocolHeader: string,
): void {
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  const all: RequestListener = (req, res) => {
    for (const listener of listeners) listener(req, res);
  };
  server.on('request', everyResponse(all, headers, protocolHeader));
}
