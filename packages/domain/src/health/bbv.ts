import { addDays } from '../dates.ts';
import type { CalendarDate } from '../ids.ts';
import { addMonths, earliest, latest } from './calendar.ts';
import {
  decide,
  injectedInLastYear,
  met,
  notApplicable,
  pending,
  type Evaluation,
  type EvaluationContext,
  type Requirement,
} from './evaluation.ts';
import type { HealthFacts } from './facts.ts';

/**
 * Blood-borne virus needs: hepatitis C (antibody, RNA, treatment referral, cure check), hepatitis B (test,
 * referral; the vaccine course is in hbv-vaccine.ts) and HIV (test, referral).
 */

/** The test at entry: any test from `entryTestLookbackDays` before entry counts. */
function entryRequirement(
  tests: readonly CalendarDate[],
  ctx: EvaluationContext,
  what: string,
): Requirement | null {
  const from = addDays(ctx.facts.entryDate, -ctx.settings.entryTestLookbackDays);
  if (tests.some((on) => on >= from)) return null;
  return {
    due: ctx.facts.entryDate,
    graceDays: ctx.settings.overdueGraceDays,
    reason: `${what} at entry not recorded.`,
  };
}

/** While injecting, a test every `months` after the last one; null when not injecting or not yet due. */
function injectingRetest(last: CalendarDate | null, months: number, ctx: EvaluationContext, what: string) {
  if (last === null || !injectedInLastYear(ctx.facts, ctx.asOf)) return { requirement: null, next: null };
  const next = addMonths(last, months);
  const requirement: Requirement | null =
    ctx.asOf >= next
      ? { due: next, graceDays: ctx.settings.overdueGraceDays, reason: `${what} due again while injecting.` }
      : null;
  return { requirement, next };
}

/** After the latest exposure, a test taken at least `hcvExposureTestAfterDays` later. */
function exposureRequirement(
  tests: readonly CalendarDate[],
  ctx: EvaluationContext,
  what: string,
): Requirement | null {
  const exposure = latest(ctx.facts.hcv.exposures);
  if (exposure === null) return null;
  const due = addDays(exposure, ctx.settings.hcvExposureTestAfterDays);
  if (tests.some((on) => on >= due)) return null;
  return {
    due,
    graceDays: ctx.settings.overdueGraceDays,
    reason: `${what} needed after a possible exposure on ${exposure}.`,
  };
}

const firstPositiveAntibody = (facts: HealthFacts): CalendarDate | null =>
  earliest(facts.hcv.antibodyTests.filter((t) => t.result === 'positive').map((t) => t.on));

/** Hepatitis C antibody test: at entry, yearly while injecting, after exposure; stops once positive. */
export function hcvAntibodyTest(ctx: EvaluationContext): Evaluation {
  const positive = firstPositiveAntibody(ctx.facts);
  if (positive !== null) {
    // Antibodies stay after infection clears: from here on, RNA tests (hcv_rna_test) look for the virus.
    return met(positive, null, `Antibody positive on ${positive}: RNA tests follow.`);
  }
  const tests = ctx.facts.hcv.antibodyTests.map((t) => t.on);
  const last = latest(tests);
  const retest = injectingRetest(last, ctx.settings.hcvRetestMonths, ctx, 'Hepatitis C test');
  return decide(
    [
      entryRequirement(tests, ctx, 'Hepatitis C test'),
      retest.requirement,
      exposureRequirement(tests, ctx, 'Hepatitis C test'),
    ],
    last,
    [retest.next],
    `Hepatitis C antibody negative on ${last ?? 'no date'}.`,
  );
}

/** Hepatitis C RNA (PCR) test: after a positive antibody, then for reinfection while injecting or exposed. */
export function hcvRnaTest(ctx: EvaluationContext): Evaluation {
  const positive = firstPositiveAntibody(ctx.facts);
  if (positive === null) return notApplicable('Only after a positive hepatitis C antibody test.');
  const rna = ctx.facts.hcv.rnaTests;
  const tests = rna.map((t) => t.on);
  const last = latest(tests);
  const afterAntibody: Requirement | null = tests.some((on) => on >= positive)
    ? null
    : {
        due: positive,
        graceDays: ctx.settings.overdueGraceDays,
        reason: `RNA test needed after the positive antibody test on ${positive}.`,
      };
  const latestResult = rna.find((t) => t.on === last)?.result;
  if (afterAntibody === null && latestResult === 'detected') {
    return met(last, null, `Virus detected on ${last}: treatment referral follows.`);
  }
  // Cleared or cured: keep looking for reinfection while injecting and after any exposure.
  const retest = injectingRetest(last, ctx.settings.hcvRetestMonths, ctx, 'Hepatitis C RNA test');
  return decide(
    [afterAntibody, retest.requirement, exposureRequirement(tests, ctx, 'Hepatitis C RNA test')],
    last,
    [retest.next],
    `Hepatitis C virus not detected on ${last ?? 'no date'}.`,
  );
}

/** The first "detected" RNA result since the last "not detected" one: the start of the current infection. */
function currentInfectionStart(facts: HealthFacts): CalendarDate | null {
  const sorted = [...facts.hcv.rnaTests].sort((a, b) => a.on.localeCompare(b.on));
  let start: CalendarDate | null = null;
  for (const test of sorted) {
    if (test.result === 'not_detected') start = null;
    else start ??= test.on;
  }
  return start;
}

/** Referral for hepatitis C treatment within `hcvReferralDays` of the current infection being found. */
export function hcvTreatmentReferral(ctx: EvaluationContext): Evaluation {
  const start = currentInfectionStart(ctx.facts);
  if (start === null) return notApplicable('No current hepatitis C infection recorded.');
  const referral = earliest(ctx.facts.hcv.referrals.filter((on) => on >= start));
  if (referral !== null) return met(referral, null, `Referred for treatment on ${referral}.`);
  const reason = `Virus detected on ${start}: refer for treatment within ${ctx.settings.hcvReferralDays} days.`;
  return pending({ due: start, graceDays: ctx.settings.hcvReferralDays, reason }, null);
}

/** The SVR12 cure check: an RNA test at least 12 weeks after hepatitis C treatment ends. */
export function hcvCureCheck(ctx: EvaluationContext): Evaluation {
  const completed = ctx.facts.hcv.treatmentCompletedOn;
  if (completed === null) return notApplicable('No hepatitis C treatment completed.');
  // SVR12: an RNA test at least 12 weeks (84 days) after the end of treatment.
  const due = addDays(completed, 84);
  const check = earliest(ctx.facts.hcv.rnaTests.filter((t) => t.on >= due).map((t) => t.on));
  if (check !== null) return met(check, null, `Cure check done on ${check}.`);
  const reason = `Cure check due 12 weeks after treatment ended on ${completed}.`;
  return pending({ due, graceDays: ctx.settings.overdueGraceDays, reason }, null);
}

/** Immune: anti-HBs 10 mIU/mL or more on any test, or immunity recorded elsewhere. */
export function hbvImmune(facts: HealthFacts): boolean {
  return facts.hbv.immunityRecordedOn !== null || facts.hbv.tests.some((t) => t.antiHbs === 'immune');
}

/** The date of the latest hepatitis B test if its surface antigen was positive (current infection). */
export function hbvInfectedSince(facts: HealthFacts): CalendarDate | null {
  const last = latest(facts.hbv.tests.map((t) => t.on));
  const current = facts.hbv.tests.filter((t) => t.on === last);
  return current.some((t) => t.hbsag === 'positive') ? last : null;
}

/** Hepatitis B test at entry; not needed once immunity is known. */
export function hbvTest(ctx: EvaluationContext): Evaluation {
  const tests = ctx.facts.hbv.tests.map((t) => t.on);
  const last = latest(tests);
  if (hbvImmune(ctx.facts)) return met(last, null, 'Immune to hepatitis B: no further test needed.');
  return decide(
    [entryRequirement(tests, ctx, 'Hepatitis B test')],
    last,
    [],
    `Hepatitis B tested on ${last ?? 'no date'}.`,
  );
}

/** Referral for hepatitis B care within `hbvReferralDays` of a positive surface antigen. */
export function hbvReferral(ctx: EvaluationContext): Evaluation {
  const since = hbvInfectedSince(ctx.facts);
  if (since === null) return notApplicable('No current hepatitis B infection recorded.');
  const referral = earliest(ctx.facts.hbv.referrals.filter((on) => on >= since));
  if (referral !== null) return met(referral, null, `Referred for hepatitis B care on ${referral}.`);
  const reason = `Hepatitis B surface antigen positive on ${since}: refer within ${ctx.settings.hbvReferralDays} days.`;
  return pending({ due: since, graceDays: ctx.settings.hbvReferralDays, reason }, null);
}

const firstPositiveHiv = (facts: HealthFacts): CalendarDate | null =>
  earliest(facts.hiv.tests.filter((t) => t.result === 'positive').map((t) => t.on));

/** HIV test: at entry, then yearly while injecting; stops once positive. */
export function hivTest(ctx: EvaluationContext): Evaluation {
  const positive = firstPositiveHiv(ctx.facts);
  if (positive !== null) return met(positive, null, `HIV positive on ${positive}: referral follows.`);
  const tests = ctx.facts.hiv.tests.map((t) => t.on);
  const last = latest(tests);
  const retest = injectingRetest(last, ctx.settings.hivRetestMonths, ctx, 'HIV test');
  return decide(
    [entryRequirement(tests, ctx, 'HIV test'), retest.requirement],
    last,
    [retest.next],
    `HIV negative on ${last ?? 'no date'}.`,
  );
}

/** Referral for HIV care within `hivReferralDays` of a positive test. */
export function hivReferral(ctx: EvaluationContext): Evaluation {
  const positive = firstPositiveHiv(ctx.facts);
  if (positive === null) return notApplicable('No positive HIV test recorded.');
  const referral = earliest(ctx.facts.hiv.referrals.filter((on) => on >= positive));
  if (referral !== null) return met(referral, null, `Referred for HIV care on ${referral}.`);
  const reason = `HIV positive on ${positive}: refer within ${ctx.settings.hivReferralDays} days.`;
  return pending({ due: positive, graceDays: ctx.settings.hivReferralDays, reason }, null);
}
