import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, rowsOf, type DatabaseHandle, type Executor } from './client.ts';
import { testDatabases } from './testing/databases.ts';
import { tenantStatement, withTenant } from './tenant.ts';

const organisationId = '01900000-0000-7000-8000-000000000001';
const actorId = '01900000-0000-7000-8000-0000000000a1';

async function settings(db: Executor): Promise<{ organisation: string; actor: string }> {
  const [row] = rowsOf<{ organisation: string | null; actor: string | null }>(
    await db.execute(
      sql`select current_setting('harbour.organisation_id', true) as organisation, current_setting('harbour.actor_id', true) as actor`,
    ),
  );
  // Never set in this session: null; set by a transaction that has ended: ''.
  return { organisation: row?.organisation ?? '', actor: row?.actor ?? '' };
}

/**
 * Opens the database for a describe block: `handle`, and `single`, on PostgreSQL a pool of one connection
 * (whatever a transaction leaves behind, the next one on it would see). `prepare` runs after opening, `finish`
 * before closing.
 */
function databasesFor(
  name: string,
  open: () => Promise<DatabaseHandle>,
  hooks: {
    prepare?: (db: DatabaseHandle) => Promise<unknown>;
    finish?: (db: DatabaseHandle) => Promise<unknown>;
  } = {},
) {
  const held = {} as { handle: DatabaseHandle; single: DatabaseHandle };
  beforeAll(async () => {
    held.handle = await open();
    const url = inject('postgresUrl');
    held.single =
      name === 'postgres' && url ? await openDatabase({ kind: 'postgres', url, poolMax: 1 }) : held.handle;
    await hooks.prepare?.(held.handle);
  });
  afterAll(async () => {
    await hooks.finish?.(held.handle);
    if (held.single !== held.handle) await held.single.close();
    await held.handle.close();
  });
  return held;
}

describe.each(testDatabases())('withTenant ($name)', ({ name, open }) => {
  const databases = databasesFor(name, open);

  it('sets the organisation and the actor for its transaction only', async () => {
    const inside = await withTenant(databases.single.db, { organisationId, actorId }, (tx) => settings(tx));
    expect(inside).toEqual({ organisation: organisationId, actor: actorId });
    // The same (only) connection, after the commit.
    expect(await settings(databases.single.db)).toEqual({ organisation: '', actor: '' });
  });

  it('is set before any statement of the transaction runs, even statements sent together at once', async () => {
    // On PostgreSQL the setting is sent ahead without waiting for its answer: the statements behind it on the
    // connection, here four sent at once, must each see it.
    const seen = await withTenant(databases.single.db, { organisationId, actorId }, (tx) =>
      Promise.all([settings(tx), settings(tx), settings(tx), settings(tx)]),
    );
    expect(seen).toEqual(Array(4).fill({ organisation: organisationId, actor: actorId }));
  });

  it('sets an empty actor when there is none', async () => {
    expect(
      await withTenant(databases.single.db, { organisationId, actorId: null }, (tx) => settings(tx)),
    ).toEqual({
      organisation: organisationId,
      actor: '',
    });
  });

  it('clears them after a rollback too, and passes the error on', async () => {
    const failure = new Error('stop');
    await expect(
      withTenant(databases.single.db, { organisationId, actorId }, async (tx) => {
        await tx.execute(sql`select 1`);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await settings(databases.single.db)).toEqual({ organisation: '', actor: '' });
  });

  it('refuses an organisation or actor that is not a UUID, before running anything', async () => {
    let ran = false;
    const run = async () => {
      ran = true;
    };
    await expect(withTenant(databases.handle.db, { organisationId: '', actorId }, run)).rejects.toThrow(
      'organisationId must be a UUID',
    );
    await expect(
      withTenant(databases.handle.db, { organisationId: `${organisationId}' or true --`, actorId }, run),
    ).rejects.toThrow('organisationId must be a UUID');
    await expect(
      withTenant(databases.handle.db, { organisationId, actorId: 'someone' }, run),
    ).rejects.toThrow('actorId must be a UUID or null');
    expect(ran).toBe(false);
  });
});

describe.each(testDatabases())('tenantStatement ($name)', ({ name, open }) => {
  const databases = databasesFor(name, open, {
    prepare: ({ db }) =>
      db.execute(sql`create table if not exists tenant_statement_probe (note text not null)`),
    finish: ({ db }) => db.execute(sql`drop table if exists tenant_statement_probe`),
  });

  const settingsSql = sql`select current_setting('harbour.organisation_id', true) as organisation,
    current_setting('harbour.actor_id', true) as actor`;

  it('runs the statement with the tenant set, in a transaction of its own that commits', async () => {
    const note = `committed ${Math.random()}`;
    const rows = await tenantStatement<{ organisation: string; actor: string; txid: string }>(
      databases.single.db,
      { organisationId, actorId },
      sql`with written as (insert into tenant_statement_probe (note) values (${note}))
          select current_setting('harbour.organisation_id', true) as organisation,
                 current_setting('harbour.actor_id', true) as actor`,
    );
    expect(rows).toEqual([{ organisation: organisationId, actor: actorId }]);
    // Committed: another connection sees the row; the setting ended with the transaction.
    const seen = rowsOf(
      await databases.handle.db.execute(sql`select note from tenant_statement_probe where note = ${note}`),
    );
    expect(seen).toEqual([{ note }]);
    expect(await settings(databases.single.db)).toEqual({ organisation: '', actor: '' });
    expect(rowsOf(await databases.single.db.execute(settingsSql))).toEqual([
      { organisation: expect.stringMatching(/^$/) as unknown, actor: expect.stringMatching(/^$/) as unknown },
    ]);
  });

  it('rolls everything back and passes the error on when the statement fails, leaving the connection clean', async () => {
    const note = `rolled back ${Math.random()}`;
    await expect(
      tenantStatement(
        databases.single.db,
        { organisationId, actorId },
        sql`with written as (insert into tenant_statement_probe (note) values (${note}))
            select 1 / 0 as never`,
      ),
    ).rejects.toMatchObject({ cause: expect.objectContaining({ code: '22012' }) as unknown });
    expect(
      rowsOf(
        await databases.handle.db.execute(sql`select note from tenant_statement_probe where note = ${note}`),
      ),
    ).toEqual([]);
    // The one connection is usable at once, outside any transaction and with no tenant left on it.
    expect(await settings(databases.single.db)).toEqual({ organisation: '', actor: '' });
    expect(
      rowsOf(
        await databases.single.db.execute(
          sql`select count(*)::int as n from tenant_statement_probe where note = ${note}`,
        ),
      ),
    ).toEqual([{ n: 0 }]);
  });

  it('refuses an organisation or actor that is not a UUID, before running anything', async () => {
    const note = `never ${Math.random()}`;
    const statement = sql`insert into tenant_statement_probe (note) values (${note})`;
    await expect(
      tenantStatement(databases.handle.db, { organisationId: 'x', actorId }, statement),
    ).rejects.toThrow('organisationId must be a UUID');
    await expect(
      tenantStatement(databases.handle.db, { organisationId, actorId: 'x' }, statement),
    ).rejects.toThrow('actorId must be a UUID or null');
    expect(
      rowsOf(
        await databases.handle.db.execute(sql`select note from tenant_statement_probe where note = ${note}`),
      ),
    ).toEqual([]);
  });
});
