import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { PORTAL_SECRET_MIN_LENGTH } from './portal-secret.ts';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
/** Hosts that only this machine can reach: the only ones the development routes (/dev/) may listen on. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', '::1', 'localhost'];
const flag = z
  .enum(['1', '0', 'true', 'false', ''])
  .default('')
  .transform((v) => v === '1' || v === 'true');

/** The server's configuration, parsed once from the environment. Nothing else reads `process.env`. */
export const ServerEnv = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    /**
     * A real PostgreSQL; when unset the embedded PGlite database in DATA_DIR is used. The server's queries run
     * as this role: a login role in harbour_app, not the tables' owner, so that row-level security holds it.
     */
    DATABASE_URL: z.string().url().optional(),
    /**
     * The tables' owner, for applying migrations at start-up (then closed). Unset: migrations run as
     * DATABASE_URL's role, which then owns the tables and bypasses row-level security (a warning says so).
     */
    DATABASE_MIGRATION_URL: z.string().url().optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    DATA_DIR: z.string().default(resolve(repoRoot, '.data/pglite')),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
    /** Largest request body accepted, in bytes (larger → 413). */
    MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(100_000),
    /** How long SIGTERM waits for in-flight requests, in milliseconds. */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
    /**
     * Development only: the /dev/ routes, which show demo accounts' current authenticator codes and age
     * sessions (for the browser tests). Refused when NODE_ENV=production, and unless HOST is a loopback
     * address: anyone who can reach them can pass any enrolled account's second factor.
     */
    HARBOUR_DEV_IDENTITY: flag,
    /**
     * The secret shared with the portals (portal-secret.ts), at least 32 characters: only a request carrying it
     * may say which address the person connects from. Required when NODE_ENV=production.
     */
    HARBOUR_PORTAL_SECRET: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .string()
        .min(
          PORTAL_SECRET_MIN_LENGTH,
          `HARBOUR_PORTAL_SECRET must be at least ${PORTAL_SECRET_MIN_LENGTH} characters`,
        )
        .optional(),
    ),
    /** Load the demo organisation into an empty embedded database (on by default for PGlite). */
    LOAD_DEMO: z.enum(['auto', 'never']).default('auto'),
    /**
     * Run the background jobs (the daily risk sweep) in this process. `off` for a second server behind a load
     * balancer that leaves them to the first (pg-boss would share them safely anyway), and for the benchmarks.
     */
    JOBS: z.enum(['on', 'off']).default('on'),
  })
  .refine((env) => !env.DATABASE_MIGRATION_URL || env.DATABASE_URL, {
    message: 'DATABASE_MIGRATION_URL needs DATABASE_URL (the embedded database has no separate owner)',
    path: ['DATABASE_MIGRATION_URL'],
  })
  .refine((env) => !(env.NODE_ENV === 'production' && env.HARBOUR_DEV_IDENTITY), {
    message: 'HARBOUR_DEV_IDENTITY must not be set when NODE_ENV=production',
    path: ['HARBOUR_DEV_IDENTITY'],
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.HARBOUR_PORTAL_SECRET !== undefined, {
    message:
      'HARBOUR_PORTAL_SECRET must be set when NODE_ENV=production (the secret shared with the portals)',
    path: ['HARBOUR_PORTAL_SECRET'],
  })
  .refine((env) => !env.HARBOUR_DEV_IDENTITY || LOOPBACK_HOSTS.includes(env.HOST.toLowerCase()), {
    message: `HARBOUR_DEV_IDENTITY must not be set unless HOST is a loopback address (${LOOPBACK_HOSTS.join(', ')})`,
    path: ['HARBOUR_DEV_IDENTITY'],
  });
export type ServerEnv = z.output<typeof ServerEnv>;

/** Parses the environment or returns one line per problem. */
export function parseServerEnv(
  source: Record<string, string | undefined>,
): { ok: true; env: ServerEnv } | { ok: false; problems: string[] } {
  const parsed = ServerEnv.safeParse(source);
  if (parsed.success) return { ok: true, env: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`),
  };
}

/** The process environment, read here and nowhere else. */
export function processEnv(): Record<string, string | undefined> {
  return process.env;
}
