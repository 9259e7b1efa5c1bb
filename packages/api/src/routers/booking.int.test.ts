import type { Actor } from '@harbour/domain/access/policy';
import { addDays, londonDate } from '@harbour/domain/dates';
import type { DatabaseHandle } from '@harbour/db/client';
import type { DemoOrganisation, PersonRow } from '@harbour/db/demo/generate';
import { auditEvent } from '@harbour/db/schema/audit';
import {
  booking,
  bookingVersion,
  healthEntry,
  healthEntryVersion,
  reminderOutbox,
} from '@harbour/db/schema/booking';
import { task } from '@harbour/db/schema/task';
import { seedClinicSession, seedPeople } from '@harbour/db/testing/booking';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorWithRole, callerFor } from '../testing/callers.ts';
import { refusal } from '../testing/refusal.ts';

/**
 * Booking health checks end to end through the API (issue 11): Priya (a nurse) sets up a clinic and a session;
 * a person sees their checks due, books, moves and cancels; the rules' plain words come back on a refusal and
 * nothing changes; a missed booking opens an outreach task; staff record an outcome. And the slot race through
 * the whole service: 100 people booking a one-place slot at once get one booking.
 */
describe.each(testDatabases())('booking health checks ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let org: DemoOrganisation;
  let nurse: Actor;
  let keyworker: Actor;
  let people: PersonRow[];

  const asPerson = (personId: string) =>
    callerFor(handle.db, null, {
      serviceUser: { personId, organisationId: org.structure.organisation.id },
      session: {
        id: randomUUID(),
        organisationId: org.structure.organisation.id,
        subjectKind: 'service_user',
        subjectId: personId,
        stage: 'active',
        reauthenticatedAt: null,
      },
    });

  beforeAll(async () => {
    handle = await open();
    org = await createTestOrganisation(handle.db, { people: 20, seed: 2026 });
    nurse = actorWithRole(org, 'nurse');
    keyworker = actorWithRole(org, 'keyworker');
    const batches = [...org.batches(1000)];
    const theirs = new Set(
      batches
        .flatMap((b) => b.episodes)
        .filter((e) => e.keyworkerId === keyworker.staffId && e.status !== 'discharged')
        .map((e) => e.personId),
    );
    people = batches.flatMap((b) => b.people).filter((p) => theirs.has(p.id));
    if (people.length < 3) throw new Error('the keyworker needs three people');
  });
  afterAll(() => handle.close());

  const person = (i: number): PersonRow => {
    const p = people[i];
    if (!p) throw new Error(`no person ${i}`);
    return p;
  };

  /** A session Priya sets up through the API, `daysAhead` days from now, 09:00 to 10:00, 20-minute slots. */
  async function priyaSetsUpSession(daysAhead = 3, capacity = 1) {
    const staff = callerFor(handle.db, nurse);
    const { id: clinicId } = await staff.clinics.createClinic({
      name: 'Blood tests',
      place: 'Harbour Clinic, Mill Road',
    });
    const date = addDays(londonDate(new Date()), daysAhead);
    const session = await staff.clinics.createSession({
      clinicId,
      date,
      startTime: '09:00',
      endTime: '10:00',
      slotMinutes: 20,
      capacity,
      checks: ['hcv_antibody_test', 'hiv_test'],
      staffIds: [nurse.staffId],
    });
    const list = await staff.clinics.list();
    const shown = list.sessions.find((s) => s.id === session.id);
    if (!shown) throw new Error('the session is not on the clinic list');
    return shown;
  }

  it('lets Priya set up a session whose slots the clinic list shows; a keyworker may not', async () => {
    const session = await priyaSetsUpSession();
    expect(session.slots.map((s) => s.startsAt.slice(11, 16))).toHaveLength(3);
    expect(session.checks.map((c) => c.name)).toEqual(['Hepatitis C test', 'HIV test']);
    expect(session.staffNames).toHaveLength(1);
    const refused = await refusal(
      callerFor(handle.db, keyworker).clinics.createClinic({ name: 'X', place: 'Y' }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    const bad = await refusal(
      callerFor(handle.db, nurse).clinics.createSession({
        clinicId: session.clinicId,
        date: '2026-12-01',
        startTime: '10:00',
        endTime: '09:00',
        slotMinutes: 20,
        capacity: 1,
        checks: ['hiv_test'],
        staffIds: [nurse.staffId],
      }),
    );
    expect(bad.code).toBe('BAD_REQUEST');
  });

  it('books, moves and cancels a due check, with versions, reminders and an audit row each', async () => {
    const session = await priyaSetsUpSession(4);
    const me = asPerson(person(0).id);
    const checks = await me.selfcheck.healthChecks();
    const hcv = checks.checks.find((c) => c.code === 'hcv_antibody_test');
    expect(hcv?.bookable).toBe(true);
    const slots = await me.selfcheck.slotsForCheck({ need: 'hcv_antibody_test' });
    const [first, second] = session.slots;
    expect(slots.map((s) => s.slotId)).toEqual(expect.arrayContaining([first?.id, second?.id]));
    expect(slots.find((s) => s.slotId === first?.id)).toMatchObject({
      clinicName: 'Blood tests',
      place: 'Harbour Clinic, Mill Road',
      spaces: 1,
    });

    const booked = await me.selfcheck.bookCheck({ slotId: first?.id ?? '', need: 'hcv_antibody_test' });
    const after = await me.selfcheck.healthChecks();
    expect(after.bookings.map((b) => [b.id, b.needName, b.cannotChange])).toEqual([
      [booked.id, 'Hepatitis C test', null],
    ]);
    expect(after.checks.find((c) => c.code === 'hcv_antibody_test')?.bookable).toBe(false);
    const again = await refusal(
      me.selfcheck.bookCheck({ slotId: second?.id ?? '', need: 'hcv_antibody_test' }),
    );
    expect(again.code).toBe('UNPROCESSABLE_CONTENT');
    // Someone else cannot take the place (capacity 1), and is told in plain words.
    const full = await refusal(
      asPerson(person(1).id).selfcheck.bookCheck({ slotId: first?.id ?? '', need: 'hcv_antibody_test' }),
    );
    expect(full.message).toBe('That time is full. Please choose another.');
    const reminders = () =>
      handle.db
        .select({ status: reminderOutbox.status, version: reminderOutbox.bookingVersion })
        .from(reminderOutbox)
        .where(eq(reminderOutbox.bookingId, booked.id))
        .orderBy(reminderOutbox.bookingVersion, reminderOutbox.sendAt);
    expect(await reminders()).toEqual([
      { status: 'pending', version: 1 },
      { status: 'pending', version: 1 },
    ]);

    const moveTo = await me.selfcheck.slotsForCheck({
      need: 'hcv_antibody_test',
      replacingBookingId: booked.id,
    });
    expect(moveTo.map((s) => s.slotId)).not.toContain(first?.id);
    const moved = await me.selfcheck.rescheduleCheck({
      bookingId: booked.id,
      expectedVersion: 1,
      slotId: second?.id ?? '',
    });
    expect(moved.version).toBe(2);
    // A stale version (another window) is a conflict, and changes nothing.
    const stale = await refusal(me.selfcheck.cancelCheck({ bookingId: booked.id, expectedVersion: 1 }));
    expect(stale.code).toBe('CONFLICT');
    // The freed place is bookable again by someone else.
    await asPerson(person(1).id).selfcheck.bookCheck({ slotId: first?.id ?? '', need: 'hcv_antibody_test' });

    await me.selfcheck.cancelCheck({ bookingId: booked.id, expectedVersion: 2 });
    const versions = await handle.db
      .select({
        version: bookingVersion.version,
        status: bookingVersion.status,
        slotId: bookingVersion.slotId,
      })
      .from(bookingVersion)
      .where(eq(bookingVersion.bookingId, booked.id))
      .orderBy(bookingVersion.version);
    expect(versions).toEqual([
      { version: 1, status: 'booked', slotId: first?.id },
      { version: 2, status: 'booked', slotId: second?.id },
      { version: 3, status: 'cancelled', slotId: second?.id },
    ]);
    expect((await reminders()).map((r) => r.status)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    const audited = await handle.db
      .select({ procedure: auditEvent.procedure })
      .from(auditEvent)
      .where(and(eq(auditEvent.personId, person(0).id), eq(auditEvent.actorRole, 'service_user')))
      .orderBy(auditEvent.seq);
    expect(audited.map((a) => a.procedure)).toEqual(
      expect.arrayContaining([
        'selfcheck.bookCheck',
        'selfcheck.rescheduleCheck',
        'selfcheck.cancelCheck',
        'selfcheck.healthChecks',
      ]),
    );
  });

  it("finds nobody else's booking, and refuses a change too close to the time in plain words", async () => {
    const other = asPerson(person(1).id);
    const [theirs] = await handle.db
      .select()
      .from(booking)
      .where(eq(booking.personId, person(1).id));
    const hidden = await refusal(asPerson(person(2).id).selfcheck.booking({ bookingId: theirs?.id ?? '' }));
    expect(hidden.code).toBe('NOT_FOUND');
    // A slot in 90 minutes: bookable (60 minutes' notice), but no longer changeable online (2 hours).
    const { slotIds } = await seedClinicSession(handle.db, org.structure.organisation.id, nurse.staffId, {
      startsAt: new Date(Date.now() + 90 * 60_000),
      checks: ['hiv_test'],
    });
    const soon = await other.selfcheck.bookCheck({ slotId: slotIds[0] ?? '', need: 'hiv_test' });
    const view = await other.selfcheck.booking({ bookingId: soon.id });
    expect(view.cannotChange).toBe('It is too close to the time to change it here. Please phone the clinic.');
    const late = await refusal(other.selfcheck.cancelCheck({ bookingId: soon.id, expectedVersion: 1 }));
    expect(late.message).toBe('It is too close to the time to change it here. Please phone the clinic.');
    const [still] = await handle.db.select().from(booking).where(eq(booking.id, soon.id));
    expect(still?.status).toBe('booked');
  });

  it('opens an outreach task for the keyworker when a booking is missed, and the check is due again', async () => {
    const p = person(2);
    const { slotIds } = await seedClinicSession(handle.db, org.structure.organisation.id, nurse.staffId, {
      startsAt: new Date(Date.now() - 2 * 3_600_000),
      checks: ['hiv_test'],
    });
    const [row] = await handle.db
      .insert(booking)
      .values({
        organisationId: org.structure.organisation.id,
        personId: p.id,
        slotId: slotIds[0] ?? '',
        need: 'hiv_test',
        place: 1,
      })
      .returning();
    const staff = callerFor(handle.db, keyworker);
    const result = await staff.clinics.recordAttendance({
      personId: p.id,
      bookingId: row?.id ?? '',
      expectedVersion: 1,
      outcome: 'missed',
    });
    const [opened] = await handle.db
      .select()
      .from(task)
      .where(eq(task.id, result.taskId ?? ''));
    expect(opened).toMatchObject({
      personId: p.id,
      kind: 'missed_booking_outreach',
      status: 'open',
      assigneeStaffId: keyworker.staffId,
    });
    const [missed] = await handle.db
      .select()
      .from(booking)
      .where(eq(booking.id, row?.id ?? ''));
    expect(missed).toMatchObject({ status: 'missed', place: null });
    const needs = await staff.health.forPerson({ personId: p.id });
    expect(['due', 'overdue']).toContain(needs.needs.find((n) => n.code === 'hiv_test')?.status);
  });

  it('records a result against a need (met), and refuses a result the test cannot have, writing nothing', async () => {
    const p = person(2);
    const staff = callerFor(handle.db, nurse);
    const before = await staff.health.forPerson({ personId: p.id });
    expect(before.needs.find((n) => n.code === 'hcv_antibody_test')?.kinds).toEqual(['result', 'declined']);
    await staff.health.recordEntry({
      personId: p.id,
      entry: {
        need: 'hcv_antibody_test',
        kind: 'result',
        on: londonDate(new Date()),
        result: 'negative',
        note: null,
      },
    });
    const after = await staff.health.forPerson({ personId: p.id });
    expect(after.needs.find((n) => n.code === 'hcv_antibody_test')?.status).toBe('met');
    expect(after.entries[0]).toMatchObject({ need: 'hcv_antibody_test', resultLabel: 'Negative' });
    const count = async () =>
      (await handle.db.select().from(healthEntry).where(eq(healthEntry.personId, p.id))).length;
    const n = await count();
    const bad = await refusal(
      staff.health.recordEntry({
        personId: p.id,
        entry: {
          need: 'hiv_test',
          kind: 'result',
          on: londonDate(new Date()),
          result: 'detected',
          note: null,
        },
      }),
    );
    expect(bad.code).toBe('BAD_REQUEST');
    expect((bad.cause as { issues?: unknown }).issues).toEqual([
      { path: ['entry', 'result'], message: 'Choose the result' },
    ]);
    expect(await count()).toBe(n);

    // Recorded in error: struck out in a new version, the first kept; the need is due again.
    const entry = after.entries[0];
    await staff.health.strikeOutEntry({
      personId: p.id,
      entryId: entry?.id ?? '',
      expectedVersion: entry?.version ?? 0,
      reason: 'Recorded on the wrong person',
    });
    const struck = await staff.health.forPerson({ personId: p.id });
    expect(struck.entries.map((e) => e.id)).not.toContain(entry?.id);
    expect(['due', 'overdue']).toContain(struck.needs.find((n) => n.code === 'hcv_antibody_test')?.status);
    const versions = await handle.db
      .select({ version: healthEntryVersion.version, status: healthEntryVersion.status })
      .from(healthEntryVersion)
      .where(eq(healthEntryVersion.entryId, entry?.id ?? ''))
      .orderBy(healthEntryVersion.version);
    expect(versions).toEqual([
      { version: 1, status: 'active' },
      { version: 2, status: 'entered_in_error' },
    ]);
    const stale = await refusal(
      staff.health.strikeOutEntry({
        personId: p.id,
        entryId: entry?.id ?? '',
        expectedVersion: 1,
        reason: 'Recorded on the wrong person',
      }),
    );
    expect(stale.code).toBe('CONFLICT');
  });

  it('gives exactly one booking to 100 people booking a one-place slot at once through the service', async () => {
    const crowd = await seedPeople(handle.db, org.structure.organisation.id, 100);
    const { slotIds } = await seedClinicSession(handle.db, org.structure.organisation.id, nurse.staffId, {
      startsAt: new Date(Date.now() + 5 * 86_400_000),
    });
    const slotId = slotIds[0] ?? '';
    const results = await Promise.allSettled(
      crowd.map((id) => asPerson(id).selfcheck.bookCheck({ slotId, need: 'hcv_antibody_test' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected')
        expect((r.reason as Error).message).toBe('That time is full. Please choose another.');
    const rows = await handle.db
      .select()
      .from(booking)
      .where(and(eq(booking.slotId, slotId), eq(booking.status, 'booked')));
    expect(rows).toHaveLength(1);
  });

  it('fills a three-place slot with three of 20 people booking at once, places 1 to 3, the rest told it is full', async () => {
    const crowd = await seedPeople(handle.db, org.structure.organisation.id, 20);
    const { slotIds } = await seedClinicSession(handle.db, org.structure.organisation.id, nurse.staffId, {
      startsAt: new Date(Date.now() + 6 * 86_400_000),
      capacity: 3,
    });
    const slotId = slotIds[0] ?? '';
    const results = await Promise.allSettled(
      crowd.map((id) => asPerson(id).selfcheck.bookCheck({ slotId, need: 'hcv_antibody_test' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    for (const r of results)
      if (r.status === 'rejected')
        expect((r.reason as Error).message).toBe('That time is full. Please choose another.');
    const rows = await handle.db
      .select({ place: booking.place })
      .from(booking)
      .where(and(eq(booking.slotId, slotId), eq(booking.status, 'booked')));
    expect(rows.map((r) => r.place).sort()).toEqual([1, 2, 3]);
  });
});
