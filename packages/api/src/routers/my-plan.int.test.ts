import type { DatabaseHandle } from '@harbour/db/client';
import type { DemoOrganisation, PersonRow } from '@harbour/db/demo/generate';
import { auditEvent } from '@harbour/db/schema/audit';
import { ostPlan, pharmacy } from '@harbour/db/schema/ost';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { addDays, londonDate } from '@harbour/domain/dates';
import { formatLongDate } from '@harbour/domain/risk/day-number';
import { OstPlan } from '@harbour/domain/ost/plan';
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorWithRole, callerFor } from '../testing/callers.ts';
import { refusal } from '../testing/refusal.ts';

/**
 * "My plan" (issue 10 "The person's own view"): the person's own current plan in plain English, from the stored
 * plan; only ever theirs (the session names them: there is nothing to name anyone else with); audited as theirs.
 */
describe.each(testDatabases())('"My plan" in the self-check portal ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let org: DemoOrganisation;
  let people: PersonRow[];
  let withPlan: PersonRow;
  let withoutPlan: PersonRow;
  let stored: OstPlan;
  let pharmacyName: string;

  const asPerson = (p: PersonRow) =>
    callerFor(handle.db, null, {
      serviceUser: { personId: p.id, organisationId: p.organisationId },
      session: {
        id: randomUUID(),
        organisationId: p.organisationId,
        subjectKind: 'service_user',
        subjectId: p.id,
        stage: 'active',
        reauthenticatedAt: null,
      },
    });

  beforeAll(async () => {
    handle = await open();
    org = await createTestOrganisation(handle.db, { people: 60 });
    people = [...org.batches(1000)].flatMap((b) => b.people);
    const plans = await handle.db
      .select({ personId: ostPlan.personId, plan: ostPlan.plan, pharmacyName: pharmacy.name })
      .from(ostPlan)
      .innerJoin(pharmacy, eq(pharmacy.id, ostPlan.pharmacyId))
      .where(eq(ostPlan.organisationId, org.structure.organisation.id));
    const first = plans.find((p) => OstPlan.parse(p.plan).medicine === 'methadone') ?? plans[0];
    if (!first) throw new Error('the demo has OST plans');
    stored = OstPlan.parse(first.plan);
    pharmacyName = first.pharmacyName;
    const planned = new Set(plans.map((p) => p.personId));
    const found = people.find((p) => p.id === first.personId);
    const none = people.find((p) => !planned.has(p.id));
    if (!found || !none) throw new Error('the demo has people with and without plans');
    withPlan = found;
    withoutPlan = none;
  });
  afterAll(() => handle.close());

  it('tells the person their medicine, pharmacy, review, naloxone and that no appointments are booked', async () => {
    const view = await asPerson(withPlan).selfcheck.myPlan();
    expect(view.sections?.map((s) => s.heading)).toEqual([
      'Your medicine',
      'Where and when',
      'Your next review',
      'Naloxone',
      'Your appointments',
    ]);
    const words = view.sections?.flatMap((s) => s.sentences).join(' ') ?? '';
    expect(words).toContain(`${stored.doseMg} mg`);
    expect(words).toContain(pharmacyName);
    expect(words).toContain(formatLongDate(stored.reviewOn));
    expect(words).toContain('You have no appointments booked.');
    expect(words).not.toMatch(/supervised|instalment|OST/);
  });

  it('lists the health checks they have booked, with the day, time and place', async () => {
    const me = asPerson(withPlan);
    const due = (await me.selfcheck.healthChecks()).checks.find((c) => c.bookable);
    if (!due) throw new Error('the person has a check they may book');
    const nurse = callerFor(handle.db, actorWithRole(org, 'nurse'));
    const { id: clinicId } = await nurse.clinics.createClinic({ name: 'Blood tests', place: 'Mill Road' });
    const date = addDays(londonDate(new Date()), 3);
    await nurse.clinics.createSession({
      clinicId,
      date,
      startTime: '09:00',
      endTime: '09:20',
      slotMinutes: 20,
      capacity: 1,
      checks: [due.code],
      staffIds: [actorWithRole(org, 'nurse').staffId],
    });
    const [slot] = await me.selfcheck.slotsForCheck({ need: due.code });
    if (!slot) throw new Error('the new session offers a time');
    await me.selfcheck.bookCheck({ slotId: slot.slotId, need: due.code });

    const view = await me.selfcheck.myPlan();
    const booked = view.sections?.find((s) => s.heading === 'Your appointments')?.sentences ?? [];
    expect(booked).toEqual([
      `You have a ${due.name} on ${formatLongDate(date)} at 9am, at Blood tests, Mill Road.`,
    ]);
  });

  it('says there is no plan when the person has none', async () => {
    expect(await asPerson(withoutPlan).selfcheck.myPlan()).toEqual({ sections: null });
  });

  it('is audited on their own record, as their own read', async () => {
    await asPerson(withPlan).selfcheck.myPlan();
    const rows = await handle.db
      .select({ role: auditEvent.actorRole, action: auditEvent.action, outcome: auditEvent.outcome })
      .from(auditEvent)
      .where(and(eq(auditEvent.personId, withPlan.id), eq(auditEvent.procedure, 'selfcheck.myPlan')));
    expect(rows.length).toBeGreaterThan(0);
    expect(
      rows.every((r) => r.role === 'service_user' && r.action === 'view' && r.outcome === 'allowed'),
    ).toBe(true);
  });

  it('is for a signed-in service user only: staff and anonymous callers are refused', async () => {
    const sam = actorWithRole(org, 'keyworker');
    expect((await refusal(callerFor(handle.db, sam).selfcheck.myPlan())).code).toBe('UNAUTHORIZED');
    expect((await refusal(callerFor(handle.db, null).selfcheck.myPlan())).code).toBe('UNAUTHORIZED');
  });
});
