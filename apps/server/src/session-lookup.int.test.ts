import type { DatabaseHandle } from '@harbour/db/client';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionTokenFor } from '@harbour/api/testing/sessions';
import { startApp, type RunningApp } from './testing/start-app.ts';

/**
 * Replaces the `staff` table with a view over a function that fails as `body` says, so the server's own lookup
 * of the signed-in member of staff fails with a real database error (not a mock). Returns the undo.
 */
async function breakStaffLookup(db: DatabaseHandle['db'], body: string): Promise<() => Promise<void>> {
  await db.execute(sql`alter table staff rename to harbour_test_staff`);
  await db.execute(
    sql.raw(`create function harbour_test_staff_lookup() returns setof harbour_test_staff language plpgsql as $$
      begin ${body}; return; end $$`),
  );
  await db.execute(sql`create view staff as select * from harbour_test_staff_lookup()`);
  return async () => {
    await db.execute(sql`drop view if exists staff`);
    await db.execute(sql`drop function if exists harbour_test_staff_lookup()`);
    await db.execute(sql`alter table harbour_test_staff rename to staff`);
  };
}

describe.each(testDatabases())('a failing lookup of the member of staff ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let running: RunningApp;
  let token: string;
  let teamId: string;

  beforeAll(async () => {
    handle = await open();
    const org = await createTestOrganisation(handle.db, { people: 4 });
    token = await sessionTokenFor(handle.db, org.structure.staff[0]?.email ?? '');
    teamId = org.structure.teams[0]?.id ?? '';
    // A long readiness interval: these tests are about the request's own failure, not the background ping.
    running = await startApp(handle, { readinessIntervalMs: 60_000 });
  });
  afterAll(async () => {
    await running.app.shutdown(1000);
  });

  const caseload = () =>
    fetch(`${running.url}/trpc/caseload.list?input=${encodeURIComponent(JSON.stringify({ teamId }))}`, {
      headers: { authorization: `Bearer ${token}` },
    });

  /** Nothing of the query, its parameters or the driver's message reaches the client. */
  function expectNoDetail(text: string): void {
    for (const leak of [token, 'Failed query', 'select', 'params', 'staff', 'test)'])
      expect(text.toLowerCase()).not.toContain(leak.toLowerCase());
  }

  it('answers a database error with a generic 500: no SQL, no email', async () => {
    const restore = await breakStaffLookup(handle.db, `raise exception 'staff store broken (test)'`);
    try {
      const res = await caseload();
      const text = await res.text();
      expect(res.status).toBe(500);
      expect((JSON.parse(text) as { error: { message: string } }).error.message).toBe('Something went wrong');
      expectNoDetail(text);
      // The log line names the error's class and SQL code only.
      const logs = running.logs();
      expect(logs).toContain('"code":"P0001"');
      expectNoDetail(logs.replaceAll('"procedure":"caseload.list"', ''));
    } finally {
      await restore();
    }
    // A failed lookup is not remembered: with the table back, the same member of staff is served.
    expect((await caseload()).status).toBe(200);
  });

  it('answers a lost connection with 503, not 500', async () => {
    // The function raises the code a connection ended by the server reports (57P01, admin_shutdown). A real
    // pg_terminate_backend is not used: postgres.js 3.4.9 can then throw from a timer and end the process
    // (porsager/postgres#1154, #1208).
    const restore = await breakStaffLookup(
      handle.db,
      `raise exception 'connection lost (test)' using errcode = 'admin_shutdown'`,
    );
    try {
      const res = await caseload();
      const text = await res.text();
      expect(res.status).toBe(503);
      expect((JSON.parse(text) as { error: { message: string } }).error.message).toBe(
        'The database is unavailable; try again shortly',
      );
      expectNoDetail(text);
    } finally {
      await restore();
    }
    expect((await caseload()).status).toBe(200);
  });
});
