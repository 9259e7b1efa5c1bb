import { addDays, londonDate } from '@harbour/domain/dates';
import type { HealthNeedCode } from '@harbour/domain/health/catalogue';
import { healthFactsFromEntries, type RecordBasics } from '@harbour/domain/health/entries';
import { healthNeeds, type HealthNeed } from '@harbour/domain/health/needs';
import type { CalendarDate } from '@harbour/domain/ids';
import type { Executor } from '@harbour/db/client';
import { booking, clinicSlot, healthEntry } from '@harbour/db/schema/booking';
import { treatmentEpisode } from '@harbour/db/schema/episode';
import { ostPlan } from '@harbour/db/schema/ost';
import { person } from '@harbour/db/schema/person';
import { personFact } from '@harbour/db/schema/person-fact';
import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';

/**
 * A person's health needs today, from what the record holds: the episode's start (the entry date), their date
 * of birth, the injecting and drug-use facts (injecting, smoking), a methadone plan's dose, the health entries
 * staff recorded (results, vaccines, referrals, checks, declines: @harbour/domain/health/entries) and their open
 * bookings still to come. The rules (`healthNeeds`) decide; this only gathers. Runs in the caller's transaction.
 */

export interface PersonHealth {
  today: CalendarDate;
  needs: HealthNeed[];
}

/** What `healthNeeds` reads about the person besides their entries. */
async function recordBasics(
  tx: Executor,
  organisationId: string,
  personId: string,
  today: CalendarDate,
): Promise<RecordBasics> {
  // Sent together (one round trip on PostgreSQL, which runs them in order): none depends on another.
  const [[who], [episode], facts, [plan]] = await Promise.all([
    tx
      .select({ dateOfBirth: person.dateOfBirth, createdAt: person.createdAt })
      .from(person)
      .where(and(eq(person.id, personId), eq(person.organisationId, organisationId))),
    tx
      .select({ referredOn: treatmentEpisode.referredOn, startedOn: treatmentEpisode.startedOn })
      .from(treatmentEpisode)
      .where(
        and(eq(treatmentEpisode.organisationId, organisationId), eq(treatmentEpisode.personId, personId)),
      )
      .orderBy(
        sql`case when ${treatmentEpisode.status} = 'discharged' then 1 else 0 end`,
        desc(treatmentEpisode.referredOn),
      )
      .limit(1),
    tx
      .select({ kind: personFact.kind, details: personFact.details })
      .from(personFact)
      .where(
        and(
          eq(personFact.organisationId, organisationId),
          eq(personFact.personId, personId),
          inArray(personFact.kind, ['injecting', 'drug_use']),
        ),
      ),
    tx
      .select({ medicine: ostPlan.medicine, doseMg: ostPlan.doseMg })
      .from(ostPlan)
      .where(and(eq(ostPlan.organisationId, organisationId), eq(ostPlan.personId, personId)))
      .orderBy(desc(ostPlan.effectiveFrom))
      .limit(1),
  ]);
  const injecting = facts.find((f) => f.kind === 'injecting')?.details as
    { lastInjectedOn: CalendarDate | null } | undefined;
  const drugUse = facts.find((f) => f.kind === 'drug_use')?.details as { routes?: string[] } | undefined;
  const entryDate =
    episode?.startedOn ?? episode?.referredOn ?? (who ? londonDate(new Date(who.createdAt)) : today);
  const lastInjectedOn = injecting?.lastInjectedOn ?? null;
  return {
    // An entry date after today (a referral dated ahead) would make every need "upcoming": today instead.
    entryDate: entryDate > today ? today : entryDate,
    dateOfBirth: who?.dateOfBirth ?? null,
    injecting: {
      // Injected in the last 28 days counts as injecting now (the risk model's INJECTING reads the same fact).
      current: lastInjectedOn !== null && lastInjectedOn >= addDays(today, -28),
      lastInjectedOn: lastInjectedOn !== null && lastInjectedOn <= today ? lastInjectedOn : null,
    },
    smokes: drugUse?.routes?.includes('smoking') ?? false,
    methadone: plan?.medicine === 'methadone' ? { currentDoseMg: plan.doseMg, plannedDoseMg: null } : null,
    buprenorphine: plan && plan.medicine !== 'methadone' ? 'current' : 'none',
    qtProlongingCoMedication: false,
  };
}

/** The person's open bookings still to come: need and London day. */
export async function upcomingBookings(
  tx: Executor,
  organisationId: string,
  personId: string,
  now: Date,
): Promise<{ need: HealthNeedCode; on: CalendarDate }[]> {
  const rows = await tx
    .select({ need: booking.need, startsAt: clinicSlot.startsAt })
    .from(booking)
    .innerJoin(clinicSlot, eq(clinicSlot.id, booking.slotId))
    .where(
      and(
        eq(booking.organisationId, organisationId),
        eq(booking.personId, personId),
        eq(booking.status, 'booked'),
        gte(clinicSlot.startsAt, now.toISOString()),
      ),
    );
  return rows.map((r) => ({ need: r.need, on: londonDate(new Date(r.startsAt)) }));
}

/** The person's health needs on `now`'s London day. */
export async function personHealth(
  tx: Executor,
  organisationId: string,
  personId: string,
  now: Date,
): Promise<PersonHealth> {
  const today = londonDate(now);
  // Sent together, as recordBasics's own reads are.
  const [basics, entries, bookings] = await Promise.all([
    recordBasics(tx, organisationId, personId, today),
    tx
      .select({
        need: healthEntry.need,
        kind: healthEntry.kind,
        on: healthEntry.on,
        result: healthEntry.result,
        note: healthEntry.note,
      })
      .from(healthEntry)
      .where(
        and(
          eq(healthEntry.organisationId, organisationId),
          eq(healthEntry.personId, personId),
          eq(healthEntry.status, 'active'),
        ),
      ),
    upcomingBookings(tx, organisationId, personId, now),
  ]);
  const facts = healthFactsFromEntries(basics, entries, bookings);
  return { today, needs: healthNeeds(facts, today) };
}
