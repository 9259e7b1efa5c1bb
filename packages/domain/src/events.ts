import { z } from 'zod';
import { CaseReviewDetails } from './case-review/details.ts';
import { CalendarDate, Id, Instant } from './ids.ts';
import { NaloxoneProduct, OstMedicine } from './medicines.ts';
import { singleLine } from './text.ts';

/**
 * The dated clinical events that drive the risk model, the transitions pathway and the person's history
 * (workflows.md "Pathways", drd-risk.md "Factor catalogue"). Each event type has its own `details` schema.
 * `occurredOn` is the Europe/London calendar day the event happened (day 0 of its risk window).
 */
const mg = z.number().positive().max(2000);

/**
 * The contact modes that are the re-engagement cascade's routes, in its order (ost.md "Reductions and exits":
 * phone, text, pharmacy liaison, home visit, nominated contact).
 */
export const reEngagementModes = [
  'phone',
  'text',
  'pharmacy_liaison',
  'home_visit',
  'nominated_contact',
] as const;

export const eventDetails = {
  /** Released from prison or custody (PRISON_RELEASE). */
  prison_release: z.strictObject({ establishment: singleLine({ min: 1, max: 120 }).nullable() }),
  /** Discharged from hospital; `selfDischarged` when the person left against medical advice (SELF_DISCHARGE). */
  hospital_discharge: z.strictObject({ admittedOn: CalendarDate.nullable(), selfDischarged: z.boolean() }),
  /** Started on OST. Day 0 of METHADONE_INDUCTION for methadone. */
  ost_start: z.strictObject({ medicine: OstMedicine, doseMg: mg }),
  /** A prescribed dose change (mg/day, or the injection dose). */
  ost_dose_change: z.strictObject({
    medicine: OstMedicine,
    fromMg: mg,
    toMg: mg,
    reason: singleLine({ min: 1, max: 500, tooShort: 'Say why the dose changed' }),
  }),
  /**
   * Left OST, planned or not, including a reduction reaching zero (OST_EXIT). A transfer to another service
   * with `continuity` (the receiving service has confirmed it continues the prescription with no gap) is not an
   * exit: the person stays on OST (risk model 2026.2). Rows stored before then have no `continuity`, read as
   * false. If continuity fails, amend the event (a new version) to `continuity: false`.
   */
  ost_exit: z
    .strictObject({
      reason: z.enum(['planned', 'unplanned', 'reduction_completed', 'transferred']),
      continuity: z.boolean().optional(),
    })
    .refine((d) => d.continuity !== true || d.reason === 'transferred', {
      message: 'only a transfer to another service can have continuity',
      path: ['continuity'],
    }),
  /** Completed detox or left residential/inpatient treatment (TOLERANCE_LOSS). */
  detox_completion: z.strictObject({ setting: z.enum(['community', 'inpatient', 'residential']) }),
  /** A non-fatal overdose, from any source (NON_FATAL_OVERDOSE). */
  non_fatal_overdose: z.strictObject({
    source: z.enum([
      'ambulance',
      'emergency_department',
      'police',
      'peer',
      'self_report',
      'naloxone_use_report',
      'staff',
    ]),
    naloxoneGiven: z.boolean(),
  }),
  /** A take-home naloxone kit supplied. */
  naloxone_supply: z.strictObject({
    product: NaloxoneProduct,
    recipient: z.enum(['person', 'family_or_friend', 'hostel']),
    supplyType: z.enum(['first', 'repeat']),
    repeatReason: z.enum(['used', 'lost', 'expired', 'confiscated']).nullable(),
    trainingGiven: z.boolean(),
    expiresOn: CalendarDate,
  }),
  /**
   * A kit reported used, lost, expired or confiscated. A "used" report is also recorded as an overdose of the
   * person (naloxone/used-report.ts) unless `usedFor` says it was used on someone else; absent (reports stored
   * before it) reads as `not_known`, which is treated as the person's own.
   */
  naloxone_report: z
    .strictObject({
      supplyEventId: Id.nullable(),
      outcome: z.enum(['used', 'lost', 'expired', 'confiscated']),
      usedFor: z.enum(['this_person', 'someone_else', 'not_known']).optional(),
    })
    .refine((d) => d.usedFor === undefined || d.outcome === 'used', {
      message: 'only a used kit says who it was used for',
      path: ['usedFor'],
    }),
  /**
   * A contact with the person (attended or not). A re-engagement route (`reEngagementModes`) that could not be
   * tried at all (no phone number on file, no nominated contact, no known address) is recorded as not attended
   * with `notPossible`, why: the re-engagement cascade counts it as tried (ost/reengagement.ts). Contacts stored
   * before it have no `notPossible`.
   */
  contact: z
    .strictObject({
      mode: z.enum([
        'face_to_face',
        'phone',
        'video',
        'text',
        'home_visit',
        'outreach',
        // Re-engagement (ost.md): asking the pharmacy, and the person's nominated contact, to pass a message on.
        'pharmacy_liaison',
        'nominated_contact',
      ]),
      attended: z.boolean(),
      notPossible: singleLine({ min: 3, max: 500, tooShort: 'Say why it was not possible' }).optional(),
    })
    .refine((d) => d.notPossible === undefined || !d.attended, {
      message: 'a contact they attended was possible',
      path: ['notPossible'],
    })
    .refine((d) => d.notPossible === undefined || (reEngagementModes as readonly string[]).includes(d.mode), {
      message:
        'only a re-engagement route (phone, text, the pharmacy, a home visit, their nominated contact) is recorded as not possible',
      path: ['notPossible'],
    }),
  /** Suicidal thoughts recorded by staff, or PHQ-9 item 9 > 0 (SUICIDALITY). */
  suicidality: z.strictObject({ source: z.enum(['phq9_item9', 'staff_observation', 'self_report']) }),
  /** A structured team case review (drd-risk.md "Case review"); the template's fields are in case-review/. */
  case_review: CaseReviewDetails,
} as const;

export const clinicalEventTypes = Object.keys(eventDetails) as (keyof typeof eventDetails)[];
export const ClinicalEventType = z.enum(
  clinicalEventTypes as [keyof typeof eventDetails, ...(keyof typeof eventDetails)[]],
);
export type ClinicalEventType = z.infer<typeof ClinicalEventType>;

export const clinicalEventLabels: Record<ClinicalEventType, string> = {
  prison_release: 'Released from prison',
  hospital_discharge: 'Discharged from hospital',
  ost_start: 'Started opioid substitution treatment',
  ost_dose_change: 'Dose changed',
  ost_exit: 'Left opioid substitution treatment',
  detox_completion: 'Completed detox or residential treatment',
  non_fatal_overdose: 'Non-fatal overdose',
  naloxone_supply: 'Naloxone supplied',
  naloxone_report: 'Naloxone kit reported',
  contact: 'Contact',
  suicidality: 'Suicidal thoughts recorded',
  case_review: 'Case review',
};

/** The type-specific part of an event: `{ type, details }`, discriminated on `type`. */
export const EventPayload = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('prison_release'), details: eventDetails.prison_release }),
  z.strictObject({ type: z.literal('hospital_discharge'), details: eventDetails.hospital_discharge }),
  z.strictObject({ type: z.literal('ost_start'), details: eventDetails.ost_start }),
  z.strictObject({ type: z.literal('ost_dose_change'), details: eventDetails.ost_dose_change }),
  z.strictObject({ type: z.literal('ost_exit'), details: eventDetails.ost_exit }),
  z.strictObject({ type: z.literal('detox_completion'), details: eventDetails.detox_completion }),
  z.strictObject({ type: z.literal('non_fatal_overdose'), details: eventDetails.non_fatal_overdose }),
  z.strictObject({ type: z.literal('naloxone_supply'), details: eventDetails.naloxone_supply }),
  z.strictObject({ type: z.literal('naloxone_report'), details: eventDetails.naloxone_report }),
  z.strictObject({ type: z.literal('contact'), details: eventDetails.contact }),
  z.strictObject({ type: z.literal('suicidality'), details: eventDetails.suicidality }),
  z.strictObject({ type: z.literal('case_review'), details: eventDetails.case_review }),
]);
export type EventPayload = z.infer<typeof EventPayload>;
export type EventDetails<T extends ClinicalEventType> = z.infer<(typeof eventDetails)[T]>;

/** A stored clinical event. Amendments create a new version; nothing is silently overwritten. */
export const ClinicalEvent = z.intersection(
  z.strictObject({
    id: Id,
    organisationId: Id,
    personId: Id,
    episodeId: Id.nullable(),
    occurredOn: CalendarDate,
    recordedAt: Instant,
    recordedBy: Id.nullable(),
    version: z.int().positive(),
  }),
  EventPayload,
);
export type ClinicalEvent = z.infer<typeof ClinicalEvent>;
