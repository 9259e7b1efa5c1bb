import { rowsOf, type Database } from '@harbour/db/client';
import { auditEvent } from '@harbour/db/schema/audit';
import { eq, sql } from 'drizzle-orm';

export type AuditRow = typeof auditEvent.$inferSelect;

/** Every audit row of one organisation, oldest first. */
export async function auditRows(db: Database, organisationId: string): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditEvent)
    .where(eq(auditEvent.organisationId, organisationId))
    .orderBy(auditEvent.occurredAt, auditEvent.id);
}

/** Makes every audit write fail (a real database error, not a mock) until the returned function is called. */
export async function breakAuditWrites(db: Database): Promise<() => Promise<void>> {
  await db.execute(sql`create or replace function harbour_test_refuse_audit() returns trigger language plpgsql as $$
    begin raise exception 'audit store unavailable (test)'; end $$`);
  await db.execute(
    sql`create trigger harbour_test_refuse_audit before insert on audit_event for each row execute function harbour_test_refuse_audit()`,
  );
  return async () => {
    await db.execute(sql`drop trigger if exists harbour_test_refuse_audit on audit_event`);
  };
}

/** Counts rows in a table for an organisation (for "nothing changed" assertions). */
export async function countRows(db: Database, table: string, organisationId: string): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await db.execute(
      sql`select count(*)::int as n from ${sql.identifier(table)} where organisation_id = ${organisationId}`,
    ),
  );
  return rows[0]?.n ?? 0;
}
