import type { Actor } from '@harbour/domain/access/policy';
import type { DatabaseHandle } from '@harbour/db/client';
import { verifyAuditChain } from '@harbour/db/audit-chain';
import type { DemoOrganisation } from '@harbour/db/demo/generate';
import { auditEvent } from '@harbour/db/schema/audit';
import { ostPlan, pharmacy, pharmacyMembership } from '@harbour/db/schema/ost';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { and, asc, eq, gt, ne } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEP_UP_NEEDED } from '../services/administration.ts';
import { ALREADY_PLACED, NOT_A_PHARMACIST, NOT_PLACED, PLACE_TAKEN } from '../services/pharmacy-places.ts';
import { actorWithRole, callerFor } from '../testing/callers.ts';
import { refusal } from '../testing/refusal.ts';

/**
 * The organisation's pharmacies as places (issue 10): administrators add and edit them and place pharmacists at
 * them, after a step-up, every change audited under the tenant; a duplicate place and a non-pharmacist are
 * refused with their reason and nothing written; a placement gives the pharmacist the pharmacy's list at once,
 * and a removal takes it away at once; other roles are refused.
 */
describe.each(testDatabases())('pharmacies as places ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let org: DemoOrganisation;
  let other: DemoOrganisation;
  let admin: Actor;
  let tom: Actor;
  /** The demo's second pharmacy (Castle Chemist): plans there, and Tom not placed. */
  let castle: { id: string; people: string[] };

  /** A caller as `actor`, stepped up just now (null: never stepped up in this session). */
  const as = (actor: Actor, steppedUp = true) =>
    callerFor(handle.db, actor, {
      session: {
        id: randomUUID(),
        organisationId: actor.organisationId,
        subjectKind: 'staff',
        subjectId: actor.staffId,
        stage: 'active',
        reauthenticatedAt: steppedUp ? new Date().toISOString() : null,
      },
    });

  const lastSeq = async () =>
    (
      await handle.db
        .select({ seq: auditEvent.seq })
        .from(auditEvent)
        .orderBy(asc(auditEvent.seq))
        .then((rows) => rows.at(-1))
    )?.seq ?? 0;
  const auditSince = (seq: number) =>
    handle.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.organisationId, org.structure.organisation.id), gt(auditEvent.seq, seq)))
      .orderBy(asc(auditEvent.seq));
  const pharmaciesOfOrg = () =>
    handle.db.select().from(pharmacy).where(eq(pharmacy.organisationId, org.structure.organisation.id));
  const tomsPeople = async () => (await as(tom).ost.pharmacy.today()).people.map((p) => p.personId).sort();

  beforeAll(async () => {
    handle = await open();
    org = await createTestOrganisation(handle.db, { people: 60, seed: 611 });
    other = await createTestOrganisation(handle.db, { people: 4, seed: 612 });
    admin = actorWithRole(org, 'administrator');
    const tomRow = org.structure.staff.find((s) => s.displayName === 'Tom Hughes');
    if (!tomRow) throw new Error('the generator always includes Tom');
    tom = {
      staffId: tomRow.id,
      organisationId: org.structure.organisation.id,
      role: 'pharmacist',
      teamIds: [],
    };
    const [found] = (await pharmaciesOfOrg()).filter((p) => p.name === 'Castle Chemist');
    if (!found) throw new Error('the demo has Castle Chemist');
    const plans = await handle.db
      .select({ personId: ostPlan.personId })
      .from(ostPlan)
      .where(and(eq(ostPlan.pharmacyId, found.id), ne(ostPlan.phase, 'ended')));
    castle = { id: found.id, people: plans.map((p) => p.personId).sort() };
    expect(castle.people.length).toBeGreaterThan(0);
  });
  afterAll(() => handle.close());

  it('lists the pharmacies with their pharmacists and current plan counts, and the pharmacist accounts', async () => {
    const { pharmacies, pharmacists } = await as(admin).pharmacies.list();
    expect(pharmacies.map((p) => p.name)).toEqual(['Castle Chemist', 'Quayside Pharmacy']);
    const quayside = pharmacies.find((p) => p.name === 'Quayside Pharmacy');
    expect(quayside?.pharmacists.map((p) => p.displayName)).toContain('Tom Hughes');
    expect(pharmacies.find((p) => p.id === castle.id)?.currentPlans).toBe(castle.people.length);
    expect(pharmacists.map((p) => p.staffId)).toContain(tom.staffId);
    // Only this organisation's pharmacists.
    const foreign = other.structure.staff.filter((s) => s.role === 'pharmacist').map((s) => s.id);
    expect(pharmacists.some((p) => foreign.includes(p.staffId))).toBe(false);
  });

  it('adds a pharmacy, audited with its id only; the same name and address again is refused, nothing written', async () => {
    const before = await lastSeq();
    const added = await as(admin).pharmacies.add({
      name: '  Harbour  Lane Pharmacy ',
      address: '7 Harbour Lane, Northshire',
    });
    const [row] = (await pharmaciesOfOrg()).filter((p) => p.id === added.pharmacyId);
    expect([row?.name, row?.address]).toEqual(['Harbour Lane Pharmacy', '7 Harbour Lane, Northshire']);

    const count = (await pharmaciesOfOrg()).length;
    const duplicate = await refusal(
      as(admin).pharmacies.add({ name: 'harbour lane pharmacy', address: '7 HARBOUR LANE,  Northshire' }),
    );
    expect([duplicate.code, duplicate.message]).toEqual(['CONFLICT', PLACE_TAKEN]);
    expect((await pharmaciesOfOrg()).length).toBe(count);
    // Another organisation may have a pharmacy of the same name and address.
    const otherAdmin = actorWithRole(other, 'administrator');
    await as(otherAdmin).pharmacies.add({
      name: 'Harbour Lane Pharmacy',
      address: '7 Harbour Lane, Northshire',
    });

    const blank = await refusal(as(admin).pharmacies.add({ name: ' ', address: '' }));
    expect(blank.code).toBe('BAD_REQUEST');
    expect((await pharmaciesOfOrg()).length).toBe(count);

    const audited = await auditSince(before);
    expect(
      audited.map((r) => [r.action, r.procedure, r.outcome, r.reason, r.targetStaffId, r.personId]),
    ).toEqual([
      ['pharmacy_create', 'pharmacies.add', 'allowed', null, null, null],
      ['pharmacy_create', 'pharmacies.add', 'denied', 'duplicate place', null, null],
    ]);
    expect(audited[0]?.changes).toEqual({ pharmacy: { id: added.pharmacyId, fields: ['name', 'address'] } });
    expect(JSON.stringify(audited)).not.toMatch(/Harbour Lane/i);
  });

  it('edits a name and address; taking another pharmacy’s is refused; another organisation’s is not found', async () => {
    const added = await as(admin).pharmacies.add({ name: 'Old Name Pharmacy', address: '1 Old Road' });
    expect(
      await as(admin).pharmacies.update({
        pharmacyId: added.pharmacyId,
        name: 'New Name Pharmacy',
        address: '1 Old Road',
      }),
    ).toEqual({ changed: true });
    expect(
      await as(admin).pharmacies.update({
        pharmacyId: added.pharmacyId,
        name: 'New Name Pharmacy',
        address: '1 Old Road',
      }),
    ).toEqual({ changed: false });
    const taken = await refusal(
      as(admin).pharmacies.update({
        pharmacyId: added.pharmacyId,
        name: 'Castle Chemist',
        address: '3 Castle Road, Northshire',
      }),
    );
    expect([taken.code, taken.message]).toEqual(['CONFLICT', PLACE_TAKEN]);
    const [row] = (await pharmaciesOfOrg()).filter((p) => p.id === added.pharmacyId);
    expect(row?.name).toBe('New Name Pharmacy');

    const otherAdmin = actorWithRole(other, 'administrator');
    const foreign = await refusal(
      as(otherAdmin).pharmacies.update({ pharmacyId: added.pharmacyId, name: 'Mine now', address: 'Here' }),
    );
    expect(foreign.code).toBe('NOT_FOUND');
  });

  it('places only a pharmacist of the organisation, with the reason for any other', async () => {
    const nurse = actorWithRole(org, 'nurse');
    const before = await lastSeq();
    const notPharmacist = await refusal(
      as(admin).pharmacies.place({ pharmacyId: castle.id, staffId: nurse.staffId }),
    );
    expect(notPharmacist.code).toBe('BAD_REQUEST');
    expect(notPharmacist.message).toBe(`${NOT_A_PHARMACIST} This account's role is nurse.`);
    const foreignPharmacist = other.structure.staff.find((s) => s.role === 'pharmacist');
    const foreign = await refusal(
      as(admin).pharmacies.place({ pharmacyId: castle.id, staffId: foreignPharmacist?.id ?? '' }),
    );
    expect(foreign.code).toBe('NOT_FOUND');
    const noPharmacy = await refusal(
      as(admin).pharmacies.place({ pharmacyId: randomUUID(), staffId: tom.staffId }),
    );
    expect(noPharmacy.code).toBe('NOT_FOUND');
    const members = await handle.db
      .select()
      .from(pharmacyMembership)
      .where(eq(pharmacyMembership.pharmacyId, castle.id));
    expect(members.map((m) => m.staffId)).not.toContain(nurse.staffId);
    const audited = await auditSince(before);
    expect(audited.map((r) => [r.action, r.outcome, r.reason, r.targetStaffId])).toEqual([
      ['pharmacist_place', 'denied', 'not a pharmacist', nurse.staffId],
      ['pharmacist_place', 'denied', 'not found', foreignPharmacist?.id],
      ['pharmacist_place', 'denied', 'not found', tom.staffId],
    ]);
  });

  it('placing a pharmacist gives them the pharmacy’s list at once; removing them takes it away at once', async () => {
    const own = await tomsPeople();
    expect(own.some((id) => castle.people.includes(id))).toBe(false);

    const before = await lastSeq();
    await as(admin).pharmacies.place({ pharmacyId: castle.id, staffId: tom.staffId });
    expect(await tomsPeople()).toEqual([...own, ...castle.people].sort());
    const again = await refusal(as(admin).pharmacies.place({ pharmacyId: castle.id, staffId: tom.staffId }));
    expect([again.code, again.message]).toEqual(['CONFLICT', ALREADY_PLACED]);
    const listed = await as(admin).pharmacies.list();
    expect(listed.pharmacies.find((p) => p.id === castle.id)?.pharmacists.map((p) => p.staffId)).toContain(
      tom.staffId,
    );

    await as(admin).pharmacies.remove({ pharmacyId: castle.id, staffId: tom.staffId });
    expect(await tomsPeople()).toEqual(own);
    // Nor may he record for them now: they are not his.
    const record = await refusal(
      as(tom).ost.pharmacy.record({
        personId: castle.people[0] ?? '',
        day: (await as(tom).ost.pharmacy.today()).day,
        outcome: { kind: 'missed' },
      }),
    );
    expect(record.code).toBe('NOT_FOUND');
    const gone = await refusal(as(admin).pharmacies.remove({ pharmacyId: castle.id, staffId: tom.staffId }));
    expect([gone.code, gone.message]).toEqual(['NOT_FOUND', NOT_PLACED]);

    const audited = await auditSince(before);
    expect(
      audited
        .filter((r) => r.action.startsWith('pharmacist_'))
        .map((r) => [r.action, r.outcome, r.targetStaffId, r.changes]),
    ).toEqual([
      ['pharmacist_place', 'allowed', tom.staffId, { pharmacy: { id: castle.id, pharmacist: 'placed' } }],
      ['pharmacist_place', 'denied', tom.staffId, null],
      ['pharmacist_remove', 'allowed', tom.staffId, { pharmacy: { id: castle.id, pharmacist: 'removed' } }],
      ['pharmacist_remove', 'denied', tom.staffId, null],
    ]);
  });

  it('needs a step-up for every change, and refuses every other role (a keyworker: FORBIDDEN)', async () => {
    const before = (await pharmaciesOfOrg()).length;
    const noStepUp = await refusal(as(admin, false).pharmacies.add({ name: 'No Step', address: '1 Road' }));
    expect([noStepUp.code, noStepUp.message]).toEqual(['FORBIDDEN', STEP_UP_NEEDED]);
    const keyworker = actorWithRole(org, 'keyworker');
    for (const call of [
      () => as(keyworker).pharmacies.list(),
      () => as(keyworker).pharmacies.add({ name: 'Keyworker Pharmacy', address: '2 Road' }),
      () => as(keyworker).pharmacies.place({ pharmacyId: castle.id, staffId: tom.staffId }),
      () => as(keyworker).pharmacies.remove({ pharmacyId: castle.id, staffId: tom.staffId }),
      () => as(tom).pharmacies.place({ pharmacyId: castle.id, staffId: tom.staffId }),
    ])
      expect((await refusal(call())).code).toBe('FORBIDDEN');
    expect((await pharmaciesOfOrg()).length).toBe(before);
    expect(await tomsPeople()).not.toEqual(expect.arrayContaining(castle.people));
  });

  it('shows the Caldicott guardian what was done, with the pharmacy’s name; the audit chain verifies', async () => {
    const caldicott = actorWithRole(org, 'caldicott_guardian');
    const entries = await as(caldicott).audit.administration();
    const placed = entries.find((e) => e.action === 'pharmacist_place' && e.outcome === 'allowed');
    expect(placed?.actionLabel).toBe('Placed a pharmacist at a pharmacy');
    expect(placed?.targetName).toBe('Tom Hughes');
    expect(placed?.changes).toEqual(['Placed at: Castle Chemist']);
    const added = entries.find((e) => e.action === 'pharmacy_create' && e.outcome === 'allowed');
    expect([added?.actionLabel, added?.targetName]).toEqual(['Added a pharmacy', null]);
    expect(added?.changes[0]).toMatch(/: name and address set$/);
    expect((await verifyAuditChain(handle.db)).ok).toBe(true);
  });
});
