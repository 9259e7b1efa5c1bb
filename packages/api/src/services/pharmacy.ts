import { canDispense, type Actor } from '@harbour/domain/access/policy';
import { londonDate } from '@harbour/domain/dates';
import { DomainError, isDomainError, notFound } from '@harbour/domain/errors';
import type { CalendarDate } from '@harbour/domain/ids';
import { accountForUnrecordedDays } from '@harbour/domain/ost/dispensing';
import type { DispensingState } from '@harbour/domain/ost/dispensing-types';
import { pharmacyDueOn, type PharmacyDue } from '@harbour/domain/ost/pharmacy-day';
import { recordPharmacyOutcome } from '@harbour/domain/ost/pharmacy-record';
import { OstPlan } from '@harbour/domain/ost/plan';
import type { DispensingOutcome, RecordDispensingInput } from '@harbour/domain/ost/store';
import type { Weekday } from '@harbour/domain/ost/supervision';
import type { Database, Transaction } from '@harbour/db/client';
import { treatmentEpisode } from '@harbour/db/schema/episode';
import { dispensing, ostPlan, pharmacy, pharmacyMembership } from '@harbour/db/schema/ost';
import { person } from '@harbour/db/schema/person';
import { withTenant } from '@harbour/db/tenant';
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { writeAudit } from '../audit/write-audit.ts';
import { openOstFollowUps } from './ost-follow-ups.ts';
import { rescoreAfterEntry, settle, type Outcome, type WriteContext } from './record-event.ts';

/**
 * The pharmacy loop (issue 10): a pharmacist's list for today and one recording per person per day. A
 * pharmacist sees only the people with a current plan at a pharmacy they work at (policy `canDispense`, and
 * row-level security under it), and of them only what dispensing needs: name and date of birth to check who
 * is at the counter, today's dose and supervision, and what is recorded today. Never the record.
 */

export interface PharmacyListEntry {
  personId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  medicine: OstPlan['medicine'];
  doseMg: number;
  supervisedDays: Weekday[];
  pickupDays: Weekday[];
  /** The prescriber's notes for the pharmacy, if any. */
  pharmacyNotes: string | null;
  due: PharmacyDue;
  /** Days in a row without a dose, counting today's unrecorded days before today (0: none). */
  daysWithoutDose: number;
  /** What was recorded today, if anything. */
  recorded: { outcome: DispensingOutcome; takeHomeDays: number; note: string | null } | null;
}

export interface PharmacyDay {
  day: CalendarDate;
  pharmacies: { id: string; name: string; address: string }[];
  people: PharmacyListEntry[];
}

const LIST = 'ost.pharmacy.today';
const RECORD = 'ost.pharmacy.record';

async function pharmaciesOf(tx: Transaction, actor: Actor) {
  return tx
    .select({ id: pharmacy.id, name: pharmacy.name, address: pharmacy.address })
    .from(pharmacyMembership)
    .innerJoin(pharmacy, eq(pharmacy.id, pharmacyMembership.pharmacyId))
    .where(
      and(
        eq(pharmacyMembership.organisationId, actor.organisationId),
        eq(pharmacyMembership.staffId, actor.staffId),
      ),
    )
    .orderBy(asc(pharmacy.name));
}

/** Today's list at the pharmacist's pharmacies: everyone with a current plan there, by family name. Audited. */
export async function pharmacyToday(db: Database, actor: Actor, context: WriteContext): Promise<PharmacyDay> {
  const tenant = { organisationId: actor.organisationId, actorId: actor.staffId };
  return withTenant(db, tenant, async (tx) => {
    const day = londonDate(context.now);
    const pharmacies = await pharmaciesOf(tx, actor);
    const ids = pharmacies.map((p) => p.id);
    const rows =
      ids.length === 0
        ? []
        : await tx
            .select({
              personId: ostPlan.personId,
              planId: ostPlan.id,
              pharmacyId: ostPlan.pharmacyId,
              plan: ostPlan.plan,
              state: ostPlan.dispensing,
              givenName: person.givenName,
              familyName: person.familyName,
              dateOfBirth: person.dateOfBirth,
            })
            .from(ostPlan)
            .innerJoin(person, eq(person.id, ostPlan.personId))
            .where(
              and(
                eq(ostPlan.organisationId, actor.organisationId),
                inArray(ostPlan.pharmacyId, ids),
                ne(ostPlan.phase, 'ended'),
              ),
            )
            .orderBy(asc(person.familyName), asc(person.givenName), asc(person.id));
    const recorded = new Map(
      (rows.length === 0
        ? []
        : await tx
            .select({
              personId: dispensing.personId,
              outcome: dispensing.outcome,
              takeHomeDays: dispensing.takeHomeDays,
              note: dispensing.note,
            })
            .from(dispensing)
            .where(
              and(
                eq(dispensing.organisationId, actor.organisationId),
                eq(dispensing.day, day),
                inArray(
                  dispensing.personId,
                  rows.map((r) => r.personId),
                ),
              ),
            )
      ).map((r) => [r.personId, { outcome: r.outcome, takeHomeDays: r.takeHomeDays, note: r.note }]),
    );
    const people: PharmacyListEntry[] = [];
    for (const row of rows) {
      const allowed = canDispense(actor, { planPharmacyId: row.pharmacyId, actorPharmacyIds: ids });
      if (!allowed.allowed || row.state === null) continue;
      const plan = OstPlan.parse(row.plan);
      const state = row.state as DispensingState;
      people.push({
        personId: row.personId,
        givenName: row.givenName,
        familyName: row.familyName,
        dateOfBirth: row.dateOfBirth,
        medicine: plan.medicine,
        doseMg: plan.doseMg,
        supervisedDays: plan.supervision.supervisedDays,
        pickupDays: plan.instalments?.pickupDays ?? [],
        pharmacyNotes: plan.pharmacyNotes ?? null,
        due: pharmacyDueOn(plan, state, day),
        daysWithoutDose: accountForUnrecordedDays(state, day).state.daysWithoutDose,
        recorded: recorded.get(row.personId) ?? null,
      });
    }
    // One row for the list (identifiers only), as for a caseload.
    await writeAudit(tx, {
      actor,
      personId: null,
      action: 'list',
      procedure: LIST,
      requestId: context.requestId,
      basis: 'pharmacy',
      outcome: 'allowed',
    });
    return { day, pharmacies, people };
  });
}

export interface DispensingRecorded {
  day: CalendarDate;
  outcome: DispensingOutcome;
  blocked: boolean;
  consecutiveMissedDays: number;
  /** Alerts and tasks opened for the prescriber and keyworker by this recording. */
  followUps: number;
}

/**
 * Records one person's outcome for today. In one transaction, with the plan's row locked so that two
 * recordings of the same person take turns: the day's row (a second recording of the day is a conflict), the
 * pharmacy loop's new state, the alerts and tasks it raises (in this request), the person's re-score (MISSED_DOSES
 * after 3 days without a dose) and one audit row. A recording the rules refuse stores nothing and says why.
 */
export async function recordDispensing(
  db: Database,
  actor: Actor,
  input: RecordDispensingInput,
  context: WriteContext,
): Promise<DispensingRecorded> {
  const tenant = { organisationId: actor.organisationId, actorId: actor.staffId };
  const outcome = await withTenant(
    db,
    tenant,
    async (
      tx,
    ): Promise<Outcome<DispensingRecorded> | { kind: 'refused'; message: string } | { kind: 'conflict' }> => {
      const audit = {
        actor,
        personId: input.personId,
        action: 'create',
        procedure: RECORD,
        requestId: context.requestId,
      } as const;
      const actorPharmacyIds = (await pharmaciesOf(tx, actor)).map((p) => p.id);
      // Row-level security shows a pharmacist only their own pharmacies' people: anyone else is "not found".
      const [row] = await tx
        .select()
        .from(ostPlan)
        .where(
          and(
            eq(ostPlan.organisationId, actor.organisationId),
            eq(ostPlan.personId, input.personId),
            ne(ostPlan.phase, 'ended'),
          ),
        )
        .orderBy(desc(ostPlan.createdAt))
        .limit(1)
        .for('update');
      if (!row) {
        await writeAudit(tx, { ...audit, basis: null, outcome: 'denied', reason: 'not found' });
        return { kind: 'not_found' };
      }
      const decision = canDispense(actor, { planPharmacyId: row.pharmacyId, actorPharmacyIds });
      if (!decision.allowed) {
        // Answered as "not found", like a person row-level security hides: a pharmacist learns nothing of
        // people dispensed elsewhere, not even that they exist.
        await writeAudit(tx, { ...audit, basis: null, outcome: 'denied', reason: decision.reason });
        return { kind: 'not_found' };
      }
      const today = londonDate(context.now);
      const refuse = async (message: string) => {
        await writeAudit(tx, {
          ...audit,
          action: 'view',
          basis: decision.basis,
          outcome: 'allowed',
          reason: 'dispensing refused: nothing written',
        });
        return { kind: 'refused' as const, message };
      };
      if (input.day !== today)
        return refuse(
          `This list was for ${input.day}. Open today’s list: only today’s dose can be recorded.`,
        );
      if (row.dispensing === null) return refuse('An injection is given by a clinician, not dispensed here.');
      const [already] = await tx
        .select({ id: dispensing.id })
        .from(dispensing)
        .where(and(eq(dispensing.personId, input.personId), eq(dispensing.day, today)));
      if (already) {
        await writeAudit(tx, {
          ...audit,
          action: 'view',
          basis: decision.basis,
          outcome: 'allowed',
          reason: 'already recorded today: nothing written',
        });
        return { kind: 'conflict' as const };
      }
      const plan = OstPlan.parse(row.plan);
      let recording;
      try {
        recording = recordPharmacyOutcome(plan, row.dispensing as DispensingState, today, input.outcome);
      } catch (error) {
        if (isDomainError(error) && error.code === 'RULE_REFUSED') return refuse(error.message);
        throw error;
      }
      const event = recording.event;
      await tx.insert(dispensing).values({
        organisationId: actor.organisationId,
        personId: input.personId,
        planId: row.id,
        planVersion: row.version,
        pharmacyId: row.pharmacyId,
        day: today,
        outcome: input.outcome.kind,
        takeHomeDays:
          event?.type === 'supervised_consumed'
            ? (event.takeHomeDays ?? 0)
            : event?.type === 'collected_take_home'
              ? event.days
              : 0,
        note: input.outcome.kind === 'withheld_intoxicated' ? input.outcome.why : null,
        recordedBy: actor.staffId,
        recordedAt: context.now.toISOString(),
      });
      await tx
        .update(ostPlan)
        .set({ dispensing: recording.state, updatedAt: context.now.toISOString() })
        .where(eq(ostPlan.id, row.id));
      const [episode] = await tx
        .select({ keyworkerId: treatmentEpisode.keyworkerId })
        .from(treatmentEpisode)
        .where(
          and(
            eq(treatmentEpisode.id, row.episodeId),
            eq(treatmentEpisode.organisationId, actor.organisationId),
          ),
        );
      await openOstFollowUps(tx, {
        organisationId: actor.organisationId,
        personId: input.personId,
        planId: row.id,
        prescriberId: plan.prescriberId,
        keyworkerId: episode?.keyworkerId ?? null,
        followUps: recording.followUps,
        today,
      });
      await rescoreAfterEntry(tx, actor.organisationId, input.personId, context.now);
      await writeAudit(tx, { ...audit, basis: decision.basis, outcome: 'allowed' });
      return {
        kind: 'ok',
        value: {
          day: today,
          outcome: input.outcome.kind,
          blocked: recording.blocked,
          consecutiveMissedDays: recording.consecutiveMissedDays,
          followUps: recording.followUps.length,
        },
      };
    },
  );
  if (outcome.kind === 'refused') throw new DomainError('RULE_REFUSED', outcome.message);
  if (outcome.kind === 'conflict')
    throw new DomainError('CONFLICT', 'Today is already recorded for this person. Reload the list.');
  if (outcome.kind === 'not_found') throw notFound('Person');
  return settle(outcome);
}
