import { addDays } from '@harbour/domain/dates';
import type { CalendarDate } from '@harbour/domain/ids';
import { applyDispensingEvent } from '@harbour/domain/ost/dispensing';
import {
  startDispensing,
  type DailyOstMedicine,
  type DispensingState,
} from '@harbour/domain/ost/dispensing-types';
import { instalmentDirections, recommendedHomeOfficeWording } from '@harbour/domain/ost/instalment-wording';
import type { OstPlan } from '@harbour/domain/ost/plan';
import { weekdays, type Weekday } from '@harbour/domain/ost/supervision';
import { uuidv7 } from 'uuidv7';
import type * as schema from '../schema/index.ts';
import type { DemoStructure, PeopleBatch } from './generate.ts';

/**
 * The demo's pharmacies and OST plans (issue 10), synthetic: two pharmacies, each pharmacist at one (Tom
 * Hughes at the first), and current plans at them for people on daily OST (the first team's at Tom's). One of
 * Tom's people has missed the last two days, so a third miss blocks dispensing: the loop can be shown, and
 * tested, on the first day.
 */

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'];

export interface DemoPharmacies {
  pharmacies: (Row<typeof schema.pharmacy> & { id: string })[];
  memberships: Row<typeof schema.pharmacyMembership>[];
}

export const demoPharmacyPlaces = [
  { name: 'Quayside Pharmacy', address: '12 Quay Street, Northshire' },
  { name: 'Castle Chemist', address: '3 Castle Road, Northshire' },
] as const;

/** Plans per pharmacy in the demo: enough for a real list, small enough to record in a minute. */
export const DEMO_PLANS_PER_PHARMACY = 12;

export function demoPharmacies(structure: DemoStructure): DemoPharmacies {
  const organisationId = structure.organisation.id;
  const pharmacies = demoPharmacyPlaces.map((place) => ({ id: uuidv7(), organisationId, ...place }));
  const pharmacists = structure.staff.filter((s) => s.role === 'pharmacist');
  const memberships = pharmacists.flatMap((s, i) => {
    const place = pharmacies[i % pharmacies.length];
    return place ? [{ organisationId, pharmacyId: place.id, staffId: s.id }] : [];
  });
  return { pharmacies, memberships };
}

export interface DemoPlans {
  plans: (Row<typeof schema.ostPlan> & { id: string })[];
  versions: Row<typeof schema.ostPlanVersion>[];
  dispensing: Row<typeof schema.dispensing>[];
}

/** How many plans each pharmacy holds so far (across batches). */
export type PlanCounts = Map<string, number>;

const daily = new Set(['methadone', 'buprenorphine', 'buprenorphine_naloxone']);

/** The person's current daily OST from their events (latest start or change, no exit after), if any. */
function currentOst(
  events: PeopleBatch['events'],
  personId: string,
): { medicine: OstPlan['medicine']; doseMg: number; startedOn: CalendarDate } | null {
  let current: { medicine: OstPlan['medicine']; doseMg: number; startedOn: CalendarDate } | null = null;
  for (const e of events) {
    if (e.personId !== personId) continue;
    if (e.type === 'ost_start')
      current = { medicine: e.details.medicine, doseMg: e.details.doseMg, startedOn: e.occurredOn };
    else if (e.type === 'ost_dose_change' && current !== null)
      current = { medicine: e.details.medicine, doseMg: e.details.toMg, startedOn: current.startedOn };
    else if (e.type === 'ost_exit') current = null;
  }
  return current !== null && daily.has(current.medicine) ? current : null;
}

/**
 * Plans for a batch of people: the first team's people on daily OST at the first pharmacy, others' at the
 * second, up to `perPharmacy` each (`DEMO_PLANS_PER_PHARMACY`; the pharmacy-day benchmark asks for 30).
 * Alternately supervised every day, or on Monday, Wednesday and Friday with the other days taken home. Their
 * loop starts today, except the third plan at the first pharmacy, whose last two days were missed.
 */
export function demoPlans(
  structure: DemoStructure,
  places: DemoPharmacies,
  batch: PeopleBatch,
  asOf: CalendarDate,
  counts: PlanCounts,
  perPharmacy: number = DEMO_PLANS_PER_PHARMACY,
): DemoPlans {
  const out: DemoPlans = { plans: [], versions: [], dispensing: [] };
  const [first, second] = places.pharmacies;
  const firstTeam = structure.teams[0];
  const prescribers = structure.staff.filter((s) => s.role === 'prescriber');
  const okafor = prescribers.find((s) => s.displayName === 'Dr Chidi Okafor') ?? prescribers[0];
  if (!first || !second || !firstTeam || !okafor) return out;
  const effectiveFrom = addDays(asOf, -14);
  for (const episode of batch.episodes) {
    if (episode.status !== 'active') continue;
    const place: DemoPharmacies['pharmacies'][number] = episode.teamId === firstTeam.id ? first : second;
    const n = counts.get(place.id) ?? 0;
    if (n >= perPharmacy) continue;
    const ost = currentOst(batch.events, episode.personId);
    if (ost === null || ost.startedOn > effectiveFrom) continue;
    counts.set(place.id, n + 1);
    const everyDay = n % 2 === 0;
    const days: Weekday[] = everyDay ? [...weekdays] : ['mon', 'wed', 'fri'];
    const prescriber = place === first ? okafor : (prescribers[n % prescribers.length] ?? okafor);
    const base: OstPlan = {
      personId: episode.personId,
      episodeId: episode.id,
      version: 1,
      medicine: ost.medicine,
      phase: 'maintenance',
      doseMg: ost.doseMg,
      productAllowsHigherDose: false,
      courseStartedOn: ost.startedOn,
      effectiveFrom,
      supervision: {
        mode: everyDay ? 'daily_supervised' : 'partly_supervised',
        supervisedDays: days,
        reasons: ['stability'],
        decidedOn: effectiveFrom,
        reviewOn: addDays(asOf, 14),
      },
      instalments: { form: 'FP10MDA', pickupDays: days, daysPerForm: 14, wording: [] },
      injection: null,
      pharmacyId: place.id,
      lastReviewOn: effectiveFrom,
      reviewOn: addDays(effectiveFrom, 84),
      prescriberId: prescriber.id,
      reason: 'Demo: the plan agreed at the last prescribing review.',
    };
    const plan: OstPlan = {
      ...base,
      instalments: base.instalments && { ...base.instalments, wording: recommendedHomeOfficeWording(base) },
    };
    const missedTwo = place === first && n === 2;
    const start = startDispensing({
      medicine: ost.medicine as DailyOstMedicine,
      phase: plan.phase,
      doseMg: plan.doseMg,
      firstDoseOn: missedTwo ? addDays(asOf, -2) : asOf,
      lastDoseIncreaseOn: null,
    });
    let state: DispensingState = start;
    const id = uuidv7();
    if (missedTwo) {
      for (const day of [addDays(asOf, -2), addDays(asOf, -1)]) {
        state = applyDispensingEvent(state, { type: 'missed', on: day }).state;
        out.dispensing.push({
          organisationId: structure.organisation.id,
          personId: episode.personId,
          planId: id,
          planVersion: 1,
          pharmacyId: place.id,
          day,
          outcome: 'missed',
          takeHomeDays: 0,
          recordedBy: places.memberships.find((m) => m.pharmacyId === place.id)?.staffId ?? null,
          recordedAt: `${day}T17:30:00Z`,
        });
      }
    }
    out.plans.push({
      id,
      organisationId: structure.organisation.id,
      personId: episode.personId,
      episodeId: episode.id,
      medicine: plan.medicine,
      phase: plan.phase,
      doseMg: plan.doseMg,
      pharmacyId: place.id,
      effectiveFrom,
      reviewOn: plan.reviewOn,
      plan,
      dispensing: state,
    });
    out.versions.push({
      planId: id,
      version: 1,
      organisationId: structure.organisation.id,
      personId: episode.personId,
      pharmacyId: place.id,
      plan,
      wording: instalmentDirections(plan, effectiveFrom).lines,
      findings: [],
      acknowledgements: [],
      reason: plan.reason,
      writtenBy: prescriber.id,
      writtenAt: `${effectiveFrom}T10:00:00Z`,
    });
  }
  return out;
}
