import type { CalendarDate } from '../ids.ts';
import type { FactRef } from './assessment.ts';
import { catalogueByCode, PREGABALIN_HIGH_DOSE } from './catalogue.ts';
import type { RiskFactorCode } from './codes.ts';
import { birthdayOfAge, fromDayNumber, toDayNumber } from './day-number.ts';
import { cappedPoints } from './domains.ts';
import {
  type HealthCondition,
  type RiskFacts,
  type RiskSubstance,
  riskSubstanceLabels,
  type TreatmentStatus,
} from './facts.ts';
import {
  currentPoints,
  lastWindowDay,
  noteChange,
  pushFactor,
  shownCurrentWindow,
  type Working,
} from './working.ts';
import { isContinuousTransfer } from './transfer.ts';

/**
 * Factors that hold while a state is current (substances, conditions, housing, not being on OST, a drug alert)
 * or always (sex, age 40 and over). Their points do not fade; some end on a known date (injecting 28 days after
 * the last injection, a drug alert on its end date), which is a change date for `nextChangeAt`.
 */

/** INJECTING is current for days 0–28 after the last injection ("injected in the last 28 days"). */
export const INJECTING_CURRENT_DAYS = 28;
/** AGE_40_PLUS: the age in years from which it applies. */
export const AGE_FACTOR_YEARS = 40;
/** ALCOHOL: harmful drinking thresholds (health-and-instruments.md): AUDIT ≥ 16 or AUDIT-C ≥ 8. */
export const HARMFUL_AUDIT = 16;
export const HARMFUL_AUDIT_C = 8;

const OST_EXIT_LAST_DAY = lastWindowDay(catalogueByCode.OST_EXIT);

function current(
  w: Working,
  code: RiskFactorCode,
  detail: string,
  facts: FactRef[],
  startsOn: CalendarDate | null = null,
  endsOn: CalendarDate | null = null,
  extra = 0,
): void {
  const definition = catalogueByCode[code];
  pushFactor(
    w,
    definition,
    currentPoints(definition) + extra,
    detail,
    shownCurrentWindow(definition, startsOn, endsOn),
    facts,
  );
}

const notInOstWording: Record<TreatmentStatus, string> = {
  in_treatment: 'Uses opioids; in treatment without OST',
  referred: 'Uses opioids; referred, not yet on OST',
  not_in_treatment: 'Uses opioids; not in treatment',
};

/**
 * NOT_IN_OST: uses opioids and is not on OST, once the OST_EXIT window (days 0–28) has passed. A transfer with
 * continuity is not an exit (the person stays on OST); if one is the latest record but no OST is current,
 * NOT_IN_OST counts in full and says so. During that
 * window OST_EXIT takes its place, unless the transitions cap leaves the exit adding fewer points than NOT_IN_OST
 * would: then NOT_IN_OST still counts, so that recording an exit can never lower the score.
 */
export function notInOstFactor(facts: RiskFacts, w: Working): void {
  if (!facts.usesOpioids || facts.currentOst !== null) return;
  const definition = catalogueByCode.NOT_IN_OST;
  let detail = notInOstWording[facts.treatmentStatus];
  let startsOn: CalendarDate | null = null;
  const refs: FactRef[] = [
    { path: 'usesOpioids', value: true },
    { path: 'treatmentStatus', value: facts.treatmentStatus },
  ];
  let latestExit = '';
  let latestTransfer = '';
  for (const exit of facts.ostExits) {
    if (isContinuousTransfer(exit)) {
      if (exit.exitedOn > latestTransfer) latestTransfer = exit.exitedOn;
    } else if (exit.exitedOn > latestExit) latestExit = exit.exitedOn;
  }
  if (latestTransfer > latestExit) {
    // Continuity holds only while they are on OST: with none recorded, not being on OST counts in full.
    detail += `. A transfer with continuity was recorded on ${latestTransfer}, but no current OST: record the prescription, or that continuity failed`;
  } else if (latestExit === '') {
    detail +=
      '. No OST exit is recorded: if they left OST in the last 4 weeks, record the exit (a higher-risk window)';
  } else {
    const exitDay = toDayNumber(latestExit);
    if (w.asOfDay - exitDay > OST_EXIT_LAST_DAY) {
      startsOn = fromDayNumber(exitDay + OST_EXIT_LAST_DAY + 1);
    } else {
      let transitions = 0;
      let exitPoints = 0;
      for (const factor of w.factors) {
        if (factor.domain === 'transitions') transitions += factor.points;
        if (factor.code === 'OST_EXIT') exitPoints = factor.points;
      }
      const gain =
        cappedPoints('transitions', transitions) - cappedPoints('transitions', transitions - exitPoints);
      if (gain >= currentPoints(definition)) return;
      detail += `. Counted in the OST exit window because the transitions cap leaves the exit adding ${gain} points`;
    }
  }
  current(w, 'NOT_IN_OST', detail, refs, startsOn);
}

const factorOfSubstance: Record<RiskSubstance, RiskFactorCode> = {
  benzodiazepine: 'BENZODIAZEPINE',
  pregabalin: 'GABAPENTINOID',
  gabapentin: 'GABAPENTINOID',
  z_drug: 'Z_DRUG',
  antipsychotic: 'ANTIPSYCHOTIC',
};

/** BENZODIAZEPINE, GABAPENTINOID (+4 above 300 mg/day pregabalin), Z_DRUG, ANTIPSYCHOTIC, in catalogue order. */
export function substanceFactors(facts: RiskFacts, w: Working): void {
  if (facts.substances.length === 0) return;
  const found = new Map<RiskFactorCode, { words: string[]; refs: FactRef[] }>();
  let pregabalinMg = 0;
  let pregabalinUnknown = false;
  facts.substances.forEach((use, i) => {
    const code = factorOfSubstance[use.substance];
    const entry = found.get(code) ?? { words: [], refs: [] };
    entry.words.push(
      `${riskSubstanceLabels[use.substance]} (${use.source}${use.dailyDoseMg === null ? '' : `, ${use.dailyDoseMg} mg/day`})`,
    );
    entry.refs.push({ path: `substances[${i}].substance`, value: use.substance });
    found.set(code, entry);
    if (use.substance !== 'pregabalin') return;
    if (use.dailyDoseMg === null) {
      pregabalinUnknown = true;
    } else {
      pregabalinMg += use.dailyDoseMg;
      entry.refs.push({ path: `substances[${i}].dailyDoseMg`, value: use.dailyDoseMg });
    }
  });
  const highDose = pregabalinMg > PREGABALIN_HIGH_DOSE.aboveMgPerDay;
  if (pregabalinUnknown && !highDose) {
    w.dataGaps.push({
      code: 'PREGABALIN_DOSE_NOT_RECORDED',
      message: `Pregabalin dose not recorded: ${PREGABALIN_HIGH_DOSE.points} more points apply above ${PREGABALIN_HIGH_DOSE.aboveMgPerDay} mg/day`,
    });
  }
  for (const code of ['BENZODIAZEPINE', 'GABAPENTINOID', 'Z_DRUG', 'ANTIPSYCHOTIC'] as const) {
    const entry = found.get(code);
    if (entry === undefined) continue;
    const extra = code === 'GABAPENTINOID' && highDose ? PREGABALIN_HIGH_DOSE.points : 0;
    const suffix =
      extra > 0
        ? `; pregabalin ${pregabalinMg} mg/day in total, above ${PREGABALIN_HIGH_DOSE.aboveMgPerDay}`
        : '';
    current(w, code, `Current: ${entry.words.join(', ')}${suffix}`, entry.refs, null, null, extra);
  }
}

/** ALCOHOL, INJECTING, USING_ALONE. */
export function useFactors(facts: RiskFacts, w: Working): void {
  const { auditScore, auditCScore, clinicianRecordedHarmful } = facts.alcohol;
  const alcohol: FactRef[] = [];
  const alcoholWords: string[] = [];
  if (auditScore !== null && auditScore >= HARMFUL_AUDIT) {
    alcohol.push({ path: 'alcohol.auditScore', value: auditScore });
    alcoholWords.push(`AUDIT ${auditScore}`);
  }
  if (auditCScore !== null && auditCScore >= HARMFUL_AUDIT_C) {
    alcohol.push({ path: 'alcohol.auditCScore', value: auditCScore });
    alcoholWords.push(`AUDIT-C ${auditCScore}`);
  }
  if (clinicianRecordedHarmful) {
    alcohol.push({ path: 'alcohol.clinicianRecordedHarmful', value: true });
    alcoholWords.push('recorded by a clinician');
  }
  if (alcohol.length > 0) {
    current(w, 'ALCOHOL', `Harmful drinking: ${alcoholWords.join('; ')}`, alcohol);
  } else if (auditScore === null && auditCScore === null) {
    w.dataGaps.push({
      code: 'ALCOHOL_NOT_SCREENED',
      message: `No AUDIT or AUDIT-C recorded: harmful drinking (${currentPoints(catalogueByCode.ALCOHOL)} points) may be missed`,
    });
  }

  if (facts.lastInjectedOn !== null) {
    const injectedDay = toDayNumber(facts.lastInjectedOn);
    if (w.asOfDay - injectedDay <= INJECTING_CURRENT_DAYS) {
      noteChange(w, injectedDay + INJECTING_CURRENT_DAYS + 1);
      current(
        w,
        'INJECTING',
        `Last injected on ${facts.lastInjectedOn}`,
        [{ path: 'lastInjectedOn', value: facts.lastInjectedOn }],
        facts.lastInjectedOn,
        fromDayNumber(injectedDay + INJECTING_CURRENT_DAYS),
      );
    }
  }

  if (facts.usesAlone) current(w, 'USING_ALONE', 'Usually uses alone', [{ path: 'usesAlone', value: true }]);
}

const conditionWords: Record<HealthCondition, string> = {
  copd: 'COPD',
  asthma_needing_treatment: 'asthma needing treatment',
  cirrhosis: 'cirrhosis',
  chronic_hepatitis: 'chronic hepatitis',
};

const conditionFactors: Record<HealthCondition, 'CHRONIC_LUNG_DISEASE' | 'LIVER_DISEASE'> = {
  copd: 'CHRONIC_LUNG_DISEASE',
  asthma_needing_treatment: 'CHRONIC_LUNG_DISEASE',
  cirrhosis: 'LIVER_DISEASE',
  chronic_hepatitis: 'LIVER_DISEASE',
};

/** CHRONIC_LUNG_DISEASE, LIVER_DISEASE, HOMELESS. */
export function healthAndSocialFactors(facts: RiskFacts, w: Working): void {
  for (const code of ['CHRONIC_LUNG_DISEASE', 'LIVER_DISEASE'] as const) {
    const refs: FactRef[] = [];
    const words: string[] = [];
    facts.conditions.forEach((condition, i) => {
      if (conditionFactors[condition] !== code) return;
      refs.push({ path: `conditions[${i}]`, value: condition });
      words.push(conditionWords[condition]);
    });
    if (refs.length > 0) current(w, code, `Recorded: ${words.join(', ')}`, refs);
  }

  if (facts.housing === 'no_stable_accommodation' || facts.housing === 'rough_sleeping') {
    current(
      w,
      'HOMELESS',
      facts.housing === 'rough_sleeping' ? 'Rough sleeping' : 'No stable accommodation',
      [{ path: 'housing', value: facts.housing }],
    );
  } else if (facts.housing === 'not_recorded') {
    w.dataGaps.push({
      code: 'HOUSING_NOT_RECORDED',
      message: `Housing not recorded: rough sleeping or no stable accommodation (${currentPoints(catalogueByCode.HOMELESS)} points) may be missed`,
    });
  }
}

/** MALE, AGE_40_PLUS (from the 40th birthday, a change date until then), DRUG_ALERT. */
export function personAndAreaFactors(facts: RiskFacts, w: Working): void {
  if (facts.sex === 'male') current(w, 'MALE', 'Recorded sex: male', [{ path: 'sex', value: 'male' }]);

  const birthday = birthdayOfAge(facts.dateOfBirth, AGE_FACTOR_YEARS);
  if (w.asOf >= birthday) {
    current(
      w,
      'AGE_40_PLUS',
      `${AGE_FACTOR_YEARS} or over since ${birthday}`,
      [{ path: 'dateOfBirth', value: facts.dateOfBirth }],
      birthday,
    );
  } else {
    noteChange(w, toDayNumber(birthday));
  }

  const alert = facts.drugAlert;
  const ost = facts.currentOst;
  if (alert === null || (alert.endsOn !== null && alert.endsOn < w.asOf)) return;
  // "Uses opioids" includes people on OST: they are opioid-dependent and may use on top.
  if (!facts.usesOpioids && ost === null) return;
  if (alert.endsOn !== null) noteChange(w, toDayNumber(alert.endsOn) + 1);
  const opioids: FactRef =
    ost !== null && !facts.usesOpioids
      ? { path: 'currentOst.medicine', value: ost.medicine }
      : { path: 'usesOpioids', value: true };
  const refs: FactRef[] = [{ path: 'drugAlert.issuedOn', value: alert.issuedOn }, opioids];
  current(
    w,
    'DRUG_ALERT',
    `Drug alert issued ${alert.issuedOn}: ${alert.summary}`,
    refs,
    alert.issuedOn,
    alert.endsOn,
  );
}
