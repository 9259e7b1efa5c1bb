import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPLICATION_ROLE,
  describeRowSecurity,
  rowsOf,
  type Database,
  type DatabaseHandle,
  type Executor,
  type RowSecurity,
} from './client.ts';
import { codedCause } from './errors.ts';
import { locateSession, locateStaffByEmail } from './locate.ts';
import { overdoseProtocolVersion } from './schema/protocol.ts';
import { auditEvent } from './schema/audit.ts';
import { contactRequest, selfAssessment } from './schema/self-assessment.ts';
import { healthEntry, healthEntryVersion, reminderOutbox } from './schema/booking.ts';
import { lockSlot, takePlace } from './booking/store.ts';
import { seedClinicSession } from './testing/booking.ts';
import {
  activationCode,
  authSession,
  breakGlassGrant,
  caldicottAlert,
  recoveryCode,
  refusalThrottle,
  serviceUserAccount,
  staffCredential,
} from './schema/identity.ts';
import { dispensing, ostAlert, ostPlan } from './schema/ost.ts';
import { person } from './schema/person.ts';
import { createTestOrganisation } from './testing/factories.ts';
import { APPLICATION_LOGIN_ROLE, openTestApplicationPostgres, testDatabases } from './testing/databases.ts';
import { withTenant } from './tenant.ts';

/**
 * Row-level security as a second wall (security.md promise 2), checked on the embedded database and, when
 * TEST_DATABASE_URL is set (always under CI), on real PostgreSQL as the application's login role: the catalogue,
 * the policies as the application sees them, and pooled transactions of two organisations interleaved.
 */

interface CatalogueTable {
  name: string;
  enabled: boolean;
  forced: boolean;
  /** `organisation_id`, or `id` for organisation itself; null for a table that is not a tenant table. */
  key: 'organisation_id' | 'id' | null;
}

async function catalogue(db: Executor): Promise<CatalogueTable[]> {
  const rows = rowsOf<{ name: string; enabled: boolean; forced: boolean; has_organisation_id: boolean }>(
    await db.execute(sql`
      select c.relname as name, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
        exists (select 1 from pg_catalog.pg_attribute a
                where a.attrelid = c.oid and a.attname = 'organisation_id' and a.attnum > 0
                  and not a.attisdropped) as has_organisation_id
      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')
      order by c.relname`),
  );
  return rows.map((r) => ({
    name: r.name,
    enabled: r.enabled,
    forced: r.forced,
    key: r.has_organisation_id ? 'organisation_id' : r.name === 'organisation' ? 'id' : null,
  }));
}

type TenantTable = CatalogueTable & { key: 'organisation_id' | 'id' };
const isTenantTable = (t: CatalogueTable): t is TenantTable => t.key !== null;

/** Rows of a table, and how many of them belong to an organisation other than `organisationId`. */
async function countRows(
  db: Executor,
  table: TenantTable,
  organisationId: string,
  where: 'all' | 'forged' = 'all',
): Promise<{ n: number; other: number }> {
  const key = sql.identifier(table.key);
  const filter = where === 'forged' ? sql`where ${key} <> ${organisationId}` : sql``;
  const [row] = rowsOf<{ n: number; other: number }>(
    await db.execute(
      sql`select count(*)::int as n, (count(*) filter (where ${key} <> ${organisationId}))::int as other from ${sql.identifier(table.name)} ${filter}`,
    ),
  );
  return row ?? { n: -1, other: -1 };
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string | undefined; message: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected the statement to be refused').not.toBeNull();
  const found = codedCause(error, (c) => /^[0-9A-Z]{5}$/.test(c));
  return { code: found?.code, message: found?.error.message ?? String(error) };
}

interface Seeded {
  organisationId: string;
  staffId: string;
  staffEmail: string;
  personId: string;
  tokenHash: string;
}

/**
 * One row for the organisation in every identity table and in the audit trail, besides what the demo generator
 * writes, so that every tenant table has rows of both organisations to keep apart.
 */
async function seedTenant(db: Database): Promise<Seeded> {
  const org = await createTestOrganisation(db, { people: 8 });
  const organisationId = org.structure.organisation.id;
  const member = org.structure.staff[0];
  if (!member) throw new Error('no staff');
  const [first] = await db
    .select({ id: person.id })
    .from(person)
    .where(eq(person.organisationId, organisationId))
    .limit(1);
  if (!first) throw new Error('no person');
  const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
  const unique = () => `rls-test-${randomUUID()}`;
  const tokenHash = unique();
  await db.insert(staffCredential).values({ staffId: member.id, organisationId, passphraseHash: 'x' });
  await db.insert(refusalThrottle).values({ staffId: member.id, organisationId, refusals: 1 });
  await db.insert(authSession).values({
    organisationId,
    tokenHash,
    subjectKind: 'staff',
    subjectId: member.id,
    stage: 'active',
    expiresAt,
  });
  await db
    .insert(recoveryCode)
    .values({ organisationId, subjectKind: 'staff', subjectId: member.id, codeHash: unique() });
  await db
    .insert(serviceUserAccount)
    .values({ personId: first.id, organisationId, username: unique(), passphraseHash: 'x' });
  await db.insert(activationCode).values({
    organisationId,
    personId: first.id,
    codeHash: unique(),
    issuedBy: member.id,
    expiresAt,
  });
  const [grant] = await db
    .insert(breakGlassGrant)
    .values({
      organisationId,
      staffId: member.id,
      personId: first.id,
      reasonCode: 'safeguarding',
      reasonText: 'row-level security test',
      expiresAt,
    })
    .returning({ id: breakGlassGrant.id });
  if (!grant) throw new Error('no grant');
  await db.insert(caldicottAlert).values({ organisationId, grantId: grant.id, subjectStaffId: member.id });
  // The demo gives every organisation plans; an alert from the pharmacy loop on one of them.
  const [plan] = await db
    .select({
      id: ostPlan.id,
      personId: ostPlan.personId,
      version: ostPlan.version,
      pharmacyId: ostPlan.pharmacyId,
    })
    .from(ostPlan)
    .where(eq(ostPlan.organisationId, organisationId))
    .limit(1);
  if (!plan) throw new Error('no OST plan');
  await db.insert(ostAlert).values({
    organisationId,
    personId: plan.personId,
    planId: plan.id,
    kind: 'alert',
    recipient: 'prescriber',
    on: '2026-03-02',
    reason: 'row-level security test',
    ruleId: 'OST-DISP-MISSED-ALERT',
  });
  // The demo records a pharmacy day only for some plans (which a small random organisation may not have): one
  // here, so that the table is always seeded in both organisations.
  await db
    .insert(dispensing)
    .values({
      organisationId,
      personId: plan.personId,
      planId: plan.id,
      planVersion: plan.version,
      pharmacyId: plan.pharmacyId,
      day: '2026-03-02',
      outcome: 'missed',
    })
    .onConflictDoNothing();
  await db
    .insert(selfAssessment)
    .values({ organisationId, personId: first.id, instrumentId: 'gad7', instrumentVersion: '2026.1' });
  await db.insert(contactRequest).values({
    organisationId,
    name: 'Alias',
    phone: '07700900123',
    consentText: 'row-level security test',
    urgent: false,
  });
  // A clinic with a booked slot, its reminder, and a health entry with its first version (booking.ts).
  const { slotIds } = await seedClinicSession(db, organisationId, member.id, {
    startsAt: new Date(Date.now() + 3 * 86_400_000),
  });
  const booked = await db.transaction(async (tx) => {
    const slot = await lockSlot(tx, organisationId, slotIds[0] ?? '');
    if (!slot) throw new Error('no slot');
    return takePlace(
      tx,
      slot,
      { organisationId, personId: first.id, need: 'hiv_test', by: { kind: 'person' } },
      new Date(),
    );
  });
  if (!booked) throw new Error('no booking');
  await db.insert(reminderOutbox).values({
    organisationId,
    bookingId: booked.id,
    bookingVersion: booked.version,
    personId: first.id,
    sendAt: new Date().toISOString(),
  });
  const [entry] = await db
    .insert(healthEntry)
    .values({
      organisationId,
      personId: first.id,
      need: 'dental_check',
      kind: 'done',
      on: '2026-03-02',
      recordedBy: member.id,
    })
    .returning();
  if (!entry) throw new Error('no health entry');
  await db.insert(healthEntryVersion).values({ ...entry, entryId: entry.id, reason: 'recorded' });
  // The service's own overdose-risk protocol, version 1 (protocol.ts).
  await db.insert(overdoseProtocolVersion).values({
    organisationId,
    version: 1,
    effectiveFrom: '2026-03-02',
    checklists: [{ situation: 'ost_exit', items: [{ id: 'gp', text: 'GP informed' }] }],
    changeNote: 'row-level security test',
    publishedBy: member.id,
  });
  for (const action of ['read', 'update'])
    await db.insert(auditEvent).values({
      organisationId,
      actorId: member.id,
      actorRole: member.role,
      personId: first.id,
      action,
      procedure: 'test.rowLevelSecurity',
      outcome: 'allowed',
    });
  return { organisationId, staffId: member.id, staffEmail: member.email, personId: first.id, tokenHash };
}

const tenant = (s: Seeded) => ({ organisationId: s.organisationId, actorId: s.staffId });

describe.each(testDatabases())('row-level security ($name)', ({ name, open }) => {
  let owner: DatabaseHandle;
  /** The application's connection: PGlite's own after SET ROLE; on PostgreSQL, a pool as the login role. */
  let app: DatabaseHandle;
  let a: Seeded;
  let b: Seeded;
  let tables: CatalogueTable[];
  let tenantTables: TenantTable[];
  /** Each tenant table's row count per organisation, as the owner sees it. */
  const expected = new Map<string, { a: number; b: number }>();
  let ownerSecurity: RowSecurity;
  let appSecurity: RowSecurity;

  beforeAll(async () => {
    owner = await open();
    a = await seedTenant(owner.db);
    b = await seedTenant(owner.db);
    tables = await catalogue(owner.db);
    tenantTables = tables.filter(isTenantTable);
    for (const table of tenantTables) {
      const count = async (id: string) =>
        rowsOf<{ n: number }>(
          await owner.db.execute(
            sql`select count(*)::int as n from ${sql.identifier(table.name)} where ${sql.identifier(table.key)} = ${id}`,
          ),
        )[0]?.n ?? -1;
      const counts = { a: await count(a.organisationId), b: await count(b.organisationId) };
      // Both organisations have rows in every tenant table, so keeping them apart is tested everywhere.
      expect({ table: table.name, a: counts.a > 0, b: counts.b > 0 }).toEqual({
        table: table.name,
        a: true,
        b: true,
      });
      expected.set(table.name, counts);
    }
    ownerSecurity = await describeRowSecurity(owner.db);
    if (name === 'pglite') {
      // One connection: the owner's work is done, and from here on it acts as the application.
      app = owner;
    } else {
      const pool = openTestApplicationPostgres(3);
      if (!pool) throw new Error('no application URL for the PostgreSQL test database');
      app = await pool;
    }
    appSecurity = await app.assumeApplicationRole();
  });

  const tableNamed = (table: string): TenantTable => {
    const found = tenantTables.find((t) => t.name === table);
    if (!found) throw new Error(`${table} is not a tenant table`);
    return found;
  };

  afterAll(async () => {
    if (app !== owner) await app?.close();
    await owner?.close();
  });

  describe('the catalogue', () => {
    it('has row-level security enabled and forced on every tenant table, with one tenant policy for harbour_app', async () => {
      expect(tenantTables.map((t) => t.name)).toEqual(
        expect.arrayContaining(['organisation', 'person', 'staff', 'treatment_episode', 'audit_event']),
      );
      for (const table of tenantTables) {
        expect({ table: table.name, enabled: table.enabled, forced: table.forced }).toEqual({
          table: table.name,
          enabled: true,
          forced: true,
        });
      }
      const all = rowsOf<{
        table: string;
        policy: string;
        roles: string;
        cmd: string;
        qual: string;
        check: string;
        permissive: string;
      }>(
        await app.db.execute(sql`
          select tablename as table, policyname as policy, roles::text as roles, cmd, qual, with_check as check,
            permissive
          from pg_catalog.pg_policies where schemaname = 'public' order by tablename, policyname`),
      );
      // Besides the tenant, one restrictive policy narrows what a pharmacist sees (migration 0009, issue 10).
      const scoped = all.filter((p) => p.policy === 'harbour_pharmacist_scope');
      expect(scoped.map((p) => p.table)).toEqual([
        'dispensing',
        'ost_alert',
        'ost_plan',
        'ost_plan_version',
        'person',
        'person_state',
        'treatment_episode',
      ]);
      for (const policy of scoped) {
        expect(policy.permissive).toBe('RESTRICTIVE');
        expect(policy.roles).toBe(`{${APPLICATION_ROLE}}`);
        expect(policy.qual).toContain('harbour_actor_is_pharmacist()');
        expect(policy.check).toContain('harbour_pharmacist_people()');
      }
      const policies = all
        .filter((p) => p.policy !== 'harbour_pharmacist_scope')
        .map(({ permissive, ...p }) => (permissive === 'PERMISSIVE' ? p : { ...p, permissive }));
      expect(policies.map((p) => p.table)).toEqual(tenantTables.map((t) => t.name));
      for (const policy of policies) {
        const key = tenantTables.find((t) => t.name === policy.table)?.key ?? '';
        // The setting is read once per statement (an init plan), not once per row: see migration 0003.
        const condition = `(${key} = ( SELECT (NULLIF(current_setting('harbour.organisation_id'::text, true), ''::text))::uuid AS "nullif"))`;
        expect(policy).toEqual({
          table: policy.table,
          policy: 'harbour_tenant_isolation',
          roles: `{${APPLICATION_ROLE}}`,
          cmd: 'ALL',
          qual: condition,
          check: condition,
        });
      }
    });

    it("leaves only sign_in_throttle without row-level security, and keeps drizzle's journal out of public", async () => {
      expect(tables.filter((t) => !t.enabled).map((t) => t.name)).toEqual(['sign_in_throttle']);
      const journal = rowsOf<{ schema: string }>(
        await app.db.execute(sql`
          select n.nspname as schema from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
          where c.relname = '__drizzle_migrations'`),
      );
      expect(journal).toEqual([{ schema: 'drizzle' }]);
    });

    it('gives harbour_app no table, no superuser or BYPASSRLS, and only SELECT and INSERT on audit_event', async () => {
      const [role] = rowsOf<{ super: boolean; bypass: boolean; login: boolean; owned: number }>(
        await app.db.execute(sql`
          select r.rolsuper as super, r.rolbypassrls as bypass, r.rolcanlogin as login,
            (select count(*)::int from pg_catalog.pg_class c where c.relowner = r.oid) as owned
          from pg_catalog.pg_roles r where r.rolname = ${APPLICATION_ROLE}`),
      );
      expect(role).toEqual({ super: false, bypass: false, login: false, owned: 0 });
      const privileges = rowsOf<Record<string, boolean>>(
        await app.db.execute(sql`
          select ${sql.raw(
            ['select', 'insert', 'update', 'delete', 'truncate']
              .map((p) => `has_table_privilege('${APPLICATION_ROLE}', 'public.audit_event', '${p}') as ${p}`)
              .join(', '),
          )}`),
      );
      expect(privileges).toEqual([
        { select: true, insert: true, update: false, delete: false, truncate: false },
      ]);
      // TRUNCATE ignores row-level security: harbour_app has it on no table.
      const truncatable = rowsOf<{ name: string }>(
        await app.db.execute(sql`
          select c.relname as name from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p')
            and has_table_privilege(${APPLICATION_ROLE}, c.oid, 'TRUNCATE')`),
      );
      expect(truncatable).toEqual([]);
      // Nothing in harbour_private (the audit chain's head, migration 0002).
      const [hidden] = rowsOf<{ usage: boolean; tables: number }>(
        await app.db.execute(sql`
          select coalesce(has_schema_privilege(${APPLICATION_ROLE}, 'harbour_private', 'USAGE'), false) as usage,
            (select count(*)::int from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
             where n.nspname = 'harbour_private' and c.relkind = 'r'
               and has_table_privilege(${APPLICATION_ROLE}, c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE')) as tables`),
      );
      expect(hidden).toEqual({ usage: false, tables: 0 });
    });

    it('connects the application as a role held by row-level security, and says the owner is not', async () => {
      expect(ownerSecurity.bypasses).toBe(true);
      expect(appSecurity).toEqual({
        role: name === 'pglite' ? APPLICATION_ROLE : APPLICATION_LOGIN_ROLE,
        bypasses: false,
        reasons: [],
      });
      // PGlite acts as harbour_app itself; PostgreSQL logs in as a plain member of it.
      const [current] = rowsOf<{ super: boolean; bypass: boolean; member: boolean; owned: number }>(
        await app.db.execute(sql`
          select r.rolsuper as super, r.rolbypassrls as bypass,
            pg_catalog.pg_has_role(r.oid, ${APPLICATION_ROLE}, 'USAGE') as member,
            (select count(*)::int from pg_catalog.pg_class c where c.relowner = r.oid) as owned
          from pg_catalog.pg_roles r where r.rolname = current_user`),
      );
      expect(current).toEqual({ super: false, bypass: false, member: true, owned: 0 });
    });
  });

  describe('as the application', () => {
    it("sees only its own organisation's rows, in every tenant table", async () => {
      for (const [seeded, which] of [
        [a, 'a'],
        [b, 'b'],
      ] as const) {
        await withTenant(app.db, tenant(seeded), async (tx) => {
          for (const table of tenantTables) {
            const seen = await countRows(tx, table, seeded.organisationId);
            expect({ table: table.name, ...seen }).toEqual({
              table: table.name,
              n: expected.get(table.name)?.[which],
              other: 0,
            });
          }
        });
      }
    });

    it('finds nothing of another organisation, even asked for it by its organisation id', async () => {
      await withTenant(app.db, tenant(a), async (tx) => {
        for (const table of tenantTables) {
          const [row] = rowsOf<{ n: number }>(
            await tx.execute(
              sql`select count(*)::int as n from ${sql.identifier(table.name)} where ${sql.identifier(table.key)} = ${b.organisationId}`,
            ),
          );
          expect({ table: table.name, n: row?.n }).toEqual({ table: table.name, n: 0 });
          expect((await countRows(tx, table, a.organisationId, 'forged')).n).toBe(0);
        }
        expect(await tx.select().from(person).where(eq(person.id, b.personId))).toEqual([]);
        expect(
          await tx
            .select()
            .from(auditEvent)
            .where(and(eq(auditEvent.organisationId, b.organisationId), eq(auditEvent.personId, b.personId))),
        ).toEqual([]);
      });
    });

    it('sees nothing at all without a tenant', async () => {
      for (const table of tenantTables) {
        expect({ table: table.name, n: (await countRows(app.db, table, a.organisationId)).n }).toEqual({
          table: table.name,
          n: 0,
        });
      }
      // Nor inside a transaction that set none.
      await app.db.transaction(async (tx) => {
        expect(await tx.select({ id: person.id }).from(person)).toEqual([]);
      });
    });

    it('refuses to write a row for another organisation, and writes nothing', async () => {
      const id = randomUUID();
      const insert = await refusal(
        withTenant(app.db, tenant(a), (tx) =>
          tx.insert(person).values({
            id,
            organisationId: b.organisationId,
            reference: `RLS-${id.slice(0, 8)}`,
            givenName: 'Forged',
            familyName: 'Row',
            dateOfBirth: '1990-01-01',
            sex: 'not_stated',
          }),
        ),
      );
      expect(insert).toEqual({
        code: '42501',
        message: expect.stringMatching(/row-level security/) as never,
      });
      const moved = await refusal(
        withTenant(app.db, tenant(a), (tx) =>
          tx.update(person).set({ organisationId: b.organisationId }).where(eq(person.id, a.personId)),
        ),
      );
      expect(moved.code).toBe('42501');
      // Another organisation's rows are out of reach of UPDATE and DELETE: they match nothing.
      await withTenant(app.db, tenant(a), async (tx) => {
        expect(
          await tx
            .update(person)
            .set({ givenName: 'Changed' })
            .where(eq(person.id, b.personId))
            .returning({ id: person.id }),
        ).toEqual([]);
        expect(
          await tx
            .delete(caldicottAlert)
            .where(eq(caldicottAlert.organisationId, b.organisationId))
            .returning(),
        ).toEqual([]);
      });
      await withTenant(app.db, tenant(b), async (tx) => {
        expect(await tx.select({ id: person.id }).from(person).where(eq(person.id, id))).toEqual([]);
        const [own] = await tx
          .select({ givenName: person.givenName })
          .from(person)
          .where(eq(person.id, b.personId));
        expect(own?.givenName).not.toBe('Changed');
        expect((await countRows(tx, tableNamed('caldicott_alert'), b.organisationId)).n).toBe(
          expected.get('caldicott_alert')?.b,
        );
      });
    });

    it('may add to the audit trail of its own organisation only, and never change or remove from it', async () => {
      const row = (organisationId: string) => ({
        organisationId,
        actorId: a.staffId,
        action: 'read',
        procedure: 'test.rowLevelSecurity',
        outcome: 'allowed',
      });
      await withTenant(app.db, tenant(a), async (tx) => {
        await tx.insert(auditEvent).values(row(a.organisationId));
      });
      expect(
        (
          await refusal(
            withTenant(app.db, tenant(a), (tx) => tx.insert(auditEvent).values(row(b.organisationId))),
          )
        ).code,
      ).toBe('42501');
      for (const change of [
        (tx: Executor) =>
          tx
            .update(auditEvent)
            .set({ outcome: 'denied' })
            .where(eq(auditEvent.organisationId, a.organisationId)),
        (tx: Executor) => tx.delete(auditEvent).where(eq(auditEvent.organisationId, a.organisationId)),
        (tx: Executor) => tx.execute(sql`truncate audit_event`),
      ]) {
        const refused = await refusal(withTenant(app.db, tenant(a), change));
        expect(refused).toEqual({
          code: '42501',
          message: expect.stringMatching(/permission denied/) as never,
        });
      }
      await withTenant(app.db, tenant(a), async (tx) => {
        const seen = await countRows(tx, tableNamed('audit_event'), a.organisationId);
        expect(seen).toEqual({ n: (expected.get('audit_event')?.a ?? 0) + 1, other: 0 });
      });
    });

    it('can still locate a member of staff or a session in any organisation before it knows the tenant', async () => {
      expect(await locateStaffByEmail(app.db, b.staffEmail)).toEqual({
        id: b.staffId,
        organisationId: b.organisationId,
      });
      const session = await locateSession(app.db, b.tokenHash);
      expect(session?.organisationId).toBe(b.organisationId);
      expect(await locateStaffByEmail(app.db, 'nobody@example.invalid')).toBeNull();
    });
  });

  describe('pooled transactions of two organisations, interleaved', () => {
    it("never see each other's rows, and leave nothing set behind them", async () => {
      const people = { a: expected.get('person')?.a ?? -1, b: expected.get('person')?.b ?? -1 };
      const backends = new Set<number>();
      const runs = Array.from({ length: 50 }, async (_, i) => {
        const own = i % 2 === 0 ? a : b;
        return withTenant(app.db, tenant(own), async (tx) => {
          // Hold the connection between setting the tenant and reading, so the other organisation's
          // transactions start and finish on the pool's other connections meanwhile.
          const [pid] = rowsOf<{ pid: number }>(
            await tx.execute(sql`select pg_sleep(0.01), pg_backend_pid() as pid`),
          );
          backends.add(pid?.pid ?? -1);
          const rows = await tx.select({ organisationId: person.organisationId }).from(person);
          return {
            own: own.organisationId,
            expected: own === a ? people.a : people.b,
            seen: rows.map((r) => r.organisationId),
          };
        });
      });
      for (const run of await Promise.all(runs)) {
        expect(run.seen).toHaveLength(run.expected);
        expect(run.seen.every((id) => id === run.own)).toBe(true);
      }
      if (name === 'postgres') {
        // Really interleaved: more than one of the pool's (at most three) connections carried them.
        expect(backends.size).toBeGreaterThan(1);
        expect(backends.size).toBeLessThanOrEqual(3);
      }
      // Every connection of the pool, afterwards: the setting ended with its transaction.
      const after = await Promise.all(
        Array.from({ length: 6 }, () =>
          app.db.transaction(async (tx) => {
            const [row] = rowsOf<{ setting: string | null; n: number }>(
              await tx.execute(sql`select pg_sleep(0.02), current_setting('harbour.organisation_id', true) as setting,
                (select count(*)::int from person) as n`),
            );
            return row;
          }),
        ),
      );
      for (const row of after) {
        expect(row?.n).toBe(0);
        expect(row?.setting ?? '').toBe('');
      }
    });
  });
});
