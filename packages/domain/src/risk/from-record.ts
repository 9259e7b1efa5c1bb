import type { EventPayload } from '../events.ts';
import type { CalendarDate } from '../ids.ts';
import { newKitLedger, recordKitEvent } from '../naloxone/kits.ts';
import type { Sex } from '../person.ts';
import type {
  AlcoholFacts,
  DrugAlertFacts,
  HealthCondition,
  HousingStatus,
  NaloxoneSupplyFact,
  RiskFacts,
  SafetyPlanFacts,
  SubstanceUse,
  TreatmentStatus,
} from './facts.ts';
import type { RiskFlag } from './flags.ts';
import { isContinuousTransfer } from './transfer.ts';

/**
 * Maps a person's stored record (events.ts vocabulary) to `RiskFacts`. Pure and cheap (no zod), so a caseload
 * can be mapped and scored in a loop; validate the result with `parseRiskFacts` where the record is not trusted.
 * Events must be on or before the assessment date: pass only those (the assessment refuses later ones).
 */

/** What the mapper needs of a person (a stored `Person` fits). */
export interface RiskPerson {
  sex: Sex;
  dateOfBirth: CalendarDate;
}

/** A stored event: its payload, the London day it happened, and its id when there is one (to link kit reports). */
export type RiskRecordEvent = EventPayload & { occurredOn: CalendarDate; id?: string };

/**
 * The facts that are not events, as last recorded. Only `usesOpioids` and `treatmentStatus` are required: a
 * wrong default there would hide NOT_IN_OST. The rest default to "nothing recorded" (which the assessment shows
 * as a data gap where it matters: housing `not_recorded`, alcohol not screened).
 */
export interface RiskCurrentState {
  usesOpioids: boolean;
  treatmentStatus: TreatmentStatus;
  /** Consecutive missed OST doses up to today. Ignored when the record shows the person is not on OST. */
  consecutiveMissedDoses?: number;
  substances?: SubstanceUse[];
  conditions?: HealthCondition[];
  housing?: HousingStatus;
  lastInjectedOn?: CalendarDate | null;
  alcohol?: Partial<AlcoholFacts>;
  usesAlone?: boolean;
  drugAlert?: DrugAlertFacts | null;
  safetyPlan?: SafetyPlanFacts | null;
  sedativeReviewedOn?: CalendarDate | null;
  lastBbvTestOn?: CalendarDate | null;
  lastHealthCheckOn?: CalendarDate | null;
  flags?: RiskFlag[];
}

/**
 * Builds `RiskFacts` from a person, their events (any order; same-day events keep their given order) and their
 * current state. Rules: the last `ost_start` or `ost_exit` decides whether they are on OST; a dose change
 * updates the dose, and a change of medicine restarts the start date (so a switch to methadone is a methadone
 * start); a dose change with no start on record counts as a start that day (the safer reading: it may show
 * METHADONE_INDUCTION rather than miss it); a transfer with continuity leaves the current OST in place (model
 * 2026.2: not an exit), any other `ost_exit` ends it; only attended contacts count; a naloxone report closes the kit it
 * names, or else the latest kit still held when it was reported (a report matching no kit changes nothing; a
 * "used" report is recorded as its own overdose event, so it is not counted twice).
 */
export function riskFactsFromRecord(
  person: RiskPerson,
  events: readonly RiskRecordEvent[],
  state: RiskCurrentState,
): RiskFacts {
  const facts: RiskFacts = {
    sex: person.sex,
    dateOfBirth: person.dateOfBirth,
    usesOpioids: state.usesOpioids,
    treatmentStatus: state.treatmentStatus,
    currentOst: null,
    consecutiveMissedDoses: 0,
    prisonReleases: [],
    hospitalDischarges: [],
    ostExits: [],
    detoxCompletions: [],
    nonFatalOverdoses: [],
    suicidalityRecordedOn: [],
    substances: state.substances ?? [],
    conditions: state.conditions ?? [],
    housing: state.housing ?? 'not_recorded',
    lastInjectedOn: state.lastInjectedOn ?? null,
    alcohol: {
      auditScore: state.alcohol?.auditScore ?? null,
      auditCScore: state.alcohol?.auditCScore ?? null,
      clinicianRecordedHarmful: state.alcohol?.clinicianRecordedHarmful ?? false,
    },
    usesAlone: state.usesAlone ?? false,
    naloxoneSupplies: [],
    lastContactOn: null,
    lastCaseReviewOn: null,
    safetyPlan: state.safetyPlan ?? null,
    sedativeReviewedOn: state.sedativeReviewedOn ?? null,
    lastBbvTestOn: state.lastBbvTestOn ?? null,
    lastHealthCheckOn: state.lastHealthCheckOn ?? null,
    drugAlert: state.drugAlert ?? null,
    flags: state.flags ?? [],
  };
  const kits = newKitLedger();
  const sorted = [...events].sort((a, b) =>
    a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0,
  );
  for (const event of sorted) {
    const on = event.occurredOn;
    switch (event.type) {
      case 'prison_release':
        facts.prisonReleases.push(on);
        break;
      case 'hospital_discharge':
        facts.hospitalDischarges.push({
          dischargedOn: on,
          admittedOn: event.details.admittedOn,
          selfDischarged: event.details.selfDischarged,
        });
        break;
      case 'ost_start':
        facts.currentOst = { medicine: event.details.medicine, doseMg: event.details.doseMg, startedOn: on };
        break;
      case 'ost_dose_change': {
        const ost = facts.currentOst;
        const restarted = ost === null || ost.medicine !== event.details.medicine;
        facts.currentOst = {
          medicine: event.details.medicine,
          doseMg: event.details.toMg,
          startedOn: restarted ? on : ost.startedOn,
        };
        break;
      }
      case 'ost_exit': {
        // A transfer with continuity keeps the person on OST: the receiving service continues the dose.
        const continuity = isContinuousTransfer(event.details);
        facts.ostExits.push(
          continuity
            ? { exitedOn: on, reason: event.details.reason, continuity }
            : { exitedOn: on, reason: event.details.reason },
        );
        if (!continuity) facts.currentOst = null;
        break;
      }
      case 'detox_completion':
        facts.detoxCompletions.push({ completedOn: on, setting: event.details.setting });
        break;
      case 'non_fatal_overdose':
        facts.nonFatalOverdoses.push(on);
        break;
      case 'naloxone_supply':
      case 'naloxone_report':
        // One linking rule for the mapper and the naloxone pages (naloxone/kits.ts).
        recordKitEvent(kits, event);
        break;
      case 'contact':
        // Events are in date order, so the last one seen is the latest.
        if (event.details.attended) facts.lastContactOn = on;
        break;
      case 'suicidality':
        facts.suicidalityRecordedOn.push(on);
        break;
      case 'case_review':
        facts.lastCaseReviewOn = on;
        break;
    }
  }
  facts.naloxoneSupplies = kits.kits.map((kit): NaloxoneSupplyFact => ({
    suppliedOn: kit.suppliedOn,
    expiresOn: kit.expiresOn,
    reportedOn: kit.report?.on ?? null,
    reportedOutcome: kit.report?.outcome ?? null,
  }));
  if (facts.currentOst !== null) facts.consecutiveMissedDoses = state.consecutiveMissedDoses ?? 0;
  return facts;
}
