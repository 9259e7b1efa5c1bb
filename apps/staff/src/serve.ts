/**
 * Starts the portal: adapter-node's own server (`build/index.js`, configured by its environment variables as
 * usual: PORT, HOST, PROTOCOL_HEADER, ADDRESS_HEADER, …), with every request first passing through
 * `everyResponse` (security headers on every answer, 405 for methods the portal does not serve). Run it with
 * `pnpm start` after `pnpm build`.
 */
import type { Server } from 'node:http';
import { guardServer } from '@harbour/portal/every-response';
import { securityHeaders } from '#lib/server/security-headers.ts';

const built = (await import(new URL('../build/index.js', import.meta.url).href)) as { server: Server };
// adapter-node's own setting, read as it reads it: which header of the TLS proxy names the protocol.
guardServer(built.server, securityHeaders, process.env.PROTOCOL_HEADER ?? '');
