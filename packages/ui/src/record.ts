import { daysBetween } from '@harbour/domain/dates';
import { clinicalEventLabels, type EventPayload } from '@harbour/domain/events';
import type { CalendarDate } from '@harbour/domain/ids';
import { ostMedicineLabels, type OstMedicine } from '@harbour/domain/medicines';
import { monthlyInjectionDoses, weeklyInjectionDoses } from '@harbour/domain/ost/injection';
import { drugRouteLabels, streetSubstanceLabels, type FactPayload } from '@harbour/domain/record/facts';
import {
  contactModeLabels,
  detoxSettingLabels,
  healthConditionLabels,
  housingStatusLabels,
  naloxoneOutcomeLabels,
  naloxoneProductLabels,
  naloxoneRecipientLabels,
  ostExitReasonLabels,
  overdoseSourceLabels,
  suicidalitySourceLabels,
} from '@harbour/domain/record/labels';
import type { RiskFactorCode } from '@harbour/domain/risk/codes';
import { riskSubstanceLabels } from '@harbour/domain/risk/facts';
import { riskFlagLabels } from '@harbour/domain/risk/flags';
import type { RiskReason } from '@harbour/domain/risk/stored';
import { formatDate, formatDose } from './format.ts';

// A person's record in words, for the staff portal: entries, doses, current facts and the reasons beside a score.
// It imports the domain's labels, so use it on the server (in `load`), as `ost.ts` says.

/**
 * A dose in its unit: a daily dose "60 mg a day"; a prolonged-release buprenorphine injection "128 mg monthly
 * injection" (its doses are weekly 8/16/24/32 mg or monthly 64/96/128/160 mg, ost.md), never "128 mg a day".
 */
export function doseWords(medicine: OstMedicine, doseMg: number): string {
  if (medicine !== 'buprenorphine_prolonged_release') return `${formatDose(doseMg)} a day`;
  if ((weeklyInjectionDoses as readonly number[]).includes(doseMg))
    return `${formatDose(doseMg)} weekly injection`;
  if ((monthlyInjectionDoses as readonly number[]).includes(doseMg))
    return `${formatDose(doseMg)} monthly injection`;
  return `${formatDose(doseMg)} injection`;
}

/** "Methadone 60 mg a day"; "Prolonged-release buprenorphine injection 128 mg monthly injection" reads badly. */
export function medicineAndDose(medicine: OstMedicine, doseMg: number): string {
  if (medicine === 'buprenorphine_prolonged_release')
    return `Prolonged-release buprenorphine, ${doseWords(medicine, doseMg)}`;
  return `${ostMedicineLabels[medicine]} ${doseWords(medicine, doseMg)}`;
}

/** An entry as a title and its details in words: an unattended contact is "Did not attend", not "Contact". */
export function describeEvent(event: EventPayload): { title: string; details: string } {
  const yes = (value: boolean, words: string): string => (value ? words : '');
  switch (event.type) {
    case 'prison_release':
      return { title: 'Released from prison', details: event.details.establishment ?? '' };
    case 'hospital_discharge':
      return {
        title: event.details.selfDischarged
          ? 'Left hospital against medical advice'
          : 'Discharged from hospital',
        details: event.details.admittedOn ? `Admitted ${formatDate(event.details.admittedOn)}` : '',
      };
    case 'ost_start':
      return {
        title: 'Started opioid substitution treatment',
        details: medicineAndDose(event.details.medicine, event.details.doseMg),
      };
    case 'ost_dose_change': {
      const { medicine, fromMg, toMg, reason } = event.details;
      const unit = doseWords(medicine, toMg).replace(formatDose(toMg), '').trim();
      return {
        title: toMg > fromMg ? 'Dose increased' : 'Dose reduced',
        details: `${ostMedicineLabels[medicine]}: ${formatDose(fromMg)} to ${formatDose(toMg)} ${unit}. ${reason}`,
      };
    }
    case 'ost_exit':
      return {
        title: 'Left opioid substitution treatment',
        details: ostExitReasonLabels[event.details.reason],
      };
    case 'detox_completion':
      return {
        title: 'Completed detox or residential treatment',
        details: detoxSettingLabels[event.details.setting],
      };
    case 'non_fatal_overdose':
      return {
        title: 'Non-fatal overdose',
        details: [
          `Told us: ${overdoseSourceLabels[event.details.source].toLowerCase()}`,
          yes(event.details.naloxoneGiven, 'naloxone given'),
        ]
          .filter(Boolean)
          .join('; '),
      };
    case 'naloxone_supply': {
      const d = event.details;
      return {
        title: 'Naloxone supplied',
        details: [
          naloxoneProductLabels[d.product],
          `to ${naloxoneRecipientLabels[d.recipient].toLowerCase()}`,
          d.supplyType === 'first'
            ? 'first kit'
            : `another kit (${naloxoneOutcomeLabels[d.repeatReason ?? 'used'].toLowerCase()})`,
          d.trainingGiven ? 'training given' : 'no training given',
          `expires ${formatDate(d.expiresOn)}`,
        ].join(', '),
      };
    }
    case 'naloxone_report':
      return {
        title: 'Naloxone kit reported',
        details: naloxoneOutcomeLabels[event.details.outcome],
      };
    case 'contact':
      if (event.details.notPossible !== undefined)
        return {
          title: 'Contact not possible',
          details: `${contactModeLabels[event.details.mode]}: ${event.details.notPossible}`,
        };
      return event.details.attended
        ? { title: `Contact: ${contactModeLabels[event.details.mode].toLowerCase()}`, details: '' }
        : { title: 'Did not attend', details: contactModeLabels[event.details.mode] };
    case 'suicidality':
      return { title: 'Suicidal thoughts recorded', details: suicidalitySourceLabels[event.details.source] };
    case 'case_review':
      return {
        title: 'Case review',
        details: `${event.details.actionsAgreed} action${event.details.actionsAgreed === 1 ? '' : 's'} agreed`,
      };
  }
}

/** The kind's label, for menus and headings. */
export function eventKindLabel(type: EventPayload['type']): string {
  return clinicalEventLabels[type];
}

const list = (items: readonly string[], none: string): string =>
  items.length === 0 ? none : items.join(', ');

/** A current fact in words. */
export function describeFact(fact: FactPayload): string {
  switch (fact.kind) {
    case 'drug_use': {
      const d = fact.details;
      return [
        d.usesOpioids ? 'Uses heroin or other opioids not prescribed' : 'Does not use opioids outside OST',
        `Substances: ${list(
          d.substances.map((s) => streetSubstanceLabels[s].toLowerCase()),
          'none recorded',
        )}`,
        `How: ${list(
          d.routes.map((r) => drugRouteLabels[r].toLowerCase()),
          'not recorded',
        )}`,
        d.usesAlone ? 'Usually uses alone' : '',
      ]
        .filter(Boolean)
        .join('. ');
    }
    case 'injecting':
      return fact.details.lastInjectedOn === null
        ? 'Has never injected'
        : `Last injected ${formatDate(fact.details.lastInjectedOn)}`;
    case 'co_prescriptions': {
      const medicines = fact.details.medicines.map(
        (m) =>
          `${riskSubstanceLabels[m.substance]} (${m.source === 'prescribed' ? 'prescribed' : 'not prescribed'}${m.dailyDoseMg === null ? '' : `, ${formatDose(m.dailyDoseMg)} a day`})`,
      );
      const review = fact.details.gpReviewedOn
        ? `. Reviewed with the GP ${formatDate(fact.details.gpReviewedOn)}`
        : '';
      return `${list(medicines, 'None')}${review}`;
    }
    case 'conditions':
      return list(
        fact.details.conditions.map((c) => healthConditionLabels[c]),
        'None of the conditions the model weighs',
      );
    case 'housing':
      return housingStatusLabels[fact.details.status];
    case 'alcohol': {
      const d = fact.details;
      return [
        d.auditScore === null ? '' : `AUDIT ${d.auditScore}`,
        d.auditCScore === null ? '' : `AUDIT-C ${d.auditCScore}`,
        d.clinicianRecordedHarmful ? 'harmful drinking recorded by a clinician' : '',
      ]
        .filter(Boolean)
        .join(', ');
    }
    case 'safety_plan': {
      const d = fact.details;
      const parts = [
        d.whoToCall ? 'who to call' : '',
        d.whereTheyUse ? 'where they use' : '',
        d.emergencyWishes ? 'what they want in an emergency' : '',
      ].filter(Boolean);
      return parts.length === 0 ? 'Recorded, with none of its parts' : `Covers ${parts.join(', ')}`;
    }
    case 'flags':
      return list(
        fact.details.flags.map((f) => riskFlagLabels[f]),
        'No flags',
      );
  }
}

/** How long ago a day was: "today", "yesterday", "6 days ago", "5 weeks ago", "4 months ago". */
export function ago(day: CalendarDate, today: CalendarDate): string {
  const days = daysBetween(day, today);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 29) return `${days} days ago`;
  if (days < 91) return `${Math.round(days / 7)} weeks ago`;
  const months = Math.round(days / 30.44);
  return months < 24 ? `${months} months ago` : `${Math.round(days / 365.25)} years ago`;
}

/** What each factor says beside a name, with `{ago}` for how long since its event. */
const reasonWords: Readonly<Record<RiskFactorCode, string>> = {
  PRISON_RELEASE: 'released from prison {ago}',
  HOSPITAL_DISCHARGE: 'discharged from hospital {ago}',
  SELF_DISCHARGE: 'left hospital against advice {ago}',
  OST_EXIT: 'left OST {ago}',
  TOLERANCE_LOSS: 'finished detox or residential treatment {ago}',
  METHADONE_INDUCTION: 'started methadone {ago}',
  MISSED_DOSES: 'missed 3 or more OST doses in a row',
  NON_FATAL_OVERDOSE: 'overdose {ago}',
  NOT_IN_OST: 'not on OST',
  BENZODIAZEPINE: 'benzodiazepines',
  GABAPENTINOID: 'pregabalin or gabapentin',
  Z_DRUG: 'a Z-drug',
  ANTIPSYCHOTIC: 'an antipsychotic',
  ALCOHOL: 'harmful drinking',
  INJECTING: 'injecting',
  USING_ALONE: 'uses alone',
  SUICIDALITY: 'suicidal thoughts {ago}',
  CHRONIC_LUNG_DISEASE: 'COPD or asthma',
  LIVER_DISEASE: 'liver disease',
  HOMELESS: 'no stable housing',
  MALE: 'male',
  AGE_40_PLUS: 'aged 40 or over',
  DRUG_ALERT: 'a local drug alert',
};

/** A reason beside a name, in words, as of `today`: "released from prison 6 days ago", "not on OST". */
export function reasonPhrase(reason: Pick<RiskReason, 'code' | 'eventOn'>, today: CalendarDate): string {
  const words = reasonWords[reason.code];
  return reason.eventOn === null
    ? words.replace(' {ago}', '')
    : words.replace('{ago}', ago(reason.eventOn, today));
}
