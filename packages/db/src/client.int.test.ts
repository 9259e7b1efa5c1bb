import { isDomainError } from '@harbour/domain/errors';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf } from './client.ts';
import { testDatabases } from './testing/databases.ts';
import { loadDemoIfEmpty } from './demo/demo.ts';
import { person } from './schema/person.ts';

describe.each(testDatabases())('migrations ($name)', ({ open }) => {
  it('create every table, and applying them again changes nothing', async () => {
    const handle = await open();
    await handle.migrate();
    const tables = rowsOf<{ table_name: string }>(
      await handle.db.execute(
        sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
      ),
    ).map((r) => r.table_name);
    expect(tables).toEqual([
      'audit_event',
      'clinical_event',
      'organisation',
      'person',
      'person_state',
      'service',
      'staff',
      'team',
      'team_membership',
      'treatment_episode',
    ]);
    await handle.close();
  });

  it('enforce the episode rules in the database too (no discharge without an end date)', async () => {
    const handle = await open();
    const error = await handle.db
      .execute(
        sql`insert into treatment_episode (id, organisation_id, person_id, service_id, team_id, status, referred_on) values (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'discharged', '2026-01-01')`,
      )
      .catch((e: unknown) => e);
    // The check constraint runs before the foreign keys are looked at.
    expect(String((error as Error).cause)).toMatch(/episode_discharge_complete/);
    await handle.close();
  });
});

describe('the embedded database (PGlite data folder)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'harbour-pglite-'));
  const dataDir = join(dir, 'pglite');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the demo organisation once and keeps it across restarts', async () => {
    const first = await openDatabase({ kind: 'pglite', dataDir });
    await first.migrate();
    const loaded = await loadDemoIfEmpty(first.db, '2026-11-23');
    expect(loaded?.people).toBe(1500);
    await first.close();

    const second = await openDatabase({ kind: 'pglite', dataDir });
    await second.migrate();
    expect(await loadDemoIfEmpty(second.db, '2026-11-23')).toBeNull();
    const [count] = await second.db.select({ n: sql<number>`count(*)::int` }).from(person);
    expect(count?.n).toBe(1500);
    await second.close();
  }, 120_000);

  it('refuses a second opener while the folder is in use, and says why', async () => {
    const holder = await openDatabase({ kind: 'pglite', dataDir });
    const error = await openDatabase({ kind: 'pglite', dataDir }).catch((e: unknown) => e);
    expect(isDomainError(error) && error.message).toMatch(/in use by another Harbour process/);
    await holder.close();
    expect(existsSync(`${dataDir}.harbour.lock`)).toBe(false);
  });

  it('takes over a lock left by a process that has died', async () => {
    writeFileSync(`${dataDir}.harbour.lock`, '999999');
    const handle = await openDatabase({ kind: 'pglite', dataDir });
    expect(readFileSync(`${dataDir}.harbour.lock`, 'utf8')).toBe(String(process.pid));
    await handle.close();
  });
});
