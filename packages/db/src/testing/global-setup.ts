import { PGlite } from '@electric-sql/pglite';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { APPLICATION_ROLE, openDatabase, wrapPglite } from '../client.ts';
import { APPLICATION_LOGIN_ROLE, applicationUrl } from './databases.ts';

/**
 * The tests' application login: a member of harbour_app, with no password (the test server trusts local
 * connections, as this machine's and CI's do; in production the login role has a password: see .env.example).
 * Roles belong to the whole server, so this is idempotent and tolerates another package's test run making it at
 * the same moment.
 */
const CREATE_APPLICATION_LOGIN = `
  do $$
  begin
    if not exists (select from pg_catalog.pg_roles where rolname = '${APPLICATION_LOGIN_ROLE}') then
      begin
        create role ${APPLICATION_LOGIN_ROLE} login nosuperuser nocreatedb nocreaterole nobypassrls inherit
          in role ${APPLICATION_ROLE};
      exception when duplicate_object or unique_violation then
        null;
      end;
    end if;
    if not pg_catalog.pg_has_role('${APPLICATION_LOGIN_ROLE}', '${APPLICATION_ROLE}', 'USAGE') then
      grant ${APPLICATION_ROLE} to ${APPLICATION_LOGIN_ROLE};
    end if;
  end $$`;

/**
 * Once per test run: migrate a PGlite database and dump it as the template every test file loads (~0.4 s
 * instead of ~2 s to migrate); and, when TEST_DATABASE_URL points at a real server, create a fresh database
 * for this run, migrate it, make sure the application's test login role exists, and drop the database afterwards.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = await PGlite.create();
  await wrapPglite(template).migrate();
  const file = join(tmpdir(), `harbour-pglite-template-${process.pid}-${Date.now()}.tar.gz`);
  const dump = await template.dumpDataDir('gzip');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await template.close();
  project.provide('pgliteTemplate', file);

  // Read once, here: the run's only look at the environment for databases.
  const serverUrl = process.env.TEST_DATABASE_URL;
  // Under CI the real-PostgreSQL half of every database test must run: refuse to pass on PGlite alone.
  if (process.env.CI === 'true' && !serverUrl)
    throw new Error('CI=true but TEST_DATABASE_URL is not set: the database tests would skip PostgreSQL');
  let dropDatabase: (() => Promise<void>) | null = null;
  if (serverUrl) {
    // Named after the database TEST_DATABASE_URL points at, so .ci/run can drop any a killed run left behind.
    const base =
      new URL(serverUrl).pathname
        .slice(1)
        .replace(/[^a-z0-9_]/g, '_')
        .slice(0, 32) || 'harbour';
    const name = `${base}_t${Date.now()}_${process.pid}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolMax: 2 });
    await handle.migrate();
    await handle.close();
    // The migrations made harbour_app; the tests connect as a login role in it, as the server does.
    await admin.unsafe(CREATE_APPLICATION_LOGIN);
    project.provide('postgresUrl', url.toString());
    project.provide('postgresApplicationUrl', applicationUrl(url.toString()));
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    project.provide('postgresUrl', null);
    project.provide('postgresApplicationUrl', null);
  }

  return async () => {
    rmSync(file, { force: true });
    await dropDatabase?.();
  };
}
