import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../client.ts';
import { codedCause } from '../errors.ts';
import { booking, bookingVersion } from '../schema/booking.ts';
import { seedClinicSession, seedPeople } from '../testing/booking.ts';
import { testDatabases } from '../testing/databases.ts';
import { createTestOrganisation } from '../testing/factories.ts';
import { withTenant } from '../tenant.ts';
import { closeBooking, lockSlot, peekSlot, takePlace } from './store.ts';

/**
 * Never two people in one slot (security.md promise 9, hazard HAZ-HLT-017): 100 people trying at once for a
 * slot with one place get exactly one booking, through the store's lock and, for a writer that skips the lock,
 * through the database's own constraint. On PGlite and, with TEST_DATABASE_URL, on PostgreSQL with a pool of
 * connections (so the attempts really overlap there).
 */
const ATTEMPTS = 100;

describe.each(testDatabases())('booking a slot under concurrency ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let organisationId: string;
  let staffId: string;
  let people: string[];

  beforeAll(async () => {
    handle = await open();
    const org = await createTestOrganisation(handle.db, { people: 4 });
    organisationId = org.structure.organisation.id;
    const member = org.structure.staff[0];
    if (!member) throw new Error('no staff');
    staffId = member.id;
    people = await seedPeople(handle.db, organisationId, ATTEMPTS);
  });
  afterAll(async () => {
    await handle?.close();
  });

  const tenant = () => ({ organisationId, actorId: null });
  const startsAt = () => new Date(Date.now() + 3 * 24 * 3_600_000);

  async function openBookings(slotId: string) {
    return handle.db
      .select()
      .from(booking)
      .where(and(eq(booking.slotId, slotId), eq(booking.status, 'booked')));
  }

  /** One booking as the service takes it: the slot locked, then the lowest free place (null when full). */
  const bookUnderLock = (slotId: string, personId: string, need: 'hiv_test') =>
    withTenant(handle.db, tenant(), async (tx) => {
      const slot = await lockSlot(tx, organisationId, slotId);
      if (!slot) throw new Error('no slot');
      return takePlace(tx, slot, { organisationId, personId, need, by: { kind: 'person' } }, new Date());
    });

  it('gives exactly one booking to 100 people booking a one-place slot at once', async () => {
    const { slotIds } = await seedClinicSession(handle.db, organisationId, staffId, { startsAt: startsAt() });
    const slotId = slotIds[0] ?? '';
    const results = await Promise.allSettled(
      people.map((personId) =>
        withTenant(handle.db, tenant(), async (tx) => {
          const slot = await lockSlot(tx, organisationId, slotId);
          if (!slot) throw new Error('no slot');
          return takePlace(
            tx,
            slot,
            { organisationId, personId, need: 'hcv_antibody_test', by: { kind: 'person' } },
            new Date(),
          );
        }),
      ),
    );
    const booked = results.filter((r) => r.status === 'fulfilled' && r.value !== null);
    const full = results.filter((r) => r.status === 'fulfilled' && r.value === null);
    expect(booked).toHaveLength(1);
    expect(full).toHaveLength(ATTEMPTS - 1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(0);
    const rows = await openBookings(slotId);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.place).toBe(1);
    // The booking has its first version.
    const versions = await handle.db
      .select()
      .from(bookingVersion)
      .where(eq(bookingVersion.bookingId, rows[0]?.id ?? ''));
    expect(versions.map((v) => [v.version, v.status, v.changedByKind])).toEqual([[1, 'booked', 'person']]);
  });

  it('fills a three-place slot with exactly three of 100 concurrent attempts, places 1 to 3', async () => {
    const { slotIds } = await seedClinicSession(handle.db, organisationId, staffId, {
      startsAt: startsAt(),
      capacity: 3,
    });
    const slotId = slotIds[0] ?? '';
    await Promise.allSettled(
      people.map((personId) =>
        withTenant(handle.db, tenant(), async (tx) => {
          const slot = await lockSlot(tx, organisationId, slotId);
          if (!slot) throw new Error('no slot');
          return takePlace(
            tx,
            slot,
            { organisationId, personId, need: 'hiv_test', by: { kind: 'person' } },
            new Date(),
          );
        }),
      ),
    );
    const rows = await openBookings(slotId);
    expect(rows.map((r) => r.place).sort()).toEqual([1, 2, 3]);
  });

  it('refuses a second holder of a place even from 100 writers that skip the lock (the constraint)', async () => {
    const { slotIds } = await seedClinicSession(handle.db, organisationId, staffId, { startsAt: startsAt() });
    const slotId = slotIds[0] ?? '';
    const results = await Promise.allSettled(
      people.map((personId) =>
        withTenant(handle.db, tenant(), (tx) =>
          tx
            .insert(booking)
            .values({ organisationId, personId, slotId, need: 'hbv_test', place: 1 })
            .returning({ id: booking.id }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect(codedCause(r.reason, (c) => c === '23505')?.code).toBe('23505');
    expect(await openBookings(slotId)).toHaveLength(1);
  });

  it('refuses a place above the capacity, and lets a cancelled place be booked again', async () => {
    const { slotIds } = await seedClinicSession(handle.db, organisationId, staffId, { startsAt: startsAt() });
    const slotId = slotIds[0] ?? '';
    const [a, b] = people;
    const overflow = await withTenant(handle.db, tenant(), (tx) =>
      tx
        .insert(booking)
        .values({ organisationId, personId: a ?? '', slotId, need: 'dental_check', place: 2 }),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(codedCause(overflow, (c) => c === '23514')?.code).toBe('23514');

    const first = await withTenant(handle.db, tenant(), async (tx) => {
      const slot = await lockSlot(tx, organisationId, slotId);
      if (!slot) throw new Error('no slot');
      return takePlace(
        tx,
        slot,
        { organisationId, personId: a ?? '', need: 'dental_check', by: { kind: 'person' } },
        new Date(),
      );
    });
    if (!first) throw new Error('not booked');
    await withTenant(handle.db, tenant(), (tx) =>
      closeBooking(tx, first, 'cancelled', first.version, { kind: 'person' }, 'cancelled', new Date()),
    );
    const second = await withTenant(handle.db, tenant(), async (tx) => {
      const slot = await lockSlot(tx, organisationId, slotId);
      if (!slot) throw new Error('no slot');
      return takePlace(
        tx,
        slot,
        { organisationId, personId: b ?? '', need: 'dental_check', by: { kind: 'person' } },
        new Date(),
      );
    });
    expect(second?.place).toBe(1);
    const versions = await handle.db
      .select({ version: bookingVersion.version, status: bookingVersion.status })
      .from(bookingVersion)
      .where(eq(bookingVersion.bookingId, first.id))
      .orderBy(bookingVersion.version);
    expect(versions).toEqual([
      { version: 1, status: 'booked' },
      { version: 2, status: 'cancelled' },
    ]);
  });

  it("counts the places held in a first look at a slot (peekSlot), this organisation's slots only", async () => {
    const { slotIds } = await seedClinicSession(handle.db, organisationId, staffId, {
      startsAt: new Date(Date.now() + 5 * 24 * 3_600_000),
      slots: 2,
      capacity: 2,
    });
    const [slotId = '', otherId = ''] = slotIds;
    const peek = (id: string, org = organisationId) =>
      withTenant(handle.db, { organisationId: org, actorId: null }, (tx) => peekSlot(tx, org, id));
    expect((await peek(slotId))?.held).toBe(0);
    for (const personId of await seedPeople(handle.db, organisationId, 2))
      expect(await bookUnderLock(slotId, personId, 'hiv_test')).not.toBeNull();
    const full = await peek(slotId);
    expect(full?.held).toBe(2);
    expect(full?.slot.capacity).toBe(2);
    // The other slot of the session is still empty: the count is the slot's own.
    expect((await peek(otherId))?.held).toBe(0);
    const other = await createTestOrganisation(handle.db, { people: 1 });
    expect(await peek(slotId, other.structure.organisation.id)).toBeUndefined();
  });
});
