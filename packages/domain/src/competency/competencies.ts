import { z } from 'zod';
import { daysBetween } from '../dates.ts';
import { CalendarDate, Id } from '../ids.ts';
import { addCalendarMonths } from '../risk/day-number.ts';
import { multiLine } from '../text.ts';

/**
 * The staff competency register (workflows.md "Overdose-risk protocol and staff competency"): naloxone
 * training, overdose response and risk assessment, each achieved on a date and in date until it expires.
 * Administrators record them; a reminder opens before expiry; an in-date risk assessment competency is needed
 * to sign off a case review (sign-off.ts).
 */
export const competencyKinds = ['naloxone_training', 'overdose_response', 'risk_assessment'] as const;
export const CompetencyKind = z.enum(competencyKinds);
export type CompetencyKind = z.infer<typeof CompetencyKind>;

export const competencyKindLabels: Readonly<Record<CompetencyKind, string>> = {
  naloxone_training: 'Naloxone training',
  overdose_response: 'Overdose response',
  risk_assessment: 'Risk assessment',
};

const months = z.int().min(1).max(60);

/**
 * Per-organisation settings. The brief gives no validity periods: the defaults are Harbour's (docs/tasks.md
 * "Competencies"): overdose response is a life-support skill refreshed yearly, as UK services train basic life
 * support; naloxone training and risk assessment every 2 years. The reminder opens 6 weeks ahead, time to book
 * a course.
 */
export const CompetencySettings = z.strictObject({
  validityMonths: z
    .strictObject({
      naloxone_training: months.default(24),
      overdose_response: months.default(12),
      risk_assessment: months.default(24),
    })
    .prefault({}),
  remindDaysBeforeExpiry: z.int().min(7).max(120).default(42),
});
export type CompetencySettings = z.infer<typeof CompetencySettings>;
export type CompetencySettingsInput = z.input<typeof CompetencySettings>;
export const defaultCompetencySettings: CompetencySettings = CompetencySettings.parse({});

/** A stored competency: in date from `achievedOn` up to and including `expiresOn`. */
export const CompetencyRecord = z
  .strictObject({
    id: Id,
    staffId: Id,
    kind: CompetencyKind,
    achievedOn: CalendarDate,
    expiresOn: CalendarDate,
    recordedBy: Id,
  })
  .refine((r) => r.expiresOn > r.achievedOn, {
    message: 'it must expire after it was achieved',
    path: ['expiresOn'],
  });
export type CompetencyRecord = z.infer<typeof CompetencyRecord>;

/** What an administrator records. With no expiry given, it expires after the kind's validity period. */
export const RecordCompetencyInput = z
  .strictObject({
    staffId: Id,
    kind: CompetencyKind,
    achievedOn: CalendarDate,
    expiresOn: CalendarDate.nullable(),
  })
  .refine((r) => r.expiresOn === null || r.expiresOn > r.achievedOn, {
    message: 'it must expire after it was achieved',
    path: ['expiresOn'],
  });
export type RecordCompetencyInput = z.infer<typeof RecordCompetencyInput>;

/** The expiry to store: the one given, or the achieved date plus the kind's validity in calendar months. */
export function competencyExpiresOn(
  input: RecordCompetencyInput,
  settings: CompetencySettings = defaultCompetencySettings,
): CalendarDate {
  return input.expiresOn ?? addCalendarMonths(input.achievedOn, settings.validityMonths[input.kind]);
}

export type CompetencyStatus = 'in_date' | 'expiring' | 'expired' | 'none';

export const competencyStatusLabels: Readonly<Record<CompetencyStatus, string>> = {
  in_date: 'In date',
  expiring: 'Expiring soon',
  expired: 'Expired',
  none: 'Not recorded',
};

export type CompetencyLike = Pick<CompetencyRecord, 'staffId' | 'kind' | 'achievedOn' | 'expiresOn'>;

export interface CompetencyOnDate<R extends CompetencyLike = CompetencyLike> {
  kind: CompetencyKind;
  status: CompetencyStatus;
  /** The record that decides the status (the one lasting longest), or `null` when none is recorded. */
  record: R | null;
}

/** The status on `on` of one member of staff's competency of `kind`, from the records achieved by then. */
export function competencyOn<R extends CompetencyLike>(
  records: readonly R[],
  kind: CompetencyKind,
  on: CalendarDate,
  settings: CompetencySettings = defaultCompetencySettings,
): CompetencyOnDate<R> {
  let best: R | null = null;
  for (const r of records)
    if (r.kind === kind && r.achievedOn <= on && (best === null || r.expiresOn > best.expiresOn)) best = r;
  if (best === null) return { kind, status: 'none', record: null };
  const left = daysBetween(on, best.expiresOn);
  const status = left < 0 ? 'expired' : left <= settings.remindDaysBeforeExpiry ? 'expiring' : 'in_date';
  return { kind, status, record: best };
}

/** One member of staff's register on `on`: every kind, in catalogue order. */
export function competencyRegister<R extends CompetencyLike>(
  records: readonly R[],
  on: CalendarDate,
  settings: CompetencySettings = defaultCompetencySettings,
): CompetencyOnDate<R>[] {
  return competencyKinds.map((kind) => competencyOn(records, kind, on, settings));
}

/** The administrators' form (staff portal): the same fields, each with its own words for a person. */
export const RecordCompetencyForm = z
  .strictObject({
    staffId: z.uuid({ message: 'Choose the member of staff' }),
    kind: z.enum(competencyKinds, { message: 'Choose the competency' }),
    achievedOn: CalendarDate,
    expiresOn: CalendarDate.nullable(),
  })
  .refine((r) => r.expiresOn === null || r.expiresOn > r.achievedOn, {
    message: 'The expiry date must be after the date it was achieved',
    path: ['expiresOn'],
  });

// Correcting a mis-entered record: never an edit. The correction is a new record of the same member of staff
// and kind that names the one it replaces, with the reason; the old record is kept, no longer counts, and shows
// in the member of staff's history with the correction that replaced it.

export const CORRECTION_REASON_MAX = 500;

/** Why a record is corrected: what was entered wrongly. Required for every correction. */
export const CorrectionReason = multiLine({
  min: 1,
  max: CORRECTION_REASON_MAX,
  tooShort: 'Say what was entered wrongly',
});

/** The administrators' correction form: the record it replaces (hidden), the right dates, and why. */
export const CorrectCompetencyForm = z
  .strictObject({
    replacesId: z.uuid({ message: 'Choose the record to correct' }),
    achievedOn: CalendarDate,
    expiresOn: CalendarDate.nullable(),
    reason: CorrectionReason,
  })
  .refine((r) => r.expiresOn === null || r.expiresOn > r.achievedOn, {
    message: 'The expiry date must be after the date it was achieved',
    path: ['expiresOn'],
  });
export type CorrectCompetencyForm = z.infer<typeof CorrectCompetencyForm>;

/** A stored record as its history needs it: the record it replaces, if any, and why. */
export interface CompetencyHistoryRecord extends CompetencyLike {
  id: string;
  replacesId: string | null;
  correctionReason: string | null;
  recordedAt: string;
}

export interface CompetencyHistoryEntry<R extends CompetencyHistoryRecord> {
  record: R;
  /** The correction that replaced it (it no longer counts), or null while it stands. */
  correctedBy: R | null;
  /** The record this one corrected, or null for a first record or a renewal. */
  corrects: R | null;
}

/**
 * One member of staff's records, newest first, each linked to the correction that replaced it and to the record
 * it corrected: every record ever made is kept and shown, and only those not corrected count.
 */
export function competencyHistory<R extends CompetencyHistoryRecord>(
  records: readonly R[],
): CompetencyHistoryEntry<R>[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  const replacing = new Map(
    records.flatMap((r) => (r.replacesId === null ? [] : [[r.replacesId, r] as const])),
  );
  return [...records]
    .sort((a, b) => (a.recordedAt < b.recordedAt ? 1 : a.recordedAt > b.recordedAt ? -1 : 0))
    .map((record) => ({
      record,
      correctedBy: replacing.get(record.id) ?? null,
      corrects: record.replacesId === null ? null : (byId.get(record.replacesId) ?? null),
    }));
}
