import { addDays } from '@harbour/domain/dates';
import type { EventPayload } from '@harbour/domain/events';
import type { CalendarDate } from '@harbour/domain/ids';
import type { FactPayload } from '@harbour/domain/record/facts';
import type { RiskSubstance } from '@harbour/domain/risk/facts';
import type { EventRow, FactRow } from './generate.ts';
import type { Random } from './random.ts';

/**
 * The demo people's current facts (drug use, injecting, housing, alcohol, sedatives, conditions, safety plan,
 * flags) and a few recent events, so the register opens as a real one would: most people low or moderate, a few
 * high and very high for reasons a keyworker would recognise. Rates are rough UK treatment-population figures
 * (synthetic; no real person). Dean (methadone 9 years, COPD, drinks) and Kayleigh (injects, released from
 * prison last week, not yet on a prescription) are as workflows.md describes them.
 */

export interface FactContext {
  organisationId: string;
  keyworkerId: string | null;
  asOf: CalendarDate;
  start: CalendarDate;
}

type Add = (occurredOn: CalendarDate, payload: EventPayload, recordedBy: string | null) => void;

/** Transitions in the last few weeks, at small rates: the register's high and very high people. */
export function addRecentEvents(
  random: Random,
  ctx: FactContext,
  add: Add,
  persona: string | undefined,
  inTreatment: boolean,
): void {
  if (persona !== undefined || !inTreatment) return;
  const recent = (days: number): CalendarDate => addDays(ctx.asOf, -random.int(0, days));
  if (random.chance(0.012))
    add(recent(20), { type: 'prison_release', details: { establishment: 'HMP Northshire' } }, null);
  if (random.chance(0.02)) {
    const on = recent(30);
    add(
      on,
      {
        type: 'hospital_discharge',
        details: { admittedOn: addDays(on, -random.int(1, 6)), selfDischarged: random.chance(0.3) },
      },
      null,
    );
  }
  if (random.chance(0.025))
    add(
      recent(40),
      {
        type: 'non_fatal_overdose',
        details: {
          source: random.pick(['ambulance', 'emergency_department', 'peer', 'self_report'] as const),
          naloxoneGiven: random.chance(0.7),
        },
      },
      null,
    );
  if (random.chance(0.015))
    add(recent(25), { type: 'suicidality', details: { source: 'staff_observation' } }, ctx.keyworkerId);
}

interface OstNow {
  onOst: boolean;
}

function ostNow(events: readonly EventRow[]): OstNow {
  const last = events.filter((e) => ['ost_start', 'ost_dose_change', 'ost_exit'].includes(e.type)).at(-1);
  return { onOst: last !== undefined && last.type !== 'ost_exit' };
}

/** One fact row, recorded by the keyworker on `recordedOn`. */
function row(
  random: Random,
  ctx: FactContext,
  personId: string,
  recordedOn: CalendarDate,
  payload: FactPayload,
): FactRow {
  const ms = Date.parse(`${recordedOn}T10:00:00Z`);
  return {
    id: random.uuidv7(ms),
    organisationId: ctx.organisationId,
    personId,
    recordedOn,
    recordedBy: ctx.keyworkerId,
    recordedAt: `${recordedOn}T10:00:00.000Z`,
    ...payload,
  };
}

/** The person's current facts, each recorded on a day between `since` (their episode's start) and `asOf`. */
export function generateFacts(
  random: Random,
  ctx: FactContext,
  personId: string,
  events: readonly EventRow[],
  since: CalendarDate,
  persona: string | undefined,
): FactRow[] {
  const from = since > ctx.start ? since : addDays(ctx.asOf, -365);
  const span = Math.max(0, Math.round((Date.parse(ctx.asOf) - Date.parse(from)) / 86_400_000));
  const when = (): CalendarDate => (span === 0 ? ctx.asOf : addDays(from, random.int(0, span)));
  const facts: FactRow[] = [];
  const fact = (payload: FactPayload, on: CalendarDate = when()): void => {
    facts.push(row(random, ctx, personId, on, payload));
  };
  const { onOst } = ostNow(events);

  if (persona === 'Dean') {
    fact({ kind: 'drug_use', details: { usesOpioids: false, substances: [], routes: [], usesAlone: false } });
    fact({ kind: 'conditions', details: { conditions: ['copd'] } });
    fact({ kind: 'alcohol', details: { auditScore: null, auditCScore: 9, clinicianRecordedHarmful: false } });
    fact({ kind: 'housing', details: { status: 'settled' } });
    return facts;
  }
  if (persona === 'Kayleigh') {
    const released = addDays(ctx.asOf, -6);
    const details = {
      usesOpioids: true,
      substances: ['heroin', 'crack_cocaine'],
      routes: ['injecting'],
      usesAlone: true,
    } as const;
    fact(
      {
        kind: 'drug_use',
        details: { ...details, substances: [...details.substances], routes: [...details.routes] },
      },
      released,
    );
    fact({ kind: 'injecting', details: { lastInjectedOn: addDays(ctx.asOf, -3) } }, addDays(ctx.asOf, -2));
    fact({ kind: 'housing', details: { status: 'no_stable_accommodation' } }, released);
    return facts;
  }

  // Drug use: most people not on OST still use opioids; some on OST use on top.
  const usesOpioids = random.chance(onOst ? 0.25 : 0.7);
  const injects = usesOpioids && random.chance(0.3);
  const substances: ('heroin' | 'crack_cocaine' | 'cannabis')[] = [];
  if (usesOpioids) substances.push('heroin');
  if (random.chance(0.3)) substances.push('crack_cocaine');
  if (random.chance(0.2)) substances.push('cannabis');
  if (random.chance(0.9))
    fact({
      kind: 'drug_use',
      details: {
        usesOpioids,
        substances,
        routes: injects ? ['injecting'] : substances.length > 0 ? ['smoking'] : [],
        usesAlone: random.chance(0.2),
      },
    });
  if (injects) {
    const recordedOn = addDays(ctx.asOf, -random.int(0, 60));
    fact(
      { kind: 'injecting', details: { lastInjectedOn: addDays(recordedOn, -random.int(0, 20)) } },
      recordedOn,
    );
  }
  if (random.chance(0.85)) {
    const status = random.chance(0.8)
      ? 'settled'
      : random.chance(0.65)
        ? 'no_stable_accommodation'
        : 'rough_sleeping';
    fact({ kind: 'housing', details: { status } });
  }
  if (random.chance(0.7)) {
    const auditC = Math.min(12, Math.floor(random.next() ** 3 * 13));
    fact({
      kind: 'alcohol',
      details: { auditScore: null, auditCScore: auditC, clinicianRecordedHarmful: false },
    });
  }
  const medicines: {
    substance: RiskSubstance;
    source: 'prescribed' | 'illicit';
    dailyDoseMg: number | null;
  }[] = [];
  if (random.chance(0.06))
    medicines.push({
      substance: 'benzodiazepine',
      source: random.chance(0.6) ? 'illicit' : 'prescribed',
      dailyDoseMg: null,
    });
  if (random.chance(0.04))
    medicines.push({
      substance: 'pregabalin',
      source: 'prescribed',
      dailyDoseMg: random.pick([150, 300, 450, 600]),
    });
  if (random.chance(0.03)) medicines.push({ substance: 'z_drug', source: 'prescribed', dailyDoseMg: null });
  if (random.chance(0.04))
    medicines.push({ substance: 'antipsychotic', source: 'prescribed', dailyDoseMg: null });
  if (medicines.length > 0 || random.chance(0.1)) {
    const recordedOn = when();
    const reviewed = medicines.some((m) => m.source === 'prescribed') && random.chance(0.4);
    fact(
      {
        kind: 'co_prescriptions',
        details: { medicines, gpReviewedOn: reviewed ? addDays(recordedOn, -random.int(0, 90)) : null },
      },
      recordedOn,
    );
  }
  const conditions: ('copd' | 'asthma_needing_treatment' | 'chronic_hepatitis' | 'cirrhosis')[] = [];
  if (random.chance(0.06)) conditions.push('copd');
  if (random.chance(0.05)) conditions.push('asthma_needing_treatment');
  if (random.chance(0.08)) conditions.push('chronic_hepatitis');
  if (random.chance(0.01)) conditions.push('cirrhosis');
  if (conditions.length > 0) fact({ kind: 'conditions', details: { conditions } });
  if (random.chance(0.35))
    fact({
      kind: 'safety_plan',
      details: { whoToCall: true, whereTheyUse: random.chance(0.8), emergencyWishes: random.chance(0.7) },
    });
  if (random.chance(0.04))
    fact({
      kind: 'flags',
      details: {
        flags: [
          random.pick([
            'bereavement_or_relationship_breakdown',
            'new_dealer_or_batch',
            'children_in_home',
          ] as const),
        ],
      },
    });
  return facts;
}
