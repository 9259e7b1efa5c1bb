import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from './client.ts';

/**
 * Pre-authentication lookups (migration 0003): which organisation an email, a session token digest, a
 * self-check username or an activation code digest belongs to. They run as the tables' owner, past row-level
 * security, and return identifiers only; everything after them runs inside that organisation's tenant context.
 */
export interface Located {
  id: string;
  organisationId: string;
}

async function locate(db: Executor, query: ReturnType<typeof sql>): Promise<Located | null> {
  const [row] = rowsOf<{ id: string; organisation_id: string }>(await db.execute(query));
  return row === undefined ? null : { id: row.id, organisationId: row.organisation_id };
}

/** The first account with this email address (tests and the development routes; sign-in wants them all). */
export const locateStaffByEmail = (db: Executor, email: string) =>
  locate(
    db,
    sql`select staff_id as id, organisation_id from harbour_locate_staff(${email}) order by organisation_id, staff_id limit 1`,
  );

/**
 * Every staff account with this email address: one per organisation at most (an address is unique within an
 * organisation only, migration 0007), in a fixed order.
 */
export async function locateStaffAccounts(db: Executor, email: string): Promise<Located[]> {
  const rows = rowsOf<{ id: string; organisation_id: string }>(
    await db.execute(
      sql`select staff_id as id, organisation_id from harbour_locate_staff(${email}) order by organisation_id, staff_id`,
    ),
  );
  return rows.map((row) => ({ id: row.id, organisationId: row.organisation_id }));
}

export const locateSession = (db: Executor, tokenHash: string) =>
  locate(db, sql`select session_id as id, organisation_id from harbour_locate_session(${tokenHash})`);

export const locateAccountByUsername = (db: Executor, username: string) =>
  locate(db, sql`select person_id as id, organisation_id from harbour_locate_account(${username})`);

export const locateActivation = (db: Executor, codeHash: string) =>
  locate(db, sql`select activation_id as id, organisation_id from harbour_locate_activation(${codeHash})`);

/** The organisation with this ODS code (the anonymous check's service, migration 0010_self_assessment): its id, or null. */
export async function locateOrganisationByOds(db: Executor, odsCode: string): Promise<string | null> {
  const [row] = rowsOf<{ organisation_id: string }>(
    await db.execute(sql`select organisation_id from harbour_locate_organisation(${odsCode})`),
  );
  return row?.organisation_id ?? null;
}
