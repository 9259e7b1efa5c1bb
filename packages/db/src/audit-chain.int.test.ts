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

/** A chain's last place, as the insert trigger keeps it in the chain's head. */
async function headSeq(db: Executor, chain: number | null): Promise<number> {
  const rows = rowsOf<{ last_seq: string }>(
    await db.execute(
      sql`select last_seq::text as last_seq from harbour_private.audit_chain_head where chain is not distinct from ${chain}`,
    ),
  );
  return Number(rows[0]?.last_seq);
}

/** Every audit row, in every organisation and chain. */
async function allRows(db: Executor): Promise<number> {
  return Number(
    rowsOf<{ n: string }>(await db.execute(sql`select count(*)::text as n from audit_event`))[0]?.n,
  );
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

describe.each(testDatabases())('the audit chain ($name)', ({ open }) => {
  it('numbers and chains every row in write order, whatever the INSERT said', async () => {
    const handle = await open();
    const { db } = handle;
    const organisationId = await newOrganisation(db);
    const before = await allRows(db);

    await db.insert(auditEvent).values(entry(organisationId, { procedure: 'one' }));
    await db.insert(auditEvent).values(
      entry(organisationId, {
        procedure: 'two',
        seq: 999,
        chain: 15,
        chainSeq: 999,
        prevHash: 'forged',
        hash: 'forged',
      }),
    );
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
    // seq: increasing in the order written, across chains.
    expect(rows.map((r) => r.procedure)).toEqual(['one', 'two', 'three', 'four', 'five', 'six', 'seven']);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.seq).toBeGreaterThan(rows[i - 1]?.seq ?? 0);
    expect(rows[1]?.seq).not.toBe(999);
    // One transaction's rows take consecutive places in one chain, each linked to the one before.
    const [four, five, six, seven] = rows.slice(3);
    for (const row of [five, six, seven]) expect(row?.chain).toBe(four?.chain);
    expect([four, five, six, seven].map((r) => r?.chainSeq)).toEqual(
      [0, 1, 2, 3].map((i) => (four?.chainSeq ?? 0) + i),
    );
    expect([five, six, seven].map((r) => r?.prevHash)).toEqual([four, five, six].map((r) => r?.hash));
    for (const row of rows) {
      expect(row.chain).toBeGreaterThanOrEqual(0);
      expect(row.chain).toBeLessThanOrEqual(15);
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(new Set(rows.map((r) => r.hash)).size).toBe(7);
    expect(rows[1]?.hash).not.toBe('forged');
    expect(rows[1]?.prevHash).not.toBe('forged');
    // Each row is its chain's newest, or was until a later row of this test joined the same chain.
    for (const row of rows) {
      const later = rows.filter((r) => r.chain === row.chain && r.seq > row.seq).length;
      if (later === 0) expect(await headSeq(db, row.chain)).toBe(row.chainSeq);
    }

    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: before + 7 });
    expect(await verifyAuditChain(db, { pageSize: 2 })).toEqual({ ok: true, rows: before + 7 });
    await handle.close();
  });

  it('hashes the documented canonical form (the third, naming the chain), with the time in UTC whatever the session says', async () => {
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
      'harbour-audit-v3',
      stored.chain,
      stored.chainSeq,
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
      null,
      null,
    ];
    const text = `[${canonical.map((v) => JSON.stringify(v)).join(', ')}]`;
    expect(stored.hash).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect((await verifyAuditChain(db)).ok).toBe(true);
    await handle.close();
  });

  it("hashes an administrator's action in the third canonical form too, with the account and the changes", async () => {
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
      'harbour-audit-v3',
      stored.chain,
      stored.chainSeq,
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
    const before = await allRows(db);
    const asApplication = async (tx: Transaction) => {
      await tx.execute(sql`set local role ${sql.identifier(APPLICATION_ROLE)}`);
      await tx.execute(sql`select set_config('harbour.organisation_id', ${organisationId}, true)`);
    };

    await db.transaction(async (tx) => {
      await asApplication(tx);
      await tx.insert(auditEvent).values(entry(organisationId, { procedure: 'as the application' }));
    });
    const [written, ...others] = await rowsOfOrganisation(db, organisationId);
    expect(others).toEqual([]);
    expect(written?.procedure).toBe('as the application');
    expect(await headSeq(db, written?.chain ?? null)).toBe(written?.chainSeq);
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
    expect(await headSeq(db, written?.chain ?? null)).toBe(written?.chainSeq);
    expect(await allRows(db)).toBe(before + 1);
    await handle.close();
  });

  describe('tampering', () => {
    /** Five rows of a fresh organisation, in one transaction so in one chain; the middle one says `denied`. */
    async function fiveRows(db: Database) {
      const organisationId = await newOrganisation(db);
      await db.transaction(async (tx) => {
        for (const outcome of ['allowed', 'allowed', 'denied', 'allowed', 'allowed'])
          await tx.insert(auditEvent).values(entry(organisationId, { outcome }));
      });
      const rows = await rowsOfOrganisation(db, organisationId);
      const [, , middle, after, last] = rows;
      if (!middle || !after || !last) throw new Error('five rows expected');
      return { middle, after, last, chain: `chain ${middle.chain}` };
    }

    it('names the row whose field was changed', async () => {
      const handle = await open();
      const { db } = handle;
      const { middle, chain } = await fiveRows(db);
      const results = await thenRollBack(db, async (tx) => {
        await asOwnerBypassing(tx, sql`update audit_event set outcome = 'allowed' where id = ${middle.id}`);
        return [await verifyAuditChain(tx), await verifyAuditChain(tx, { pageSize: 2 })];
      });
      const expected = {
        ok: false,
        firstBroken: {
          seq: middle.seq,
          id: middle.id,
          problem: `${chain}: hash does not match the row's contents`,
        },
      };
      expect(results[0]).toMatchObject(expected);
      expect(results[1]).toEqual(results[0]);
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
          firstBroken: {
            seq: row.seq,
            id: row.id,
            problem: `chain ${row.chain}: hash does not match the row's contents`,
          },
        });
      }
      await handle.close();
    });

    it('names the next row when a changed row was given a fresh hash', async () => {
      const handle = await open();
      const { db } = handle;
      const { middle, after, chain } = await fiveRows(db);
      const result = await thenRollBack(db, async (tx) => {
        await asOwnerBypassing(tx, sql`update audit_event set outcome = 'allowed' where id = ${middle.id}`);
        await asOwnerBypassing(
          tx,
          sql`update audit_event a set hash = harbour_audit_hash(a) where id = ${middle.id}`,
        );
        return verifyAuditChain(tx);
      });
      expect(result).toMatchObject({
        ok: false,
        firstBroken: {
          seq: after.seq,
          id: after.id,
          problem: `${chain}: previous hash does not match row ${middle.chainSeq}`,
        },
      });
      await handle.close();
    });

    it('names the row after a gap left by a deleted row', async () => {
      const handle = await open();
      const { db } = handle;
      const { middle, after, chain } = await fiveRows(db);
      const result = await thenRollBack(db, async (tx) => {
        await asOwnerBypassing(tx, sql`delete from audit_event where id = ${middle.id}`);
        return verifyAuditChain(tx);
      });
      expect(result).toMatchObject({
        ok: false,
        firstBroken: { seq: after.seq, id: after.id, problem: `${chain}: row ${middle.chainSeq} is missing` },
      });
      await handle.close();
    });

    it('notices rows deleted from the end, against the chain head', async () => {
      const handle = await open();
      const { db } = handle;
      const { after, last, chain } = await fiveRows(db);
      expect(await headSeq(db, last.chain)).toBe(last.chainSeq);
      const result = await thenRollBack(db, async (tx) => {
        await asOwnerBypassing(tx, sql`delete from audit_event where id = ${last.id}`);
        return verifyAuditChain(tx);
      });
      expect(result).toMatchObject({
        ok: false,
        firstBroken: {
          seq: after.seq,
          id: after.id,
          problem: `${chain}: row ${last.chainSeq} is missing: the chain head records ${last.chainSeq} rows`,
        },
      });
    });

    it('names a row moved to another chain, and a row claiming a chain that does not exist', async () => {
      const handle = await open();
      const { db } = handle;
      const { middle, chain } = await fiveRows(db);
      const other = ((middle.chain ?? 0) + 1) % 16;
      const moved = await thenRollBack(db, async (tx) => {
        await asOwnerBypassing(
          tx,
          sql`update audit_event set chain = ${other}, chain_seq = 1000000000 where id = ${middle.id}`,
        );
        return verifyAuditChain(tx);
      });
      // Its own chain misses it first, unless the other chain is walked before (a lower number).
      expect(moved).toMatchObject({ ok: false });
      expect(
        [`${chain}: row ${middle.chainSeq} is missing`, `chain ${other}:`].some((p) =>
          (moved as { firstBroken: { problem: string } }).firstBroken.problem.startsWith(p),
        ),
      ).toBe(true);
      // The table's checks (0019) refuse both; an owner who drops them first is still caught.
      const stray = await thenRollBack(db, async (tx) => {
        await tx.execute(sql`alter table audit_event drop constraint audit_event_chain_range`);
        await tx.execute(sql`alter table audit_event disable trigger zz_audit_event_chain`);
        await tx
          .insert(auditEvent)
          .values(entry(middle.organisationId, { chain: 40, chainSeq: 1, seq: 2_000_000_000, hash: 'x' }));
        return verifyAuditChain(tx);
      });
      expect(stray).toMatchObject({
        ok: false,
        firstBroken: { seq: 2_000_000_000, problem: 'chain 40 does not exist' },
      });
      const placeless = await thenRollBack(db, async (tx) => {
        await tx.execute(sql`alter table audit_event drop constraint audit_event_chain_place`);
        await tx.execute(sql`alter table audit_event disable trigger zz_audit_event_chain`);
        await tx
          .insert(auditEvent)
          .values(entry(middle.organisationId, { chain: 3, chainSeq: null, seq: 2_000_000_001, hash: 'x' }));
        return verifyAuditChain(tx);
      });
      expect(placeless).toMatchObject({
        ok: false,
        firstBroken: { seq: 2_000_000_001, problem: 'chain 3: the row has no place in the chain' },
      });
      await handle.close();
    });

    it('names a chain whose head was deleted, with its rows or without', async () => {
      const handle = await open();
      const { db } = handle;
      const { last } = await fiveRows(db);
      for (const tamper of [
        sql`delete from harbour_private.audit_chain_head where chain = ${last.chain}`,
        sql`delete from harbour_private.audit_chain_head where chain is null`,
      ]) {
        const result = await thenRollBack(db, async (tx) => {
          await tx.execute(tamper);
          return verifyAuditChain(tx);
        });
        expect(result).toMatchObject({ ok: false, firstBroken: { seq: 0, id: '' } });
        expect((result as { firstBroken: { problem: string } }).firstBroken.problem).toMatch(
          /^(chain \d+: its head is missing|the first chain's head is missing)$/,
        );
      }
      const emptied = await thenRollBack(db, async (tx) => {
        await asOwnerBypassing(tx, sql`delete from audit_event where chain = ${last.chain}`);
        await tx.execute(sql`delete from harbour_private.audit_chain_head where chain = ${last.chain}`);
        return verifyAuditChain(tx);
      });
      expect(emptied).toMatchObject({
        ok: false,
        firstBroken: { problem: `chain ${last.chain}: its head is missing` },
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
      const before = await allRows(db);

      // Every transaction is open before any inserts, so the inserts really contend for the chains' heads.
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
      expect(new Set(rows.map((r) => r.procedure)).size).toBe(20);
      expect(new Set(rows.map((r) => r.seq)).size).toBe(20);
      // Twenty writers at once spread over the chains rather than queueing on one.
      expect(new Set(rows.map((r) => r.chain)).size).toBeGreaterThan(1);
      expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: before + 20 });
      await handle.close();
    });

    it('refuses, as a serialisation failure, a REPEATABLE READ writer whose chain moved on after its snapshot', async () => {
      const handle = await openDatabase({ kind: 'postgres', url: inject('postgresUrl') ?? '', poolMax: 2 });
      const { db } = handle;
      const organisationId = await newOrganisation(db);
      const before = await allRows(db);
      const attempt = db.transaction(
        async (tx) => {
          // The snapshot is taken here; this connection's writer starts from its own chain.
          const [own] = rowsOf<{ chain: number }>(
            await tx.execute(sql`select (16 - pg_backend_pid() % 16) % 16 as chain`),
          );
          // Meanwhile another connection writes a row, and that chain's head is rewritten (committed), as a
          // writer on it would: the head this writer would take is no longer the one its snapshot saw.
          await db.insert(auditEvent).values(entry(organisationId, { procedure: 'overtaking' }));
          await db.execute(
            sql`update harbour_private.audit_chain_head set last_seq = last_seq where chain = ${own?.chain ?? -1}`,
          );
          await tx.insert(auditEvent).values(entry(organisationId, { procedure: 'overtaken' }));
        },
        { isolationLevel: 'repeatable read' },
      );
      expect((await refusal(attempt)).code).toBe('40001');
      expect((await rowsOfOrganisation(db, organisationId)).map((r) => r.procedure)).toEqual(['overtaking']);
      expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: before + 1 });
      await handle.close();
    });
  },
);
