import { PGlite } from '@electric-sql/pglite';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { openDatabase, wrapPglite, type DatabaseHandle } from '../client.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the migrated PGlite template (a gzipped data-folder dump). */
    pgliteTemplate: string;
    /** A fresh, migrated database on the real server for this run, or null. */
    postgresUrl: string | null;
    /** `postgresUrl` as the application's login role (a member of harbour_app), or null. */
    postgresApplicationUrl: string | null;
  }
}

/** The login role the tests connect as to act as the application (made by global-setup on the test server). */
export const APPLICATION_LOGIN_ROLE = 'harbour_app_login';

/** The same database, connected as the application's test login role (no password: see global-setup). */
export function applicationUrl(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.username = APPLICATION_LOGIN_ROLE;
  url.password = '';
  return url.toString();
}

/**
 * A pool on the run's PostgreSQL database connected as the application's login role, under row-level security
 * as the server is (not the owner, not a superuser); null when the run has no PostgreSQL. Seed data through
 * `testDatabases()` (the owner) first.
 */
export function openTestApplicationPostgres(poolMax = 3): Promise<DatabaseHandle> | null {
  const url = inject('postgresApplicationUrl');
  return url ? openDatabase({ kind: 'postgres', url, poolMax }) : null;
}

export interface TestDatabase {
  /** `pglite` always; `postgres` too when TEST_DATABASE_URL is set for the run. */
  name: 'pglite' | 'postgres';
  open(): Promise<DatabaseHandle>;
}

/** A migrated PGlite database loaded from the run's template (in memory, private to the caller). */
export async function openTestPglite(): Promise<DatabaseHandle> {
  const dump = readFileSync(inject('pgliteTemplate'));
  const client = await PGlite.create({ loadDataDir: new Blob([dump]) });
  return wrapPglite(client);
}

/**
 * The databases every database test runs against. Tests isolate themselves by creating their own
 * organisation (every query is organisation-scoped), so the shared real database needs no cleanup.
 */
export function testDatabases(): TestDatabase[] {
  const url = inject('postgresUrl');
  const list: TestDatabase[] = [{ name: 'pglite', open: openTestPglite }];
  if (url) list.push({ name: 'postgres', open: () => openDatabase({ kind: 'postgres', url, poolMax: 4 }) });
  return list;
}
