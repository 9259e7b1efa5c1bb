import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../client.ts';
import { openTestPglite } from '../testing/databases.ts';
import { loadDemoIfEmpty } from './demo.ts';

const count = async (db: Parameters<typeof loadDemoIfEmpty>[0], table: string): Promise<number> =>
  rowsOf<{ n: number }>(await db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n ?? -1;

// An empty database of its own (the embedded one: the shared PostgreSQL test database is never empty).
describe('loading the demo organisation', () => {
  it('is all or nothing: a load that fails part-way leaves an empty database, loaded on the next start', async () => {
    const handle = await openTestPglite();
    try {
      // Fail the load after the organisation, staff, people and events are written (at the projection).
      await handle.db.execute(
        sql`create function refuse() returns trigger language plpgsql as $$ begin raise exception 'stopped'; end $$`,
      );
      await handle.db.execute(
        sql`create trigger refuse before insert on person_state for each row execute function refuse()`,
      );
      await expect(loadDemoIfEmpty(handle.db, '2026-11-23')).rejects.toThrow();
      for (const table of ['organisation', 'staff', 'person', 'clinical_event'])
        expect(await count(handle.db, table)).toBe(0);

      await handle.db.execute(sql`drop trigger refuse on person_state`);
      expect((await loadDemoIfEmpty(handle.db, '2026-11-23'))?.people).toBe(1500);
      expect(await count(handle.db, 'person')).toBe(1500);
      expect(await loadDemoIfEmpty(handle.db, '2026-11-23')).toBeNull();
    } finally {
      await handle.close();
    }
  }, 120_000);
});
