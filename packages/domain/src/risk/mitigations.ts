import type { CalendarDate } from '../ids.ts';
import { ostMedicineLabels } from '../medicines.ts';
import type { MitigationCode, MitigationResult, MitigationStatus } from './assessment.ts';
import { type RiskTier, riskTierLabels } from './codes.ts';
import { dayNumberAfterMonths, fromDayNumber, toDayNumber } from './day-number.ts';
import {
  type CurrentOst,
  type RiskFacts,
  type RiskSubstance,
  riskSubstanceLabels,
  type TreatmentStatus,
} from './facts.ts';
import { contactDaysForTier } from './tiers.ts';
import { noteChange, type Working } from './working.ts';

/**
 * The mitigation checklist (drd-risk.md "Mitigations"), STORM-style: shown beside the score, never changing it.
 * Each item is met, unmet or not applicable, with a detail in plain English. Every date at which an item would
 * lapse is a change date for `nextChangeAt`.
 */

export const mitigationLabels: Readonly<Record<MitigationCode, string>> = {
  naloxone: 'Naloxone held and in date',
  adequate_ost_dose: 'On OST at an adequate dose',
  sedative_review: 'No sedative co-prescription, or reviewed with the GP within 6 months',
  recent_contact: 'Contact within the days expected for the tier',
  safety_plan: 'Safety plan recorded',
  bbv_and_health_check: 'BBV test and health check in date',
  case_review: 'Case review in the last 90 days (very high tier)',
};

/** Adequate OST doses in mg/day (drd-risk.md): methadone ≥ 60, buprenorphine ≥ 12, any prolonged-release dose. */
export const ADEQUATE_DOSE_MG = { methadone: 60, buprenorphine: 12 } as const;
/** A sedative review with the GP stays in date for 6 calendar months. */
export const SEDATIVE_REVIEW_MONTHS = 6;
/** A BBV test or health check stays in date for 12 calendar months (health-and-instruments.md). */
export const HEALTH_CHECK_MONTHS = 12;
/** A case review counts for 90 days (days 0–90). */
export const CASE_REVIEW_DAYS = 90;

/** Sedatives whose co-prescription needs a GP review (ost.md: benzodiazepine, gabapentinoid, Z-drug). */
const sedatives: ReadonlySet<RiskSubstance> = new Set([
  'benzodiazepine',
  'pregabalin',
  'gabapentin',
  'z_drug',
]);

function result(code: MitigationCode, status: MitigationStatus, detail: string): MitigationResult {
  return { code, label: mitigationLabels[code], status, detail };
}

function naloxone(facts: RiskFacts, w: Working): MitigationResult {
  let held: RiskFacts['naloxoneSupplies'][number] | null = null;
  let latest: RiskFacts['naloxoneSupplies'][number] | null = null;
  for (const kit of facts.naloxoneSupplies) {
    if (latest === null || kit.suppliedOn >= latest.suppliedOn) latest = kit;
    if (
      kit.reportedOn === null &&
      kit.expiresOn >= w.asOf &&
      (held === null || kit.expiresOn > held.expiresOn)
    )
      held = kit;
  }
  if (held !== null) {
    noteChange(w, toDayNumber(held.expiresOn) + 1);
    return result('naloxone', 'met', `Kit supplied on ${held.suppliedOn}, in date until ${held.expiresOn}`);
  }
  if (latest === null)
    return result('naloxone', 'unmet', 'No naloxone supply recorded: supply a kit, with training');
  const supplied = latest.suppliedOn;
  const why =
    latest.reportedOn === null
      ? `expired on ${latest.expiresOn}`
      : `reported ${String(latest.reportedOutcome)} on ${latest.reportedOn}`;
  return result('naloxone', 'unmet', `Last kit (supplied on ${supplied}) ${why}: resupply`);
}

const treatmentWords: Record<TreatmentStatus, string> = {
  in_treatment: 'in treatment',
  referred: 'referred',
  not_in_treatment: 'not in treatment',
};

function adequateFor(ost: CurrentOst): number | null {
  if (ost.medicine === 'methadone') return ADEQUATE_DOSE_MG.methadone;
  if (ost.medicine === 'buprenorphine_prolonged_release') return null;
  return ADEQUATE_DOSE_MG.buprenorphine;
}

function ostDose(facts: RiskFacts): MitigationResult {
  const ost = facts.currentOst;
  if (ost === null) {
    if (!facts.usesOpioids)
      return result('adequate_ost_dose', 'not_applicable', 'Does not use opioids and is not on OST');
    return result(
      'adequate_ost_dose',
      'unmet',
      `Uses opioids and is not on OST (${treatmentWords[facts.treatmentStatus]}): offer OST`,
    );
  }
  const medicine = ostMedicineLabels[ost.medicine];
  const floor = adequateFor(ost);
  if (floor === null)
    return result(
      'adequate_ost_dose',
      'met',
      `${medicine} ${ost.doseMg} mg (any prolonged-release dose is adequate)`,
    );
  if (ost.doseMg >= floor)
    return result(
      'adequate_ost_dose',
      'met',
      `${medicine} ${ost.doseMg} mg/day (adequate: ${floor} mg/day or more)`,
    );
  return result(
    'adequate_ost_dose',
    'unmet',
    `${medicine} ${ost.doseMg} mg/day, below ${floor} mg/day: review the dose`,
  );
}

/** In date through `lapsesAfter` (inclusive); notes the lapse as a change date when still in date. */
/** The last day `months` after `on` (inclusive) as a date, or `null` once lapsed; notes the lapse as a change. */
function inDateUntil(w: Working, on: CalendarDate, months: number): CalendarDate | null {
  const lastDay = dayNumberAfterMonths(on, months);
  if (w.asOfDay > lastDay) return null;
  noteChange(w, lastDay + 1);
  return fromDayNumber(lastDay);
}

function sedativeReview(facts: RiskFacts, w: Working): MitigationResult {
  const prescribed = facts.substances.filter((s) => s.source === 'prescribed' && sedatives.has(s.substance));
  if (prescribed.length === 0) return result('sedative_review', 'met', 'No sedative co-prescription');
  const names = prescribed.map((s) => riskSubstanceLabels[s.substance]).join(', ');
  const reviewed = facts.sedativeReviewedOn;
  if (reviewed === null)
    return result('sedative_review', 'unmet', `Co-prescribed ${names}; no GP review recorded`);
  const until = inDateUntil(w, reviewed, SEDATIVE_REVIEW_MONTHS);
  if (until !== null) {
    return result(
      'sedative_review',
      'met',
      `Co-prescribed ${names}; reviewed with the GP on ${reviewed} (in date until ${until})`,
    );
  }
  return result(
    'sedative_review',
    'unmet',
    `Co-prescribed ${names}; last GP review on ${reviewed}, more than ${SEDATIVE_REVIEW_MONTHS} months ago`,
  );
}

function contact(facts: RiskFacts, w: Working, tier: RiskTier): MitigationResult {
  const days = contactDaysForTier(tier);
  const expected = `every ${days} days at the ${riskTierLabels[tier].toLowerCase()} tier`;
  const last = facts.lastContactOn;
  if (last === null) return result('recent_contact', 'unmet', `No contact recorded (expected ${expected})`);
  const dueDay = toDayNumber(last) + days;
  if (w.asOfDay <= dueDay) {
    noteChange(w, dueDay + 1);
    return result('recent_contact', 'met', `Last contact on ${last} (expected ${expected})`);
  }
  return result('recent_contact', 'unmet', `Last contact on ${last}: overdue (expected ${expected})`);
}

function safetyPlan(facts: RiskFacts): MitigationResult {
  const plan = facts.safetyPlan;
  if (plan === null) return result('safety_plan', 'unmet', 'No safety plan recorded');
  const missing: string[] = [];
  if (!plan.whoToCall) missing.push('who to call');
  if (!plan.whereTheyUse) missing.push('where they use');
  if (!plan.emergencyWishes) missing.push('what they want to happen in an emergency');
  const recorded = `Recorded on ${plan.recordedOn}`;
  if (missing.length === 0) return result('safety_plan', 'met', recorded);
  const last = missing.pop();
  const list = missing.length === 0 ? last : `${missing.join(', ')} or ${String(last)}`;
  return result('safety_plan', 'unmet', `${recorded}, without ${String(list)}`);
}

/** One half of the BBV and health check detail; `what` is written as it starts the sentence or follows `; `. */
function healthItem(w: Working, what: string, on: CalendarDate | null): { ok: boolean; words: string } {
  if (on === null) return { ok: false, words: `no ${what} recorded` };
  const until = inDateUntil(w, on, HEALTH_CHECK_MONTHS);
  if (until === null) return { ok: false, words: `${what} on ${on}, out of date` };
  return { ok: true, words: `${what} on ${on} (in date until ${until})` };
}

function bbvAndHealthCheck(facts: RiskFacts, w: Working): MitigationResult {
  const bbv = healthItem(w, 'BBV test', facts.lastBbvTestOn);
  const check = healthItem(w, 'health check', facts.lastHealthCheckOn);
  // The BBV half starts the sentence: capitalise its "no" (its only lower-case start) without re-reading the text.
  const first = facts.lastBbvTestOn === null ? 'No BBV test recorded' : bbv.words;
  return result('bbv_and_health_check', bbv.ok && check.ok ? 'met' : 'unmet', `${first}; ${check.words}`);
}

function caseReview(facts: RiskFacts, w: Working, tier: RiskTier): MitigationResult {
  if (tier !== 'very_high') return result('case_review', 'not_applicable', 'Only for the very high tier');
  const last = facts.lastCaseReviewOn;
  if (last === null)
    return result(
      'case_review',
      'unmet',
      'No case review recorded (due within 14 days once very high for 7 days)',
    );
  const dueDay = toDayNumber(last) + CASE_REVIEW_DAYS;
  if (w.asOfDay <= dueDay) {
    noteChange(w, dueDay + 1);
    return result('case_review', 'met', `Case review on ${last}`);
  }
  return result(
    'case_review',
    'unmet',
    `Last case review on ${last}, more than ${CASE_REVIEW_DAYS} days ago`,
  );
}

/** The checklist for someone in `tier` (the tier after overrides), in the brief's order. */
export function assessMitigations(facts: RiskFacts, w: Working, tier: RiskTier): MitigationResult[] {
  return [
    naloxone(facts, w),
    ostDose(facts),
    sedativeReview(facts, w),
    contact(facts, w, tier),
    safetyPlan(facts),
    bbvAndHealthCheck(facts, w),
    caseReview(facts, w, tier),
  ];
}
