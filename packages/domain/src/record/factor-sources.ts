import type { ClinicalEventType } from '../events.ts';
import type { RiskFactorCode } from '../risk/codes.ts';
import type { FactKind } from './facts.ts';

/**
 * Where in the record each risk factor comes from: the kinds of event it follows, or the current fact it reads,
 * so the risk panel can link each factor to its evidence (the entry, or the fact's form). Sex, age and a drug
 * alert come from the person's details and the area; missed doses from the pharmacy's record.
 */
export interface FactorSource {
  events: readonly ClinicalEventType[];
  fact: FactKind | null;
}

const event = (...events: ClinicalEventType[]): FactorSource => ({ events, fact: null });
const fact = (kind: FactKind): FactorSource => ({ events: [], fact: kind });
const elsewhere: FactorSource = { events: [], fact: null };

export const factorSources: Readonly<Record<RiskFactorCode, FactorSource>> = {
  PRISON_RELEASE: event('prison_release'),
  HOSPITAL_DISCHARGE: event('hospital_discharge'),
  SELF_DISCHARGE: event('hospital_discharge'),
  OST_EXIT: event('ost_exit'),
  TOLERANCE_LOSS: event('detox_completion'),
  METHADONE_INDUCTION: event('ost_start', 'ost_dose_change'),
  MISSED_DOSES: elsewhere,
  NON_FATAL_OVERDOSE: event('non_fatal_overdose'),
  NOT_IN_OST: fact('drug_use'),
  BENZODIAZEPINE: fact('co_prescriptions'),
  GABAPENTINOID: fact('co_prescriptions'),
  Z_DRUG: fact('co_prescriptions'),
  ANTIPSYCHOTIC: fact('co_prescriptions'),
  ALCOHOL: fact('alcohol'),
  INJECTING: fact('injecting'),
  USING_ALONE: fact('drug_use'),
  SUICIDALITY: event('suicidality'),
  CHRONIC_LUNG_DISEASE: fact('conditions'),
  LIVER_DISEASE: fact('conditions'),
  HOMELESS: fact('housing'),
  MALE: elsewhere,
  AGE_40_PLUS: elsewhere,
  DRUG_ALERT: elsewhere,
};
