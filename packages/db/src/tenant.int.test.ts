import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, rowsOf, type DatabaseHandle, type Executor } from './client.ts';
import { testDatabases } from './testing/databases.ts';
import { withTenant } from './tenant.ts';

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

describe.each(testDatabases())('withTenant ($name)', ({ name, open }) => {
  let handle: DatabaseHandle;
  /** On PostgreSQL, a pool of one connection: whatever a transaction leaves behind, the next one would see. */
  let single: DatabaseHandle;
  beforeAll(async () => {
    handle = await open();
    const url = inject('postgresUrl');
    single = name === 'postgres' && url ? await openDatabase({ kind: 'postgres', url, poolMax: 1 }) : handle;
  });
  afterAll(async () => {
    if (single !== handle) await single.close();
    await handle.close();
  });

  it('sets the organisation and the actor for its transaction only', async () => {
    const inside = await withTenant(single.db, { organisationId, actorId }, (tx) => settings(tx));
    expect(inside).toEqual({ organisation: organisationId, actor: actorId });
    // The same (only) connection, after the commit.
    expect(await settings(single.db)).toEqual({ organisation: '', actor: '' });
  });

  it('is set before any statement of the transaction runs, even statements sent together at once', async () => {
    // On PostgreSQL the setting is sent ahead without waiting for its answer: the statements behind it on the
    // connection, here four sent at once, must each see it.
    const seen = await withTenant(single.db, { organisationId, actorId }, (tx) =>
      Promise.all([settings(tx), settings(tx), settings(tx), settings(tx)]),
    );
    expect(seen).toEqual(Array(4).fill({ organisation: organisationId, actor: actorId }));
  });

  it('sets an empty actor when there is none', async () => {
    expect(await withTenant(single.db, { organisationId, actorId: null }, (tx) => settings(tx))).toEqual({
      organisation: organisationId,
      actor: '',
    });
  });

  it('clears them after a rollback too, and passes the error on', async () => {
    const failure = new Error('stop');
    await expect(
      withTenant(single.db, { organisationId, actorId }, async (tx) => {
        await tx.execute(sql`select 1`);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await settings(single.db)).toEqual({ organisation: '', actor: '' });
  });

  it('refuses an organisation or actor that is not a UUID, before running anything', async () => {
    let ran = false;
    const run = async () => {
      ran = true;
    };
    await expect(withTenant(handle.db, { organisationId: '', actorId }, run)).rejects.toThrow(
      'organisationId must be a UUID',
    );
    await expect(
      withTenant(handle.db, { organisationId: `${organisationId}' or true --`, actorId }, run),
    ).rejects.toThrow('organisationId must be a UUID');
    await expect(withTenant(handle.db, { organisationId, actorId: 'someone' }, run)).rejects.toThrow(
      'actorId must be a UUID or null',
    );
    expect(ran).toBe(false);
  });
});
