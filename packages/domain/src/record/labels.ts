import type { ClinicalEventType, EventDetails } from '../events.ts';
import type { NaloxoneProduct } from '../medicines.ts';
import type { HealthCondition, HousingStatus } from '../risk/facts.ts';

/**
 * Plain-English labels for every code an entry of the record can hold, beside the vocabulary they name: the
 * staff portal's forms offer them as options and its history shows them in words.
 */

/** A label for each code of one field of an event's details. */
type Codes<T extends ClinicalEventType, K extends keyof EventDetails<T>> = Readonly<
  Record<Extract<EventDetails<T>[K], string>, string>
>;

export const ostExitReasonLabels: Codes<'ost_exit', 'reason'> = {
  planned: 'Planned',
  unplanned: 'Unplanned (dropped out, lost contact)',
  reduction_completed: 'A reduction reached zero',
  transferred: 'Transferred to another service',
};

export const detoxSettingLabels: Codes<'detox_completion', 'setting'> = {
  community: 'Community detox',
  inpatient: 'Inpatient detox',
  residential: 'Residential treatment',
};

export const overdoseSourceLabels: Codes<'non_fatal_overdose', 'source'> = {
  ambulance: 'Ambulance service',
  emergency_department: 'Emergency department (A&E)',
  police: 'Police',
  peer: 'A friend, family member or peer',
  self_report: 'The person themselves',
  naloxone_use_report: 'A report that naloxone was used',
  staff: 'Our staff',
};

export const naloxoneProductLabels: Readonly<Record<NaloxoneProduct, string>> = {
  prenoxad: 'Prenoxad (injection)',
  nyxoid: 'Nyxoid (nasal spray)',
};

export const naloxoneRecipientLabels: Codes<'naloxone_supply', 'recipient'> = {
  person: 'The person',
  family_or_friend: 'A family member or friend',
  hostel: 'Their hostel',
};

export const naloxoneSupplyTypeLabels: Codes<'naloxone_supply', 'supplyType'> = {
  first: 'Their first kit',
  repeat: 'Another kit',
};

/** Why a repeat kit was needed, and what a report says happened to a kit: the same four outcomes. */
export const naloxoneOutcomeLabels: Codes<'naloxone_report', 'outcome'> = {
  used: 'Used',
  lost: 'Lost',
  expired: 'Out of date',
  confiscated: 'Taken away (confiscated)',
};

/** Whom a kit reported used was used on: anything but "someone else" is recorded as the person's overdose. */
export const naloxoneUsedForLabels: Codes<'naloxone_report', 'usedFor'> = {
  this_person: 'On this person',
  someone_else: 'On someone else',
  not_known: 'Not known',
};

export const contactModeLabels: Codes<'contact', 'mode'> = {
  face_to_face: 'Face to face',
  phone: 'Phone',
  video: 'Video',
  text: 'Text message',
  home_visit: 'Home visit',
  outreach: 'Outreach',
};

export const suicidalitySourceLabels: Codes<'suicidality', 'source'> = {
  phq9_item9: 'PHQ-9 question 9',
  staff_observation: 'Noticed or asked by staff',
  self_report: 'The person told us',
};

export const healthConditionLabels: Readonly<Record<HealthCondition, string>> = {
  copd: 'COPD',
  asthma_needing_treatment: 'Asthma needing treatment',
  cirrhosis: 'Cirrhosis',
  chronic_hepatitis: 'Chronic hepatitis',
};

export const housingStatusLabels: Readonly<Record<HousingStatus, string>> = {
  settled: 'Settled accommodation',
  no_stable_accommodation: 'No stable accommodation (sofa surfing, hostel, temporary)',
  rough_sleeping: 'Rough sleeping',
  not_recorded: 'Not recorded',
};
