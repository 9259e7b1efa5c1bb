import { z } from 'zod';
import { CalendarDate } from '../ids.ts';
import { singleLine } from '../text.ts';
import { HealthNeedCode, healthNeedDefinition, type HealthNeedCode as Code } from './catalogue.ts';
import type { HealthFactsInput } from './facts.ts';

/**
 * What staff record against a health need, to an outcome: a test result, a vaccine dose, a referral, a check
 * done, or the person's decline. Each entry is one dated fact; `healthFactsFromEntries` turns a person's entries
 * (with what the record already says about them) into the `HealthFacts` the needs rules read.
 */
export const healthEntryKinds = ['result', 'vaccine', 'referral', 'done', 'declined'] as const;
export const HealthEntryKind = z.enum(healthEntryKinds);
export type HealthEntryKind = z.infer<typeof HealthEntryKind>;

/** Results a test can have, per need; a need not listed here has no result to choose (it is simply done). */
export const resultOptions: Partial<Record<Code, readonly { value: string; label: string }[]>> = {
  hcv_antibody_test: [
    { value: 'negative', label: 'Negative' },
    { value: 'positive', label: 'Positive' },
  ],
  hcv_rna_test: [
    { value: 'not_detected', label: 'Not detected' },
    { value: 'detected', label: 'Detected' },
  ],
  hcv_cure_check: [
    { value: 'not_detected', label: 'Not detected (cured)' },
    { value: 'detected', label: 'Detected' },
  ],
  hbv_test: [
    { value: 'negative', label: 'Surface antigen negative, not immune' },
    { value: 'immune', label: 'Surface antigen negative, immune (anti-HBs 10 mIU/mL or more)' },
    { value: 'positive', label: 'Surface antigen positive' },
  ],
  hiv_test: [
    { value: 'negative', label: 'Negative' },
    { value: 'positive', label: 'Positive' },
  ],
};

/** The kinds of entry that meet a need, by how the catalogue says it is met. */
export function entryKindsFor(need: Code): HealthEntryKind[] {
  const { metBy, declinable } = healthNeedDefinition(need);
  const main: HealthEntryKind =
    metBy === 'vaccine'
      ? 'vaccine'
      : metBy === 'referral'
        ? 'referral'
        : resultOptions[need] !== undefined
          ? 'result'
          : 'done';
  return declinable ? [main, 'declined'] : [main];
}

export const HealthEntry = z
  .strictObject({
    need: HealthNeedCode,
    kind: HealthEntryKind,
    on: CalendarDate,
    /** The result, for a need with results (`resultOptions`); null otherwise. */
    result: singleLine({ min: 1, max: 32 }).nullable().default(null),
    /** Why the person declined, or a short note; required for a decline. */
    note: singleLine({ min: 1, max: 500 }).nullable().default(null),
  })
  .superRefine((e, ctx) => {
    if (!entryKindsFor(e.need).includes(e.kind))
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'Choose what was done for this check' });
    const options = resultOptions[e.need];
    if (e.kind === 'result') {
      if (options === undefined || !options.some((o) => o.value === e.result))
        ctx.addIssue({ code: 'custom', path: ['result'], message: 'Choose the result' });
    } else if (e.result !== null) {
      ctx.addIssue({ code: 'custom', path: ['result'], message: 'Only a test has a result' });
    }
    if (e.kind === 'declined' && e.note === null)
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'Say why they declined' });
  });
export type HealthEntry = z.infer<typeof HealthEntry>;
export type HealthEntryInput = z.input<typeof HealthEntry>;

/** What the rest of the record says, which the needs rules read beside the entries. */
export interface RecordBasics {
  entryDate: CalendarDate;
  dateOfBirth: CalendarDate | null;
  injecting: { current: boolean; lastInjectedOn: CalendarDate | null };
  smokes: boolean;
  methadone: { currentDoseMg: number; plannedDoseMg: number | null } | null;
  buprenorphine: 'none' | 'planned' | 'current';
  qtProlongingCoMedication: boolean;
}

const doneKey: Partial<Record<Code, keyof NonNullable<HealthFactsInput['done']>>> = {
  liver_function_tests: 'liverFunctionTests',
  respiratory_check: 'respiratoryCheck',
  spirometry: 'spirometry',
  flu_vaccine: 'fluVaccine',
  pneumococcal_vaccine: 'pneumococcalVaccine',
  injecting_site_check: 'injectingSiteCheck',
  ecg: 'ecg',
  dental_check: 'dental',
  nutrition_check: 'nutrition',
  sexual_health_check: 'sexualHealth',
  phq9_screen: 'phq9',
  gad7_screen: 'gad7',
  suicide_risk_review: 'suicideRiskReview',
};

/**
 * The facts for `healthNeeds`, from the record's basics, the person's health entries (valid ones only: each is
 * checked) and their open bookings (need and day).
 */
export function healthFactsFromEntries(
  basics: RecordBasics,
  entries: readonly HealthEntryInput[],
  bookings: readonly { need: Code; on: CalendarDate }[],
): HealthFactsInput {
  const hcv = { antibodyTests: [], rnaTests: [], referrals: [] } as {
    antibodyTests: { on: string; result: 'positive' | 'negative' }[];
    rnaTests: { on: string; result: 'detected' | 'not_detected' }[];
    referrals: string[];
  };
  const hbv = { tests: [], vaccineDoses: [], referrals: [] } as {
    tests: { on: string; hbsag: 'positive' | 'negative'; antiHbs: 'immune' | 'not_immune' | null }[];
    vaccineDoses: string[];
    referrals: string[];
  };
  const hiv = { tests: [], referrals: [] } as {
    tests: { on: string; result: 'positive' | 'negative' }[];
    referrals: string[];
  };
  const done: Record<string, string[]> = {};
  const declines: { need: Code; on: string; reason: string }[] = [];
  for (const raw of entries) {
    const parsed = HealthEntry.safeParse(raw);
    if (!parsed.success) continue;
    const e = parsed.data;
    if (e.kind === 'declined') {
      declines.push({ need: e.need, on: e.on, reason: e.note ?? 'declined' });
      continue;
    }
    if (e.kind === 'referral') {
      if (e.need === 'hcv_treatment_referral') hcv.referrals.push(e.on);
      if (e.need === 'hbv_referral') hbv.referrals.push(e.on);
      if (e.need === 'hiv_referral') hiv.referrals.push(e.on);
      continue;
    }
    if (e.need === 'hcv_antibody_test')
      hcv.antibodyTests.push({ on: e.on, result: e.result === 'positive' ? 'positive' : 'negative' });
    else if (e.need === 'hcv_rna_test' || e.need === 'hcv_cure_check')
      hcv.rnaTests.push({ on: e.on, result: e.result === 'detected' ? 'detected' : 'not_detected' });
    else if (e.need === 'hbv_test')
      hbv.tests.push({
        on: e.on,
        hbsag: e.result === 'positive' ? 'positive' : 'negative',
        antiHbs: e.result === 'immune' ? 'immune' : e.result === 'negative' ? 'not_immune' : null,
      });
    else if (e.need === 'hbv_vaccination') hbv.vaccineDoses.push(e.on);
    else if (e.need === 'hiv_test')
      hiv.tests.push({ on: e.on, result: e.result === 'positive' ? 'positive' : 'negative' });
    else {
      const key = doneKey[e.need];
      if (key !== undefined) (done[key] ??= []).push(e.on);
    }
  }
  return {
    ...basics,
    hcv,
    hbv,
    hiv,
    done,
    declines,
    bookings: bookings.map((b) => ({ need: b.need, on: b.on })),
  };
}
