import { clinicalEventLabels, type ClinicalEventType } from '@harbour/domain/events';
import type { CalendarDate } from '@harbour/domain/ids';
import { ostMedicineLabels, ostMedicines } from '@harbour/domain/medicines';
import { medicineUses, safetyPlanParts } from '@harbour/domain/record/fact-forms';
import {
  drugRouteLabels,
  drugRoutes,
  factKindLabels,
  streetSubstanceLabels,
  streetSubstances,
  type FactKind,
} from '@harbour/domain/record/facts';
import {
  contactModeLabels,
  detoxSettingLabels,
  healthConditionLabels,
  housingStatusLabels,
  naloxoneOutcomeLabels,
  naloxoneProductLabels,
  naloxoneRecipientLabels,
  naloxoneSupplyTypeLabels,
  naloxoneUsedForLabels,
  ostExitReasonLabels,
  overdoseSourceLabels,
  suicidalitySourceLabels,
} from '@harbour/domain/record/labels';
import { healthConditions, riskSubstanceLabels, riskSubstances } from '@harbour/domain/risk/facts';
import { riskFlagLabels, riskFlags } from '@harbour/domain/risk/flags';

/**
 * The fields of each record form, as data: what to ask, in what words, with which options. Made on the server
 * (the domain's labels stay out of the browser's bundle) and drawn by `EntryFields.svelte`. The names are the
 * fields of the form's schema in @harbour/domain/record/event-forms and fact-forms, which read the post.
 */

export interface Option {
  value: string;
  label: string;
  hint?: string;
}

export type FieldSpec =
  | { kind: 'date'; name: string; label: string; hint?: string; max?: CalendarDate }
  | { kind: 'text'; name: string; label: string; hint?: string }
  | { kind: 'number'; name: string; label: string; hint?: string; unit?: string; integer?: boolean }
  | { kind: 'radios'; name: string; legend: string; hint?: string; options: Option[]; inline?: boolean }
  | { kind: 'checkboxes'; name: string; legend: string; hint?: string; options: Option[] }
  | { kind: 'confirm'; name: string; label: string };

export interface FormSpec {
  title: string;
  /** A sentence under the title: what the entry is for. */
  intro: string;
  fields: FieldSpec[];
}

const options = <T extends string>(values: readonly T[], labels: Readonly<Record<T, string>>): Option[] =>
  values.map((value) => ({ value, label: labels[value] }));
const keys = <T extends string>(labels: Readonly<Record<T, string>>): T[] => Object.keys(labels) as T[];
const yesNo = (name: string, legend: string, hint?: string): FieldSpec => ({
  kind: 'radios',
  name,
  legend,
  ...(hint === undefined ? {} : { hint }),
  inline: true,
  options: [
    { value: 'yes', label: 'Yes' },
    { value: 'no', label: 'No' },
  ],
});
const when = (label: string, today: CalendarDate, hint?: string): FieldSpec => ({
  kind: 'date',
  name: 'occurredOn',
  label,
  max: today,
  ...(hint === undefined ? {} : { hint }),
});
const medicine: FieldSpec = {
  kind: 'radios',
  name: 'medicine',
  legend: 'Medicine',
  options: options(ostMedicines, ostMedicineLabels),
};

/** The fields of the form for recording (or amending) an event of `type`. */
export function eventFormSpec(
  type: ClinicalEventType,
  today: CalendarDate,
  kits: readonly Option[] = [],
): FormSpec {
  const title = clinicalEventLabels[type];
  switch (type) {
    case 'prison_release':
      return {
        title,
        intro: 'The 2 weeks after release are the highest-risk time: tolerance has fallen in custody.',
        fields: [
          when('Date of release', today),
          { kind: 'text', name: 'establishment', label: 'Prison or custody (optional)' },
        ],
      };
    case 'hospital_discharge':
      return {
        title,
        intro:
          'The days after leaving hospital carry a raised risk of overdose, more so after leaving against advice.',
        fields: [
          when('Date of discharge', today),
          { kind: 'date', name: 'admittedOn', label: 'Date of admission (optional)', max: today },
          yesNo('selfDischarged', 'Did they leave against medical advice?'),
        ],
      };
    case 'ost_start':
      return {
        title,
        intro: 'The first 2 weeks of methadone carry a raised risk while the dose is worked out.',
        fields: [
          when('Date started', today),
          medicine,
          {
            kind: 'number',
            name: 'doseMg',
            label: 'Dose',
            unit: 'mg',
            hint: 'A day, or the injection’s dose for prolonged-release buprenorphine',
          },
        ],
      };
    case 'ost_dose_change':
      return {
        title,
        intro: 'A dose change the prescriber has made.',
        fields: [
          when('Date of the change', today),
          medicine,
          { kind: 'number', name: 'fromMg', label: 'Dose before the change', unit: 'mg' },
          { kind: 'number', name: 'toMg', label: 'New dose', unit: 'mg' },
          { kind: 'text', name: 'reason', label: 'Why the dose changed' },
        ],
      };
    case 'ost_exit':
      return {
        title,
        intro: 'The 4 weeks after leaving OST are among the highest-risk times there are.',
        fields: [
          when('Date they left', today),
          {
            kind: 'radios',
            name: 'reason',
            legend: 'Why did they leave?',
            options: options(keys(ostExitReasonLabels), ostExitReasonLabels),
          },
          // A transfer the new service confirms it continues with no gap is not an exit (risk model 2026.2).
          {
            ...yesNo(
              'continuity',
              'If transferred: does the new service continue the prescription with no gap?',
              'Answer only for a transfer, once the new service has confirmed it',
            ),
          },
        ],
      };
    case 'detox_completion':
      return {
        title,
        intro: 'Tolerance is low after a detox or residential treatment: a usual dose can now kill.',
        fields: [
          when('Date they completed or left', today),
          {
            kind: 'radios',
            name: 'setting',
            legend: 'Where?',
            options: options(keys(detoxSettingLabels), detoxSettingLabels),
          },
        ],
      };
    case 'non_fatal_overdose':
      return {
        title,
        intro: 'Each overdose raises the risk of a fatal one. Record it whoever told us.',
        fields: [
          when('Date of the overdose', today),
          {
            kind: 'radios',
            name: 'source',
            legend: 'Who told us?',
            options: options(keys(overdoseSourceLabels), overdoseSourceLabels),
          },
          yesNo('naloxoneGiven', 'Was naloxone given?'),
        ],
      };
    case 'naloxone_supply':
      return {
        title,
        intro: 'A take-home naloxone kit given out.',
        fields: [
          when('Date supplied', today),
          {
            kind: 'radios',
            name: 'product',
            legend: 'Kit',
            options: options(keys(naloxoneProductLabels), naloxoneProductLabels),
          },
          {
            kind: 'radios',
            name: 'recipient',
            legend: 'Given to',
            options: options(keys(naloxoneRecipientLabels), naloxoneRecipientLabels),
          },
          {
            kind: 'radios',
            name: 'supplyType',
            legend: 'Is this their first kit?',
            options: options(keys(naloxoneSupplyTypeLabels), naloxoneSupplyTypeLabels),
          },
          // Asked after the choice rather than revealed under "Another kit": these forms are drawn from data.
          {
            kind: 'radios',
            name: 'repeatReason',
            legend: 'If it is another kit: why did they need it?',
            options: options(keys(naloxoneOutcomeLabels), naloxoneOutcomeLabels),
          },
          yesNo('trainingGiven', 'Was training given?'),
          { kind: 'date', name: 'expiresOn', label: 'Expiry date on the kit' },
        ],
      };
    case 'naloxone_report':
      return {
        title,
        intro:
          'A kit used, lost, out of date or taken away. A kit used on this person is recorded as their overdose, which opens its follow-up tasks: do not record the overdose again.',
        fields: [
          when('Date reported', today),
          {
            kind: 'radios',
            name: 'supplyEventId',
            legend: 'Which kit?',
            options: [...kits, { value: 'unknown', label: 'Not sure which kit' }],
          },
          {
            kind: 'radios',
            name: 'outcome',
            legend: 'What happened to it?',
            options: options(keys(naloxoneOutcomeLabels), naloxoneOutcomeLabels),
          },
          {
            kind: 'radios',
            name: 'usedFor',
            legend: 'If it was used: who was it used on?',
            options: options(keys(naloxoneUsedForLabels), naloxoneUsedForLabels),
          },
        ],
      };
    case 'contact':
      return {
        title,
        intro: 'A contact that happened, or one they did not attend.',
        fields: [
          when('Date', today),
          {
            kind: 'radios',
            name: 'mode',
            legend: 'How?',
            options: options(keys(contactModeLabels), contactModeLabels),
          },
          {
            kind: 'radios',
            name: 'attended',
            legend: 'Did they attend?',
            options: [
              { value: 'yes', label: 'Yes', hint: 'They came, answered, or replied' },
              { value: 'no', label: 'No', hint: 'No answer, no reply, or they did not come' },
              {
                value: 'not_possible',
                label: 'Not possible',
                hint: 'This way of re-engaging them could not be tried at all: say why below',
              },
            ],
          },
          {
            kind: 'text',
            name: 'notPossible',
            label: 'Why it was not possible (only if not possible)',
            hint: 'For example: no phone number on file, no nominated contact, no known address',
          },
        ],
      };
    case 'suicidality':
      return {
        title,
        intro: 'Suicidal thoughts raise the risk for 4 weeks. Make sure someone acts on them today.',
        fields: [
          when('Date', today),
          {
            kind: 'radios',
            name: 'source',
            legend: 'How did it come to light?',
            options: options(keys(suicidalitySourceLabels), suicidalitySourceLabels),
          },
        ],
      };
    case 'case_review':
      return {
        title,
        intro: 'A structured team review of their risk and plan.',
        fields: [
          when('Date of the review', today),
          { kind: 'number', name: 'actionsAgreed', label: 'Actions agreed', integer: true },
        ],
      };
  }
}

const recorded = (today: CalendarDate): FieldSpec => ({
  kind: 'date',
  name: 'recordedOn',
  label: 'Date this was found out',
  hint: 'The day of the conversation, the screen or the letter',
  max: today,
});

/** The fields of the form for recording (or changing) a current fact of `kind`. */
export function factFormSpec(kind: FactKind, today: CalendarDate): FormSpec {
  const title = factKindLabels[kind];
  switch (kind) {
    case 'drug_use':
      return {
        title,
        intro: 'What they use and how. Using opioids outside OST, and using alone, add to the score.',
        fields: [
          recorded(today),
          yesNo('usesOpioids', 'Do they use heroin or other opioids that are not prescribed to them?'),
          {
            kind: 'checkboxes',
            name: 'substances',
            legend: 'What do they use?',
            hint: 'Select all that apply',
            options: options(streetSubstances, streetSubstanceLabels),
          },
          {
            kind: 'checkboxes',
            name: 'routes',
            legend: 'How do they use?',
            hint: 'Select all that apply',
            options: options(drugRoutes, drugRouteLabels),
          },
          yesNo('usesAlone', 'Do they usually use alone?'),
        ],
      };
    case 'injecting':
      return {
        title,
        intro: 'Injecting in the last 28 days adds to the score.',
        fields: [
          recorded(today),
          {
            kind: 'radios',
            name: 'injected',
            legend: 'Have they ever injected?',
            options: [
              { value: 'never', label: 'No, never' },
              { value: 'on', label: 'Yes' },
            ],
          },
          {
            kind: 'date',
            name: 'lastInjectedOn',
            label: 'If they have: when did they last inject?',
            max: today,
          },
        ],
      };
    case 'co_prescriptions':
      return {
        title,
        intro:
          'Sedatives with opioids multiply the risk. Record each, prescribed or not, and the last review with the GP.',
        fields: [
          recorded(today),
          ...riskSubstances.map((substance): FieldSpec => ({
            kind: 'radios',
            name: substance,
            legend: riskSubstanceLabels[substance].replace(/^./, (c) => c.toUpperCase()),
            inline: true,
            options: options(medicineUses, {
              none: 'Not taking',
              prescribed: 'Prescribed',
              illicit: 'Not prescribed',
              both: 'Both',
            }),
          })),
          {
            kind: 'number',
            name: 'pregabalinDoseMg',
            label: 'Prescribed pregabalin a day (optional)',
            unit: 'mg',
            hint: 'Above 300 mg a day adds to the score',
          },
          {
            kind: 'date',
            name: 'gpReviewedOn',
            label: 'Last review of these with the GP (optional)',
            max: today,
          },
        ],
      };
    case 'conditions':
      return {
        title,
        intro: 'Lung and liver disease cause many deaths among people who use opioids.',
        fields: [
          recorded(today),
          {
            kind: 'checkboxes',
            name: 'conditions',
            legend: 'Which of these do they have?',
            hint: 'Select all that apply; none if none',
            options: options(healthConditions, healthConditionLabels),
          },
        ],
      };
    case 'housing':
      return {
        title,
        intro: 'Rough sleeping or no stable accommodation adds to the score.',
        fields: [
          recorded(today),
          {
            kind: 'radios',
            name: 'status',
            legend: 'Where do they live now?',
            options: options(
              ['settled', 'no_stable_accommodation', 'rough_sleeping'] as const,
              housingStatusLabels,
            ),
          },
        ],
      };
    case 'alcohol':
      return {
        title,
        intro: 'Harmful drinking (AUDIT 16 or more, AUDIT-C 8 or more) adds to the score.',
        fields: [
          recorded(today),
          {
            kind: 'number',
            name: 'auditScore',
            label: 'AUDIT score (optional)',
            integer: true,
            hint: '0 to 40',
          },
          {
            kind: 'number',
            name: 'auditCScore',
            label: 'AUDIT-C score (optional)',
            integer: true,
            hint: '0 to 12',
          },
          {
            kind: 'confirm',
            name: 'clinicianRecordedHarmful',
            label: 'A clinician has found their drinking harmful',
          },
        ],
      };
    case 'safety_plan':
      return {
        title,
        intro: 'A safety plan agreed with the person. It does not change the score: it is a mitigation.',
        fields: [
          recorded(today),
          {
            kind: 'checkboxes',
            name: 'covers',
            legend: 'What does the plan cover?',
            hint: 'Select all that apply',
            options: options(safetyPlanParts, {
              whoToCall: 'Who to call',
              whereTheyUse: 'Where they use',
              emergencyWishes: 'What they want to happen in an emergency',
            }),
          },
        ],
      };
    case 'flags':
      return {
        title,
        intro: 'Things to know beside the score. They are shown, never scored.',
        fields: [
          recorded(today),
          {
            kind: 'checkboxes',
            name: 'flags',
            legend: 'Which apply now?',
            hint: 'Select all that apply; none to clear them',
            options: options(riskFlags, riskFlagLabels),
          },
        ],
      };
  }
}
