import { z } from 'zod';
import type { ClinicalEventType, EventPayload } from '../events.ts';
import { eventDetails, reEngagementModes } from '../events.ts';
import { type CalendarDate, Id } from '../ids.ts';
import { naloxoneProducts, ostMedicines } from '../medicines.ts';
import { singleLine } from '../text.ts';

/**
 * The staff portal's form for each kind of event: flat fields with the words a member of staff reads when one is
 * wrong (NHS.UK style), and the mapping to and from the event's stored details. The portal reads a post against
 * the form's schema (`readForm`), turns it into the API's `EventPayload` with `toEvent`, and fills a form to amend
 * an entry with `fromEvent`. The API checks the payload again, and the record's own rules (dates against today and
 * the date of birth) there.
 */

/** A required date: one message for a date left empty and for one that is not a real date. */
const date = (message: string) => z.iso.date({ error: message });
const optionalDate = (message: string) => z.iso.date({ error: message }).optional();
/** One of the codes of an event's enum, with the words for none chosen. */
const choice = <T extends Readonly<Record<string, string>>>(codes: z.ZodEnum<T>, message: string) =>
  z.enum(codes.enum, { error: message });
const yesNo = (message: string) => z.enum(['yes', 'no'], { error: message });
const mg = (message: string) =>
  z
    .number({ error: message })
    .positive('Enter a dose above 0 mg')
    .max(2000, 'Enter a dose of 2,000 mg or less');

/** The values a form shows: text as typed, or the options ticked. */
export type FormValues = Record<string, string | string[]>;

interface EventForm<T extends ClinicalEventType, S extends z.ZodType> {
  schema: S;
  toEvent: (values: z.output<S>) => Extract<EventPayload, { type: T }>;
  fromEvent: (details: Extract<EventPayload, { type: T }>['details']) => FormValues;
}

function form<T extends ClinicalEventType, S extends z.ZodType>(
  definition: EventForm<T, S>,
): EventForm<T, S> {
  return definition;
}

const occurredOn = (message: string) => ({ occurredOn: date(message) });

export const eventForms = {
  prison_release: form({
    schema: z.strictObject({
      ...occurredOn('Enter the date they were released'),
      establishment: singleLine({ max: 120, tooLong: 'Use no more than 120 characters' }).optional(),
    }),
    toEvent: (v) => ({ type: 'prison_release', details: { establishment: v.establishment || null } }),
    fromEvent: (d) => ({ establishment: d.establishment ?? '' }),
  }),
  hospital_discharge: form({
    schema: z.strictObject({
      ...occurredOn('Enter the date they were discharged'),
      admittedOn: optionalDate('Enter a real date of admission, or leave it empty'),
      selfDischarged: yesNo('Say whether they left against medical advice'),
    }),
    toEvent: (v) => ({
      type: 'hospital_discharge',
      details: { admittedOn: v.admittedOn ?? null, selfDischarged: v.selfDischarged === 'yes' },
    }),
    fromEvent: (d) => ({ admittedOn: d.admittedOn ?? '', selfDischarged: d.selfDischarged ? 'yes' : 'no' }),
  }),
  ost_start: form({
    schema: z.strictObject({
      ...occurredOn('Enter the date they started'),
      medicine: z.enum(ostMedicines, { error: 'Select the medicine' }),
      doseMg: mg('Enter the dose in mg, using digits'),
    }),
    toEvent: (v) => ({ type: 'ost_start', details: { medicine: v.medicine, doseMg: v.doseMg } }),
    fromEvent: (d) => ({ medicine: d.medicine, doseMg: String(d.doseMg) }),
  }),
  ost_dose_change: form({
    schema: z.strictObject({
      ...occurredOn('Enter the date of the change'),
      medicine: z.enum(ostMedicines, { error: 'Select the medicine' }),
      fromMg: mg('Enter the dose before the change in mg, using digits'),
      toMg: mg('Enter the new dose in mg, using digits'),
      reason: singleLine({ min: 1, max: 500, tooShort: 'Say why the dose changed' }),
    }),
    toEvent: (v) => ({
      type: 'ost_dose_change',
      details: { medicine: v.medicine, fromMg: v.fromMg, toMg: v.toMg, reason: v.reason },
    }),
    fromEvent: (d) => ({
      medicine: d.medicine,
      fromMg: String(d.fromMg),
      toMg: String(d.toMg),
      reason: d.reason,
    }),
  }),
  ost_exit: form({
    schema: z
      .strictObject({
        ...occurredOn('Enter the date they left'),
        reason: choice(eventDetails.ost_exit.shape.reason, 'Select why they left'),
        // A transfer the receiving service continues with no gap is not an exit (risk model 2026.2).
        continuity: yesNo('Say whether the new service continues the prescription with no gap').optional(),
      })
      .refine((v) => v.continuity === undefined || v.reason === 'transferred', {
        message: 'Only a transfer to another service can continue the prescription',
        path: ['continuity'],
      }),
    toEvent: (v) => ({
      type: 'ost_exit',
      details:
        v.continuity === undefined
          ? { reason: v.reason }
          : { reason: v.reason, continuity: v.continuity === 'yes' },
    }),
    fromEvent: (d): FormValues =>
      d.continuity === undefined
        ? { reason: d.reason }
        : { reason: d.reason, continuity: d.continuity ? 'yes' : 'no' },
  }),
  detox_completion: form({
    schema: z.strictObject({
      ...occurredOn('Enter the date they completed or left'),
      setting: choice(eventDetails.detox_completion.shape.setting, 'Select where'),
    }),
    toEvent: (v) => ({ type: 'detox_completion', details: { setting: v.setting } }),
    fromEvent: (d) => ({ setting: d.setting }),
  }),
  non_fatal_overdose: form({
    schema: z.strictObject({
      ...occurredOn('Enter the date of the overdose'),
      source: choice(eventDetails.non_fatal_overdose.shape.source, 'Select who told us'),
      naloxoneGiven: yesNo('Say whether naloxone was given'),
    }),
    toEvent: (v) => ({
      type: 'non_fatal_overdose',
      details: { source: v.source, naloxoneGiven: v.naloxoneGiven === 'yes' },
    }),
    fromEvent: (d) => ({ source: d.source, naloxoneGiven: d.naloxoneGiven ? 'yes' : 'no' }),
  }),
  naloxone_supply: form({
    schema: z
      .strictObject({
        ...occurredOn('Enter the date the kit was supplied'),
        product: z.enum(naloxoneProducts, { error: 'Select the kit' }),
        recipient: z.enum(['person', 'family_or_friend', 'hostel'], {
          error: 'Select who the kit was given to',
        }),
        supplyType: z.enum(['first', 'repeat'], { error: 'Say whether this is their first kit' }),
        repeatReason: z.enum(['used', 'lost', 'expired', 'confiscated']).optional(),
        trainingGiven: yesNo('Say whether training was given'),
        expiresOn: date('Enter the expiry date on the kit'),
      })
      .refine((v) => v.supplyType !== 'repeat' || v.repeatReason !== undefined, {
        message: 'Select why they needed another kit',
        path: ['repeatReason'],
        when: () => true,
      }),
    toEvent: (v) => ({
      type: 'naloxone_supply',
      details: {
        product: v.product,
        recipient: v.recipient,
        supplyType: v.supplyType,
        repeatReason: v.supplyType === 'repeat' ? (v.repeatReason ?? null) : null,
        trainingGiven: v.trainingGiven === 'yes',
        expiresOn: v.expiresOn,
      },
    }),
    fromEvent: (d) => ({
      product: d.product,
      recipient: d.recipient,
      supplyType: d.supplyType,
      repeatReason: d.repeatReason ?? '',
      trainingGiven: d.trainingGiven ? 'yes' : 'no',
      expiresOn: d.expiresOn,
    }),
  }),
  naloxone_report: form({
    schema: z.strictObject({
      ...occurredOn('Enter the date it was reported'),
      /** A supply event's id, or `unknown` when nobody knows which kit it was. */
      supplyEventId: z.union([Id, z.literal('unknown')], { error: 'Select the kit' }),
      outcome: z.enum(['used', 'lost', 'expired', 'confiscated'], {
        error: 'Select what happened to the kit',
      }),
      /**
       * For a used kit: whom it was used on. Not asked as required (staff may not know): unanswered, and "not
       * known", count as the person's own overdose (naloxone/used-report.ts). Dropped for any other outcome.
       */
      usedFor: z.enum(['this_person', 'someone_else', 'not_known']).optional(),
    }),
    toEvent: (v) => ({
      type: 'naloxone_report',
      details: {
        supplyEventId: v.supplyEventId === 'unknown' ? null : v.supplyEventId,
        outcome: v.outcome,
        ...(v.outcome === 'used' && v.usedFor !== undefined ? { usedFor: v.usedFor } : {}),
      },
    }),
    fromEvent: (d) => ({
      supplyEventId: d.supplyEventId ?? 'unknown',
      outcome: d.outcome,
      ...(d.usedFor === undefined ? {} : { usedFor: d.usedFor }),
    }),
  }),
  contact: form({
    /**
     * `attended`: yes, no, or `not_possible` for a re-engagement route that could not be tried at all, which
     * needs `notPossible`, why (the cascade counts it as tried: ost/reengagement.ts). A reason with any other
     * answer is refused rather than dropped, so nothing typed is lost without the person knowing.
     */
    schema: z
      .strictObject({
        ...occurredOn('Enter the date of the contact'),
        mode: choice(eventDetails.contact.shape.mode, 'Select how the contact was made'),
        attended: z.enum(['yes', 'no', 'not_possible'], {
          error: 'Say whether they attended, or that it was not possible',
        }),
        notPossible: singleLine({
          max: 500,
          tooLong: 'Use no more than 500 characters',
        }).optional(),
      })
      .superRefine((v, ctx) => {
        const why = v.notPossible ?? '';
        const notPossible = v.attended === 'not_possible';
        if (notPossible && why.length < 3)
          ctx.addIssue({
            code: 'custom',
            path: ['notPossible'],
            message: 'Say why it was not possible, for example "no phone number on file"',
          });
        if (notPossible && !(reEngagementModes as readonly string[]).includes(v.mode))
          ctx.addIssue({
            code: 'custom',
            path: ['attended'],
            message:
              'Only a phone call, a text, the pharmacy, a home visit or their nominated contact can be recorded as not possible',
          });
        if (!notPossible && why !== '')
          ctx.addIssue({
            code: 'custom',
            path: ['notPossible'],
            message: 'Leave "why it was not possible" empty unless you chose "Not possible"',
          });
      }),
    toEvent: (v) => ({
      type: 'contact',
      details:
        v.attended === 'not_possible'
          ? { mode: v.mode, attended: false, notPossible: v.notPossible ?? '' }
          : { mode: v.mode, attended: v.attended === 'yes' },
    }),
    fromEvent: (d) => ({
      mode: d.mode,
      attended: d.notPossible !== undefined ? 'not_possible' : d.attended ? 'yes' : 'no',
      ...(d.notPossible === undefined ? {} : { notPossible: d.notPossible }),
    }),
  }),
  suicidality: form({
    schema: z.strictObject({
      ...occurredOn('Enter the date'),
      source: choice(eventDetails.suicidality.shape.source, 'Select how it came to light'),
    }),
    toEvent: (v) => ({ type: 'suicidality', details: { source: v.source } }),
    fromEvent: (d) => ({ source: d.source }),
  }),
  case_review: form({
    schema: z.strictObject({
      ...occurredOn('Enter the date of the review'),
      actionsAgreed: z
        .int({ error: 'Enter the number of actions agreed, using digits' })
        .min(0, 'Enter 0 or more')
        .max(50, 'Enter 50 or fewer'),
    }),
    toEvent: (v) => ({ type: 'case_review', details: { actionsAgreed: v.actionsAgreed } }),
    fromEvent: (d) => ({ actionsAgreed: String(d.actionsAgreed) }),
  }),
} as const satisfies { [T in ClinicalEventType]: EventForm<T, z.ZodType> };

/** The event a form's values describe, with the day it happened. */
export function eventFromForm<T extends ClinicalEventType>(
  type: T,
  values: z.output<(typeof eventForms)[T]['schema']>,
): { occurredOn: CalendarDate; event: EventPayload } {
  const definition = eventForms[type] as unknown as EventForm<T, z.ZodType>;
  const { occurredOn: on } = values as { occurredOn: CalendarDate };
  return { occurredOn: on, event: definition.toEvent(values) };
}

/** A stored event as the values of its form (to amend it). */
export function formFromEvent(event: EventPayload, occurredOn: CalendarDate): FormValues {
  const definition = eventForms[event.type] as unknown as EventForm<typeof event.type, z.ZodType>;
  return { occurredOn, ...definition.fromEvent(event.details as never) };
}
