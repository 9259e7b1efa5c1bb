import { createHash } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { describe, expect, inject, it } from 'vitest';
import { verifyAuditChain } from './audit-chain.ts';
import {
  APPLICATION_ROLE,
  openDatabase,
  rowsOf,
  type Database,
  type Executor,
  type Transaction,
} from './client.ts';
import { codedCause } from './errors.ts';
import { auditEvent } from './schema/audit.ts';
import { organisation } from './schema/organisation.ts';
import { testDatabases } from './testing/databases.ts';

type AuditInsert = typeof auditEvent.$inferInsert;

/** A fresh organisation: audit rows need one, and the tests' own rows are then easy to pick out. */
async function newOrganisation(db: Executor): Promise<string> {
  const id = uuidv7();
  await db.insert(organisation).values({ id, name: `Audit chain test ${id}` });
  return id;
}

function entry(organisationId: string, overrides: Partial<AuditInsert> = {}): AuditInsert {
  return {
    organisationId,
    actorId: uuidv7(),
    actorRole: 'clinician',
    personId: uuidv7(),
    action: 'view',
    procedure: 'person.get',
    accessBasis: 'team',
    outcome: 'allowed',
    requestId: uuidv7(),
    ...overrides,
  };
}

/** The chain's last seq, as the insert trigger keeps it. */
async function headSeq(db: Executor): Promise<number> {
  const rows = rowsOf<{ last_seq: string }>(
    await db.execute(sql`select last_seq::text as last_seq from harbour_private.audit_chain_head`),
  );
  return Number(rows[0]?.last_seq);
}

function rowsOfOrganisation(db: Executor, organisationId: string) {
  return db
    .select()
    .from(auditEvent)
    .where(eq(auditEvent.organisationId, organisationId))
    .orderBy(asc(auditEvent.seq));
}

class RolledBack extends Error {}

/** Runs `task` in a transaction that is then rolled back, so tampering leaves the shared database as it was. */
async function thenRollBack<T>(db: Database, task: (tx: Transaction) => Promise<T>): Promise<T> {
  let result: { value: T } | null = null;
  await expect(
    db.transaction(async (tx) => {
      result = { value: await task(tx) };
      throw new RolledBack();
    }),
  ).rejects.toBeInstanceOf(RolledBack);
  if (result === null) throw new Error('the task did not finish');
  return (result as { value: T }).value;
}

/** Runs `statement` with the append-only trigger disabled, as only the table's owner can. */
async function asOwnerBypassing(tx: Transaction, statement: ReturnType<typeof sql>): Promise<void> {
  await tx.execute(sql`alter table audit_event disable trigger audit_event_append_only`);
  await tx.execute(statement);
  await tx.execute(sql`alter table audit_event enable trigger audit_event_append_only`);
}

/** The SQLSTATE and message of the database's own error under drizzle's wrapper. */
async function refusal(attempt: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error: unknown = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  const found = codedCause(error, (code) => /^[0-9A-Z]{5}$/.test(code));
  return { code: found?.code ?? 'none', message: found?.error.message ?? String(error) };
}

describe.each(testDatabases())('the audit chain ($name)', ({ name, open }) => {
  it('numbers and chains every row in commit order, whatever the INSERT said', async () => {
    const handle = await open();
    const { db } = handle;
    const organisationId = await newOrganisation(db);
    const before = await headSeq(db);
    if (name === 'pglite') expect(before).toBe(0); // a fresh template: the chain starts here

    await db.insert(auditEvent).values(entry(organisationId, { procedure: 'one' }));
    await db
      .insert(auditEvent)
      .values(entry(organisationId, { procedure: 'two', seq: 999, prevHash: 'forged', hash: 'forged' }));
    await db.insert(auditEvent).values(entry(organisationId, { procedure: 'three' }));
    await db.transaction(async (tx) => {
      await tx.insert(auditEvent).values(entry(organisationId, { procedure: 'four' }));
      await tx
        .insert(auditEvent)
        .values([
          entry(organisationId, { procedure: 'five' }),
          entry(organisationId, { procedure: 'six' }),
          entry(organisationId, { procedure: 'seven' }),
        ]);
    });

    const rows = await rowsOfOrganisation(db, organisationId);
    expect(rows.map((r) => [r.seq, r.procedure])).toEqual(
      ['one', 'two', 'three', 'four', 'five', 'six', 'seven'].map((p, i) => [before + i + 1, p]),
    );
    const previousHash =
      before === 0 ? '' : (await db.select().from(auditEvent).where(eq(auditEvent.seq, before)))[0]?.hash;
    expect(rows.map((r) => r.prevHash)).toEqual([previousHash, ...rows.slice(0, -1).map((r) => r.hash)]);
    for (const row of rows) expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(7);
    expect(rows[1]?.hash).not.toBe('forged');
    expect(await headSeq(db)).toBe(before + 7);

    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: before + 7 });
    expect(await verifyAuditChain(db, { pageSize: 2 })).toEqual({ ok: true, rows: before + 7 });
    await handle.close();
  });

  it('hashes the documented canonical form, with the time in UTC whatever the session says', async () => {
    const handle = await open();
    const { db } = handle;
    const organisationId = await newOrganisation(db);
    const row = entry(organisationId, {
      id: uuidv7(),
      actorId: null,
      personId: null,
      accessBasis: null,
      reason: 'Quoted "text", a back\\slash,\na new line and café',
      requestId: '',
      occurredAt: '2025-03-30T00:59:59.123456Z',
    });
    const stored = await db.transaction(async (tx) => {
      await tx.execute(sql`set local time zone 'America/New_York'`);
      return (await tx.insert(auditEvent).values(row).returning())[0];
    });
    if (!stored) throw new Error('no row returned');

    const canonical = [
      'harbour-audit-v1',
      stored.seq,
      stored.prevHash,
      row.id,
      organisationId,
      null,
      'clinician',
      null,
      'view',
      'person.get',
      null,
      row.reason,
      'allowed',
      '',
      '2025-03-30T00:59:59.123456Z',
    ];
    const text = `[${canonical.map((v) => JSON.stringify(v)).join(', ')}]`;
    expect(stored.hash).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect((await verifyAuditChain(db)).ok).toBe(true);
    await handle.close();
  });

  it("hashes an administrator's action in the second canonical form, with the account and the changes", async () => {
    const handle = await open();
    const { db } = handle;
    const organisationId = await newOrganisation(db);
    const row = entry(organisationId, {
      id: uuidv7(),
      personId: null,
      accessBasis: null,
      action: 'account_update',
      procedure: 'accounts.update',
      targetStaffId: uuidv7(),
      changes: { teamIds: { added: ['t1'], removed: [] }, role: { to: 'nurse', from: 'keyworker' } },
      occurredAt: '2026-03-30T09:15:00.000001Z',
    });
    const [stored] = await db.insert(auditEvent).values(row).returning();
    if (!stored) throw new Error('no row returned');
    // jsonb's own text form: keys shorter first, then by bytes; ", " and ": " between.
    const changes =
      '{"role": {"to": "nurse", "from": "keyworker"}, "teamIds": {"added": ["t1"], "removed": []}}';
    const head = [
      'harbour-audit-v2',
      stored.seq,
      stored.prevHash,
      row.id,
      organisationId,
      row.actorId,
      'clinician',
      null,
      'account_update',
      'accounts.update',
      null,
      null,
      'allowed',
      row.requestId,
      '2026-03-30T09:15:00.000001Z',
      row.targetStaffId,
    ];
    const text = `[${head.map((v) => JSON.stringify(v)).join(', ')}, ${changes}]`;
    expect(stored.hash).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect((await verifyAuditChain(db)).ok).toBe(true);
    await handle.close();
  });

  it('refuses UPDATE, DELETE and TRUNCATE, even as the owner, and changes nothing', async () => {
    const handle = await open();
    const { db } = handle;
    const organisationId = await newOrganisation(db);
    await db
      .insert(auditEvent)
      .values([entry(organisationId, { outcome: 'denied' }), entry(organisationId, { outcome: 'allowed' })]);
    const rows = await rowsOfOrganisation(db, organisationId);
    const first = rows[0]?.id ?? '';

    expect(
      await refusal(db.update(auditEvent).set({ outcome: 'allowed' }).where(eq(auditEvent.id, first))),
    ).toEqual({ code: '42501', message: 'audit_event is append-only: UPDATE is not allowed' });
    expect(await refusal(db.delete(auditEvent).where(eq(auditEvent.id, first)))).toEqual({
      code: '42501',
      message: 'audit_event is append-only: DELETE is not allowed',
    });
    // Refused even when no row would change.
    expect(await refusal(db.delete(auditEvent).where(sql`false`))).toEqual({
      code: '42501',
      message: 'audit_event is append-only: DELETE is not allowed',
    });
    expect(await refusal(db.execute(sql`truncate audit_event`))).toEqual({
      code: '42501',
      message: 'audit_event is append-only: TRUNCATE is not allowed',
    });

    expect(await rowsOfOrganisation(db, organisationId)).toEqual(rows);
    expect((await verifyAuditChain(db)).ok).toBe(true);
    await handle.close();
  });

  it('chains rows the application role writes, though it can neither see nor change the chain head', async () => {
    const handle = await open();
    const { db } = handle;
    const organisationId = await newOrganisation(db);
    const before = await headSeq(db);
    const asApplication = async (tx: Transaction) => {
      await tx.execute(sql`set local role ${sql.identifier(APPLICATION_ROLE)}`);
      await tx.execute(sql`select set_config('harbour.organisation_id', ${organisationId}, true)`);
    };

    await db.transaction(async (tx) => {
      await asApplication(tx);
      await tx.insert(auditEvent).values(entry(organisationId, { procedure: 'as the application' }));
    });
    expect((await rowsOfOrganisation(db, organisationId)).map((r) => [r.seq, r.procedure])).toEqual([
      [before + 1, 'as the application'],
    ]);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: before + 1 });

    const attempt = (statement: ReturnType<typeof sql>) =>
      refusal(
        db.transaction(async (tx) => {
          await asApplication(tx);
          await tx.execute(statement);
        }),
      );
    expect(await attempt(sql`select * from harbour_private.audit_chain_head`)).toEqual({
      code: '42501',
      message: 'permission denied for schema harbour_private',
    });
    expect(await attempt(sql`update audit_event set outcome = 'denied'`)).toEqual({
      code: '42501',
      message: 'permission denied for table audit_event',
    });
    expect(await headSeq(db)).toBe(before + 1);
    await handle.close();
  });

  describe('tampering', () => {
    /** Five chained rows of a fresh organisation; the middle one says `denied`. */
    async function fiveRows(db: Database) {
      const organisationId = await newOrganisation(db);
      for (const outcome of ['allowed', 'allowed', 'denied', 'allowed', 'allowed'])
        await db.insert(auditEvent).values(entry(organisationId, { outcome }));
      const rows = await rowsOfOrganisation(db, organisationId);
      const [, , middle, after, last] = rows;
      if (!middle || !after || !last) throw new Error('five rows expected');
      return { middle, after, last };
    }

    it('names the row whose field was changed', async () => {
      const handle = await open();
      const { db } = handle;
      const { middle } = await fiveRows(db);
      const results = await thenRollBack(db, async (tx) => {
        await asOwnerBypassing(tx, sql`update audit_event set outcome = 'allowed' where id = ${middle.id}`);
        return [await verifyAuditChain(tx), await verifyAuditChain(tx, { pageSize: 2 })];
      });
      const expected = {
        ok: false,
        rows: middle.seq,
        firstBroken: { seq: middle.seq, id: middle.id, problem: "hash does not match the row's contents" },
      };
      expect(results).toEqual([expected, expected]);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true }); // rolled back
      await handle.close();
    });

    it('names the row whose account or changes were altered or removed', async () => {
      const handle = await open();
      const { db } = handle;
      const organisationId = await newOrganisation(db);
      await db.insert(auditEvent).values(
        entry(organisationId, {
          action: 'account_disable',
          targetStaffId: uuidv7(),
          changes: { active: { from: true, to: false } },
        }),
      );
      const [row] = await rowsOfOrganisation(db, organisationId);
      if (!row) throw new Error('one row expected');
      for (const tamper of [
        sql`update audit_event set changes = '{"active": {"from": true, "to": true}}' where id = ${row.id}`,
        sql`update audit_event set target_staff_id = ${uuidv7()} where id = ${row.id}`,
        sql`update audit_event set target_staff_id = null, changes = null where id = ${row.id}`,
      ]) {
        const result = await thenRollBack(db, async (tx) => {
          await asOwnerBypassing(tx, tamper);
          return verifyAuditChain(tx);
        });
        expect(result).toMatchObject({
          ok: false,
          firstBroken: { seq: row.seq, id: row.id, problem: "hash does not match the row's contents" },
        });
      }
      await handle.close();
    });

    it('names the next row when a changed row was given a fresh hash', async () => {
      const handle = await open();
      const { db } = handle;
      const { middle, after } = await fiveRows(db);
      const result = await thenRollBack(db, async (tx) => {
        await asOwnerBypassing(tx, sql`update audit_event set outcome = 'allowed' where id = ${middle.id}`);
        await asOwnerBypassing(
          tx,
          sql`update audit_event a set hash = harbour_audit_hash(a) where id = ${middle.id}`,
        );
        return verifyAuditChain(tx);
      });
      expect(result).toEqual({
        ok: false,
        rows: after.seq,
        firstBroken: {
          seq: after.seq,
          id: after.id,
          problem: `previous hash does not match row ${middle.seq}`,
        },
      });
      await handle.close();
    });

    it('names the row after a gap left by a deleted row', async () => {
      const handle = await open();
      const { db } = handle;
      const { middle, after } = await fiveRows(db);
      const result = await thenRollBack(db, async (tx) => {
        await asOwnerBypassing(tx, sql`delete from audit_event where id = ${middle.id}`);
        return verifyAuditChain(tx);
      });
      expect(result).toEqual({
        ok: false,
        rows: middle.seq,
        firstBroken: { seq: after.seq, id: after.id, problem: `row ${middle.seq} is missing` },
      });
      await handle.close();
    });

    it('notices rows deleted from the end, against the chain head', async () => {
      const handle = await open();
      const { db } = handle;
      const { after, last } = await fiveRows(db);
      expect(await headSeq(db)).toBe(last.seq);
      const result = await thenRollBack(db, async (tx) => {
        await asOwnerBypassing(tx, sql`delete from audit_event where id = ${last.id}`);
        return verifyAuditChain(tx);
      });
      expect(result).toEqual({
        ok: false,
        rows: after.seq,
        firstBroken: {
          seq: after.seq,
          id: after.id,
          problem: `row ${last.seq} is missing: the chain head records ${last.seq} rows`,
        },
      });
      await handle.close();
    });
  });
});

describe.each(testDatabases().filter((d) => d.name === 'postgres'))(
  'concurrent audit writers ($name)',
  () => {
    it('keep the chain whole: 20 transactions inserting at once through one pool', async () => {
      const handle = await openDatabase({ kind: 'postgres', url: inject('postgresUrl') ?? '', poolMax: 20 });
      const { db } = handle;
      const organisationId = await newOrganisation(db);
      const before = await headSeq(db);

      // Every transaction is open before any inserts, so the inserts really contend for the chain's head.
      let arrived = 0;
      let allArrived: () => void = () => undefined;
      const barrier = new Promise<void>((resolve) => (allArrived = resolve));
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          db.transaction(async (tx) => {
            await tx.execute(sql`select 1`);
            if (++arrived === 20) allArrived();
            await barrier;
            await tx.insert(auditEvent).values(entry(organisationId, { procedure: `writer ${i}` }));
            await tx.execute(sql`select pg_sleep(0.005)`); // hold the head's lock a little, as real work would
          }),
        ),
      );

      const rows = await rowsOfOrganisation(db, organisationId);
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => before + i + 1));
      expect(new Set(rows.map((r) => r.procedure)).size).toBe(20);
      expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: before + 20 });
      await handle.close();
    });

    it('refuses, as a serialisation failure, a REPEATABLE READ writer that another writer overtook', async () => {
      const handle = await openDatabase({ kind: 'postgres', url: inject('postgresUrl') ?? '', poolMax: 2 });
      const { db } = handle;
      const organisationId = await newOrganisation(db);
      const before = await headSeq(db);
      const attempt = db.transaction(
        async (tx) => {
          await tx.execute(sql`select 1`); // the snapshot is taken here
          await db.insert(auditEvent).values(entry(organisationId, { procedure: 'overtaking' }));
          await tx.insert(auditEvent).values(entry(organisationId, { procedure: 'overtaken' }));
        },
        { isolationLevel: 'repeatable read' },
      );
      expect((await refusal(attempt)).code).toBe('40001');
      expect((await rowsOfOrganisation(db, organisationId)).map((r) => [r.seq, r.procedure])).toEqual([
        [before + 1, 'overtaking'],
      ]);
      expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: before + 1 });
      await handle.close();
    });
  },
);
