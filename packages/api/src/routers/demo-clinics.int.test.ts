import { addDays, londonDate } from '@harbour/domain/dates';
import type { DatabaseHandle } from '@harbour/db/client';
import { demoClinics, demoSessionPlans } from '@harbour/db/demo/clinics';
import { loadDemoIfEmpty } from '@harbour/db/demo/demo';
import { DEMO_ORGANISATION_NAME } from '@harbour/db/demo/generate';
import { DEMO_SERVICE_USER } from '@harbour/db/demo/sign-ins';
import { clinic, clinicSession } from '@harbour/db/schema/booking';
import { organisation } from '@harbour/db/schema/organisation';
import { person } from '@harbour/db/schema/person';
import { staff } from '@harbour/db/schema/staff';
import { openTestPglite } from '@harbour/db/testing/databases';
import { and, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../testing/callers.ts';

/**
 * The demo organisation as `npm start` loads it (issue 11): its clinics have times over the coming weeks, so the
 * demo service user (Dean) can book the checks he has due, and Priya (the nurse) sees them on her clinic list.
 * On an empty database of its own, as the embedded database is on a first start.
 */
describe('the demo clinics', () => {
  let handle: DatabaseHandle;
  const today = londonDate(new Date());

  beforeAll(async () => {
    handle = await openTestPglite();
    await loadDemoIfEmpty(handle.db, today);
  }, 180_000);
  afterAll(() => handle.close());

  async function demoOrganisationId(): Promise<string> {
    const [org] = await handle.db
      .select({ id: organisation.id })
      .from(organisation)
      .where(eq(organisation.name, DEMO_ORGANISATION_NAME));
    if (!org) throw new Error('no demo organisation');
    return org.id;
  }

  async function asDean() {
    const organisationId = await demoOrganisationId();
    const [dean] = await handle.db
      .select({ id: person.id })
      .from(person)
      .where(
        and(
          eq(person.organisationId, organisationId),
          eq(person.givenName, DEMO_SERVICE_USER.givenName),
          eq(person.familyName, DEMO_SERVICE_USER.familyName),
        ),
      );
    if (!dean) throw new Error('no Dean');
    return callerFor(handle.db, null, {
      serviceUser: { personId: dean.id, organisationId },
      session: {
        id: randomUUID(),
        organisationId,
        subjectKind: 'service_user',
        subjectId: dean.id,
        stage: 'active',
        reauthenticatedAt: null,
      },
    });
  }

  async function sessionCount(): Promise<number> {
    const [row] = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(clinicSession)
      .where(eq(clinicSession.organisationId, await demoOrganisationId()));
    return row?.n ?? -1;
  }

  it("gives Dean times at the demo's clinics for every due check they offer, and he can book one", async () => {
    const dean = await asDean();
    const { checks } = await dean.selfcheck.healthChecks();
    const offered = new Set(demoClinics.flatMap((c) => c.checks));
    const due = checks.filter((c) => c.bookable && offered.has(c.code));
    // His hepatitis C test is due (the self-check booking test books it); others may be as his record has them.
    expect(due.map((c) => c.code)).toContain('hcv_antibody_test');
    for (const check of due) {
      const slots = await dean.selfcheck.slotsForCheck({ need: check.code });
      expect(slots.length, check.code).toBeGreaterThan(0);
      for (const slot of slots) {
        expect(demoClinics.map((c) => c.name)).toContain(slot.clinicName);
        expect(slot.slotId).not.toBe('');
        expect(Date.parse(slot.startsAt)).toBeGreaterThan(Date.now());
        // All within the coming weeks (the sessions kept ahead), never in the past.
        expect(slot.startsAt.slice(0, 10) <= addDays(today, 29)).toBe(true);
      }
    }
    const [first] = await dean.selfcheck.slotsForCheck({ need: 'hcv_antibody_test' });
    const booked = await dean.selfcheck.bookCheck({ slotId: first?.slotId ?? '', need: 'hcv_antibody_test' });
    const after = await dean.selfcheck.healthChecks();
    expect(after.bookings.map((b) => b.id)).toEqual([booked.id]);
    expect(after.bookings[0]?.clinicName).toBe(first?.clinicName);
    await dean.selfcheck.cancelCheck({ bookingId: booked.id, expectedVersion: booked.version });
  }, 60_000);

  it("shows Priya the demo's clinics and their sessions to come", async () => {
    const organisationId = await demoOrganisationId();
    const [priya] = await handle.db
      .select({ id: staff.id })
      .from(staff)
      .where(and(eq(staff.organisationId, organisationId), eq(staff.displayName, 'Priya Shah')));
    if (!priya) throw new Error('no Priya');
    const list = await callerFor(handle.db, {
      staffId: priya.id,
      organisationId,
      role: 'nurse',
      teamIds: [],
    }).clinics.list();
    expect(list.clinics.map((c) => c.name).sort()).toEqual(demoClinics.map((c) => c.name).sort());
    expect(list.sessions).toHaveLength(demoSessionPlans(today).length);
    expect(list.sessions.every((s) => s.staffNames.includes('Priya Shah'))).toBe(true);
    expect(list.sessions.every((s) => s.slots.length > 0 && s.slots.every((x) => x.capacity === 1))).toBe(
      true,
    );
  });

  it('is kept up on every start: the same day adds nothing, a later start adds the days then to come', async () => {
    const before = await sessionCount();
    expect(before).toBe(demoSessionPlans(today).length);
    expect(await loadDemoIfEmpty(handle.db, today)).toBeNull();
    expect(await sessionCount()).toBe(before);

    const later = addDays(today, 7);
    expect(await loadDemoIfEmpty(handle.db, later)).toBeNull();
    const planned = new Set(
      [...demoSessionPlans(today), ...demoSessionPlans(later)].map((p) => `${p.clinic.name} ${p.date}`),
    );
    expect(await sessionCount()).toBe(planned.size);
    expect(await loadDemoIfEmpty(handle.db, later)).toBeNull();
    expect(await sessionCount()).toBe(planned.size);

    // A demo clinic someone has closed stays closed: a start later still adds only the other's sessions.
    const [closed, open] = demoClinics;
    await handle.db
      .update(clinic)
      .set({ active: false })
      .where(and(eq(clinic.organisationId, await demoOrganisationId()), eq(clinic.name, closed?.name ?? '')));
    const latest = addDays(today, 14);
    await loadDemoIfEmpty(handle.db, latest);
    const added = new Set(
      demoSessionPlans(latest)
        .filter((p) => p.clinic.name === open?.name)
        .map((p) => `${p.clinic.name} ${p.date}`),
    );
    expect(await sessionCount()).toBe(new Set([...planned, ...added]).size);
  }, 60_000);
});
