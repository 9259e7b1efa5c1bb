import { createServer, request, type Server } from 'node:http';

/**
 * `npm start`'s stand-in for the reverse proxy every deployment puts in front of a portal: it passes each request
 * on to the portal with `x-forwarded-proto` and `x-forwarded-for` set from the connection itself (anything the
 * browser sent under those names is replaced). The portals read them (adapter-node's PROTOCOL_HEADER and
 * ADDRESS_HEADER), so SvelteKit's cross-site check compares form posts with the real `http://` origin, and
 * sign-in throttling sees the person's own address. Development only: in production the TLS proxy does this.
 */
export function frontDoor(host: string, port: number, portalPort: number): Promise<Server> {
  const server = createServer((req, res) => {
    const headers = { ...req.headers };
    headers['x-forwarded-proto'] = 'http';
    headers['x-forwarded-for'] = req.socket.remoteAddress ?? '127.0.0.1';
    const upstream = request(
      { host, port: portalPort, method: req.method, path: req.url, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('The portal is not answering.');
    });
    req.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
