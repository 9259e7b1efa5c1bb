import { randomUUID } from 'node:crypto';
import type { HealthNeedCode } from '@harbour/domain/health/catalogue';
import type { Executor } from '../client.ts';
import { clinic, clinicSession, clinicSlot } from '../schema/booking.ts';
import { person } from '../schema/person.ts';

export interface SeededSlot {
  clinicId: string;
  sessionId: string;
  slotIds: string[];
}

/**
 * A clinic with one session and `slots` consecutive 15-minute slots of `capacity`, starting at `startsAt`, for
 * database tests. The session offers `checks` and is run by `staffId`.
 */
export async function seedClinicSession(
  db: Executor,
  organisationId: string,
  staffId: string,
  options: { startsAt: Date; slots?: number; capacity?: number; checks?: HealthNeedCode[] },
): Promise<SeededSlot> {
  const count = options.slots ?? 1;
  const slotMs = 15 * 60_000;
  const [c] = await db
    .insert(clinic)
    .values({ organisationId, name: 'Test clinic', place: 'Harbour Clinic, Mill Road', createdBy: staffId })
    .returning({ id: clinic.id });
  if (!c) throw new Error('no clinic');
  const start = options.startsAt.getTime();
  const [s] = await db
    .insert(clinicSession)
    .values({
      organisationId,
      clinicId: c.id,
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + count * slotMs).toISOString(),
      checks: options.checks ?? ['hcv_antibody_test', 'hbv_test', 'hiv_test'],
      staffIds: [staffId],
      createdBy: staffId,
    })
    .returning({ id: clinicSession.id });
  if (!s) throw new Error('no session');
  const rows = await db
    .insert(clinicSlot)
    .values(
      Array.from({ length: count }, (_, i) => ({
        organisationId,
        sessionId: s.id,
        startsAt: new Date(start + i * slotMs).toISOString(),
        endsAt: new Date(start + (i + 1) * slotMs).toISOString(),
        capacity: options.capacity ?? 1,
      })),
    )
    .returning({ id: clinicSlot.id });
  return { clinicId: c.id, sessionId: s.id, slotIds: rows.map((r) => r.id) };
}

/** `n` synthetic people in the organisation (names are made up), for tests that need many. */
export async function seedPeople(db: Executor, organisationId: string, n: number): Promise<string[]> {
  const rows = await db
    .insert(person)
    .values(
      Array.from({ length: n }, (_, i) => ({
        organisationId,
        reference: `T${randomUUID().slice(0, 8)}${i}`,
        givenName: `Test${i}`,
        familyName: 'Person',
        dateOfBirth: '1985-06-01',
        sex: 'female' as const,
      })),
    )
    .returning({ id: person.id });
  return rows.map((r) => r.id);
}
