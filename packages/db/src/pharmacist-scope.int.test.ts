import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './client.ts';
import type { DemoOrganisation } from './demo/generate.ts';
import { dispensing, ostPlan, pharmacy, pharmacyMembership } from './schema/ost.ts';
import { person } from './schema/person.ts';
import { personState } from './schema/person-state.ts';
import { treatmentEpisode } from './schema/episode.ts';
import { createTestOrganisation } from './testing/factories.ts';
import { openTestApplicationPostgres, testDatabases } from './testing/databases.ts';
import { withTenant } from './tenant.ts';

/**
 * The pharmacist's scope under row-level security (issue 10; migration 0009): a transaction acting for a
 * pharmacist sees only the people with a current plan at their own pharmacy — their person row, episodes, risk
 * projection, plans and dispensing — and can write nothing about anyone else. Everyone else sees the tenant as
 * before. The API's policy (`canDispense`) is the first wall; this is the second.
 */
describe.each(testDatabases())('the pharmacist scope ($name)', ({ name, open }) => {
  let owner: DatabaseHandle;
  let app: DatabaseHandle;
  let org: DemoOrganisation;
  let organisationId: string;
  let tom: string;
  let keyworker: string;
  /** People with a current plan at Tom's pharmacy, and at the other one. */
  let mine: string[];
  let theirs: string[];

  beforeAll(async () => {
    owner = await open();
    org = await createTestOrganisation(owner.db, { people: 60 });
    organisationId = org.structure.organisation.id;
    const staffOf = (test: (s: (typeof org.structure.staff)[number]) => boolean) =>
      org.structure.staff.find(test)?.id ?? '';
    tom = staffOf((s) => s.displayName === 'Tom Hughes');
    keyworker = staffOf((s) => s.displayName === 'Sam Carter');
    const [membership] = await owner.db
      .select({ pharmacyId: pharmacyMembership.pharmacyId })
      .from(pharmacyMembership)
      .where(eq(pharmacyMembership.staffId, tom));
    const plans = await owner.db
      .select({ personId: ostPlan.personId, pharmacyId: ostPlan.pharmacyId })
      .from(ostPlan)
      .where(eq(ostPlan.organisationId, organisationId));
    mine = plans.filter((p) => p.pharmacyId === membership?.pharmacyId).map((p) => p.personId);
    theirs = plans.filter((p) => p.pharmacyId !== membership?.pharmacyId).map((p) => p.personId);
    if (name === 'pglite') app = owner;
    else {
      const pool = openTestApplicationPostgres(2);
      if (!pool) throw new Error('no application URL for the PostgreSQL test database');
      app = await pool;
    }
    await app.assumeApplicationRole();
  });

  afterAll(async () => {
    if (app !== owner) await app?.close();
    await owner?.close();
  });

  const asTom = <T>(fn: Parameters<typeof withTenant<T>>[2]) =>
    withTenant(app.db, { organisationId, actorId: tom }, fn);

  it('the demo gives both pharmacies people', () => {
    expect(mine.length).toBeGreaterThan(0);
    expect(theirs.length).toBeGreaterThan(0);
  });

  it('shows a pharmacist only their own pharmacy’s people, in every scoped table', async () => {
    const seen = await asTom(async (tx) => ({
      people: (await tx.select({ id: person.id }).from(person)).map((r) => r.id),
      episodes: (await tx.select({ id: treatmentEpisode.personId }).from(treatmentEpisode)).map((r) => r.id),
      states: (await tx.select({ id: personState.personId }).from(personState)).map((r) => r.id),
      plans: (await tx.select({ id: ostPlan.personId }).from(ostPlan)).map((r) => r.id),
      dispensing: (await tx.select({ id: dispensing.personId }).from(dispensing)).map((r) => r.id),
    }));
    expect(new Set(seen.people)).toEqual(new Set(mine));
    for (const ids of [seen.episodes, seen.states, seen.plans, seen.dispensing])
      for (const id of ids) expect(mine).toContain(id);
    expect(new Set(seen.plans)).toEqual(new Set(mine));
  });

  it('cannot read a person at another pharmacy, even by id', async () => {
    const other = theirs[0] ?? '';
    const found = await asTom((tx) =>
      tx
        .select({ id: person.id })
        .from(person)
        .where(and(eq(person.organisationId, organisationId), eq(person.id, other))),
    );
    expect(found).toEqual([]);
    const plans = await asTom((tx) => tx.select().from(ostPlan).where(inArray(ostPlan.personId, theirs)));
    expect(plans).toEqual([]);
  });

  it('cannot change another pharmacy’s plans', async () => {
    const other = theirs[0] ?? '';
    const changed = await asTom((tx) =>
      tx
        .update(ostPlan)
        .set({ updatedAt: new Date().toISOString() })
        .where(eq(ostPlan.personId, other))
        .returning(),
    );
    expect(changed).toEqual([]);
  });

  it('sees nobody once the plan at their pharmacy has ended', async () => {
    const ended = mine[0] ?? '';
    const asSam = { organisationId, actorId: keyworker };
    await withTenant(app.db, asSam, (tx) =>
      tx.update(ostPlan).set({ phase: 'ended' }).where(eq(ostPlan.personId, ended)),
    );
    const seen = await asTom((tx) => tx.select({ id: person.id }).from(person).where(eq(person.id, ended)));
    expect(seen).toEqual([]);
    await withTenant(app.db, asSam, (tx) =>
      tx.update(ostPlan).set({ phase: 'maintenance' }).where(eq(ostPlan.personId, ended)),
    );
  });

  it('leaves other staff with the whole tenant', async () => {
    const seen = await withTenant(app.db, { organisationId, actorId: keyworker }, (tx) =>
      tx.select({ id: person.id }).from(person),
    );
    expect(seen.length).toBe(60);
    const pharmacies = await withTenant(app.db, { organisationId, actorId: keyworker }, (tx) =>
      tx.select({ id: pharmacy.id }).from(pharmacy),
    );
    expect(pharmacies.length).toBe(2);
  });
});
