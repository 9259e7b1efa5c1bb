import { slotTimes } from '@harbour/domain/booking/setup';
import { addDays } from '@harbour/domain/dates';
import type { HealthNeedCode } from '@harbour/domain/health/catalogue';
import type { CalendarDate } from '@harbour/domain/ids';
import { and, eq, gte, inArray } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { clinic, clinicSession, clinicSlot } from '../schema/booking.ts';
import { organisation } from '../schema/organisation.ts';
import { staff } from '../schema/staff.ts';
import { DEMO_ORGANISATION_NAME, demoEmailDomain } from './generate.ts';

/**
 * The demo's health-check clinics (issue 11, docs/booking.md), synthetic: two clinics run by Priya Shah (the
 * nurse persona), with one-place appointment slots on set weekdays over the coming weeks, so that the demo
 * service user can book the checks he has due and Priya's clinic list has something to show. Kept up on every
 * start (`ensureDemoClinics`), like the demo sign-ins: the sessions of the next `DEMO_CLINIC_DAYS` days that are
 * missing are added, the rest left as they are (with their bookings), so a demo started weeks after it was
 * loaded still has times to book.
 */

export interface DemoClinic {
  name: string;
  place: string;
  checks: readonly HealthNeedCode[];
  /** Days of the week it runs (0 Sunday … 6 Saturday). */
  weekdays: readonly number[];
  startTime: string;
  endTime: string;
  slotMinutes: number;
}

export const demoClinics: readonly DemoClinic[] = [
  {
    name: 'Blood-borne virus clinic',
    place: 'Riverside Recovery Hub, 8 Mill Lane, Northshire',
    // The blood tests and the hepatitis B vaccine (health-and-instruments.md "Health needs catalogue").
    checks: [
      'hcv_antibody_test',
      'hcv_rna_test',
      'hcv_cure_check',
      'hbv_test',
      'hbv_vaccination',
      'hiv_test',
      'liver_function_tests',
    ],
    weekdays: [2, 4],
    startTime: '10:00',
    endTime: '12:00',
    slotMinutes: 20,
  },
  {
    name: 'Physical health clinic',
    place: 'Castle Road Health Centre, 21 Castle Road, Northshire',
    checks: [
      'respiratory_check',
      'spirometry',
      'ecg',
      'flu_vaccine',
      'pneumococcal_vaccine',
      'injecting_site_check',
      'nutrition_check',
      'sexual_health_check',
    ],
    weekdays: [3],
    startTime: '13:30',
    endTime: '15:30',
    slotMinutes: 30,
  },
];

/** How far ahead the demo's sessions are kept: the coming four weeks, from the day after the start. */
export const DEMO_CLINIC_DAYS = 28;

export interface DemoSessionPlan {
  clinic: DemoClinic;
  date: CalendarDate;
}

/** The sessions the demo holds for the days after `today` (deterministic: the same day, the same sessions). */
export function demoSessionPlans(today: CalendarDate): DemoSessionPlan[] {
  const plans: DemoSessionPlan[] = [];
  for (let n = 1; n <= DEMO_CLINIC_DAYS; n++) {
    const date = addDays(today, n);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    for (const c of demoClinics) if (c.weekdays.includes(weekday)) plans.push({ clinic: c, date });
  }
  return plans;
}

/**
 * Adds the demo clinics the demo organisation lacks (found by name), and their sessions and slots for the days
 * after `today` that are missing (a session is found by its clinic and start). Nothing for any other
 * organisation, nor when the demo has no Priya, nor for a demo clinic that has been closed. Returns how many
 * sessions it added.
 */
export async function ensureDemoClinics(tx: Executor, today: CalendarDate): Promise<number> {
  const [nurse] = await tx
    .select({ id: staff.id, organisationId: staff.organisationId })
    .from(staff)
    .innerJoin(organisation, eq(organisation.id, staff.organisationId))
    .where(
      and(
        eq(organisation.name, DEMO_ORGANISATION_NAME),
        eq(staff.email, `priya@${demoEmailDomain(DEMO_ORGANISATION_NAME)}`),
      ),
    )
    .limit(1);
  if (!nurse) return 0;
  const organisationId = nurse.organisationId;
  const existing = await tx
    .select({ id: clinic.id, name: clinic.name, active: clinic.active })
    .from(clinic)
    .where(
      and(
        eq(clinic.organisationId, organisationId),
        inArray(
          clinic.name,
          demoClinics.map((c) => c.name),
        ),
      ),
    );
  const missing = demoClinics.filter((c) => !existing.some((e) => e.name === c.name));
  // A demo clinic someone has closed stays closed: no sessions are added to it.
  const clinicIds = new Map(existing.filter((c) => c.active).map((c) => [c.name, c.id]));
  if (missing.length > 0) {
    const added = await tx
      .insert(clinic)
      .values(missing.map((c) => ({ organisationId, name: c.name, place: c.place, createdBy: nurse.id })))
      .returning({ id: clinic.id, name: clinic.name });
    for (const c of added) clinicIds.set(c.name, c.id);
  }
  if (clinicIds.size === 0) return 0;
  const held = await tx
    .select({ clinicId: clinicSession.clinicId, startsAt: clinicSession.startsAt })
    .from(clinicSession)
    .where(
      and(
        eq(clinicSession.organisationId, organisationId),
        inArray(clinicSession.clinicId, [...clinicIds.values()]),
        gte(clinicSession.startsAt, new Date(`${today}T00:00:00Z`).toISOString()),
      ),
    );
  const heldKeys = new Set(held.map((s) => `${s.clinicId} ${Date.parse(s.startsAt)}`));
  let sessions = 0;
  for (const plan of demoSessionPlans(today)) {
    const clinicId = clinicIds.get(plan.clinic.name);
    if (!clinicId) continue;
    // The domain's own cutting (London clock to instants, whole slots), as Priya's form would set it up.
    const times = slotTimes({
      clinicId,
      date: plan.date,
      startTime: plan.clinic.startTime,
      endTime: plan.clinic.endTime,
      slotMinutes: plan.clinic.slotMinutes,
      capacity: 1,
      checks: [...plan.clinic.checks],
      staffIds: [nurse.id],
    });
    if (heldKeys.has(`${clinicId} ${Date.parse(times.startsAt)}`)) continue;
    const [session] = await tx
      .insert(clinicSession)
      .values({
        organisationId,
        clinicId,
        startsAt: times.startsAt,
        endsAt: times.endsAt,
        checks: [...plan.clinic.checks],
        staffIds: [nurse.id],
        createdBy: nurse.id,
      })
      .returning({ id: clinicSession.id });
    if (!session) throw new Error('ensureDemoClinics: no session');
    await tx.insert(clinicSlot).values(
      times.slots.map((slot) => ({
        organisationId,
        sessionId: session.id,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        capacity: 1,
      })),
    );
    sessions += 1;
  }
  return sessions;
}
