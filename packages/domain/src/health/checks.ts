import { addDays } from '../dates.ts';
import type { CalendarDate } from '../ids.ts';
import { ageOn } from '../person.ts';
import { addMonths, later, latest } from './calendar.ts';
import {
  decide,
  injectedInLastYear,
  met,
  notApplicable,
  pending,
  recurringNeed,
  type Evaluation,
  type EvaluationContext,
  type Requirement,
} from './evaluation.ts';

/** Physical and mental health checks: liver, chest, flu and pneumococcal vaccines, injecting sites, ECG, etc. */

/** A need everyone has: at entry, then every `months`. */
const everyone =
  (
    done: (ctx: EvaluationContext) => readonly CalendarDate[],
    months: (ctx: EvaluationContext) => number,
    what: string,
  ) =>
  (ctx: EvaluationContext): Evaluation =>
    recurringNeed({
      done: done(ctx),
      firstDue: ctx.facts.entryDate,
      intervalMonths: months(ctx),
      graceDays: ctx.settings.overdueGraceDays,
      asOf: ctx.asOf,
      what,
    });

/** Dental check: at entry, then every `dentalIntervalMonths`. */
export const dentalCheck = everyone(
  (c) => c.facts.done.dental,
  (c) => c.settings.dentalIntervalMonths,
  'dental check',
);
/** Nutrition and weight (BMI): at entry, then every `nutritionIntervalMonths`. */
export const nutritionCheck = everyone(
  (c) => c.facts.done.nutrition,
  (c) => c.settings.nutritionIntervalMonths,
  'nutrition and weight check',
);
/** Sexual health check: at entry, then every `sexualHealthIntervalMonths`. */
export const sexualHealthCheck = everyone(
  (c) => c.facts.done.sexualHealth,
  (c) => c.settings.sexualHealthIntervalMonths,
  'sexual health check',
);
/** PHQ-9 depression screen: at entry, then every `mentalHealthScreenIntervalMonths`. */
export const phq9Screen = everyone(
  (c) => c.facts.done.phq9,
  (c) => c.settings.mentalHealthScreenIntervalMonths,
  'PHQ-9',
);
/** GAD-7 anxiety screen: at entry, then every `mentalHealthScreenIntervalMonths`. */
export const gad7Screen = everyone(
  (c) => c.facts.done.gad7,
  (c) => c.settings.mentalHealthScreenIntervalMonths,
  'GAD-7',
);

/** Liver function tests: at entry, then yearly, and recent ones before buprenorphine starts. */
export function liverFunctionTests(ctx: EvaluationContext): Evaluation {
  const routine = everyone(
    (c) => c.facts.done.liverFunctionTests,
    (c) => c.settings.lftIntervalMonths,
    'liver function tests',
  )(ctx);
  if (ctx.facts.buprenorphine !== 'planned') return routine;
  // Buprenorphine can harm the liver: it needs recent results before it starts, whenever that is.
  const last = latest(ctx.facts.done.liverFunctionTests);
  const recentFrom = addDays(ctx.asOf, -ctx.settings.lftBeforeBuprenorphineDays);
  if (last !== null && last >= recentFrom) return routine;
  const reason = `Needed before buprenorphine starts (results within ${ctx.settings.lftBeforeBuprenorphineDays} days).`;
  // Already late for the routine test: keep its (earlier) due date so it still shows as overdue.
  if (routine.kind === 'pending' && routine.dueDate < ctx.asOf)
    return { ...routine, reason: `${routine.reason} ${reason}` };
  // The start date is not known, so this is due now and never "overdue" by itself.
  return pending({ due: ctx.asOf, graceDays: 0, reason }, last);
}

/** Chest and breathing check for anyone who smokes anything: at entry, then yearly. */
export function respiratoryCheck(ctx: EvaluationContext): Evaluation {
  if (!ctx.facts.smokes) return notApplicable('Does not smoke.');
  return everyone(
    (c) => c.facts.done.respiratoryCheck,
    (c) => c.settings.respiratoryCheckIntervalMonths,
    'breathing and chest check',
  )(ctx);
}

/** Pneumococcal vaccine for anyone who smokes anything: once. */
export function pneumococcalVaccine(ctx: EvaluationContext): Evaluation {
  if (!ctx.facts.smokes) return notApplicable('Does not smoke.');
  return recurringNeed({
    done: ctx.facts.done.pneumococcalVaccine,
    firstDue: ctx.facts.entryDate,
    intervalMonths: null,
    graceDays: ctx.settings.overdueGraceDays,
    asOf: ctx.asOf,
    what: 'pneumococcal vaccine',
  });
}

/** Spirometry for symptomatic smokers aged 35 or over; an unknown age counts as eligible (the safer reading). */
export function spirometry(ctx: EvaluationContext): Evaluation {
  const { facts } = ctx;
  const since = facts.respiratorySymptomsSince;
  if (!facts.smokes || since === null)
    return notApplicable('Only for smokers with a cough or breathlessness.');
  const dob = facts.dateOfBirth;
  if (dob !== null && ageOn(dob, ctx.asOf) < 35) return notApplicable('Under 35.');
  const done = facts.done.spirometry.filter((on) => on >= since);
  const firstDue = dob === null ? since : later(since, addMonths(dob, 35 * 12));
  return recurringNeed({
    done,
    firstDue,
    intervalMonths: null,
    graceDays: ctx.settings.overdueGraceDays,
    asOf: ctx.asOf,
    what: 'spirometry',
  });
}

/** The first day of the flu season that `date` falls in or after. */
function seasonStart(date: CalendarDate, startMonth: number): CalendarDate {
  const year = Number(date.slice(0, 4));
  const start = `${year}-${String(startMonth).padStart(2, '0')}-01`;
  return date >= start ? start : addMonths(start, -12);
}

/** Flu vaccine for anyone who smokes anything: once each season, due when it opens. */
export function fluVaccine(ctx: EvaluationContext): Evaluation {
  if (!ctx.facts.smokes) return notApplicable('Does not smoke.');
  const { fluSeasonStartMonth, fluSeasonEndMonth, fluGraceDays } = ctx.settings;
  const start = seasonStart(ctx.asOf, fluSeasonStartMonth);
  const seasonLength = (fluSeasonEndMonth - fluSeasonStartMonth + 12) % 12;
  const end = addDays(addMonths(start, seasonLength + 1), -1);
  const nextStart = addMonths(start, 12);
  const last = latest(ctx.facts.done.fluVaccine);
  if (last !== null && last >= start)
    return met(last, nextStart, `Flu vaccine given on ${last} this season.`);
  if (ctx.asOf > end) {
    // Out of season: nothing can be given now; the need opens with the next season.
    const reason = `Not vaccinated last season; the next season opens on ${nextStart}.`;
    return pending({ due: nextStart, graceDays: fluGraceDays, reason }, last);
  }
  return pending({ due: start, graceDays: fluGraceDays, reason: `Flu season opened on ${start}.` }, last);
}

/** Injecting site, wound and DVT check for anyone who injected in the last 12 months. */
export function injectingSiteCheck(ctx: EvaluationContext): Evaluation {
  if (!injectedInLastYear(ctx.facts, ctx.asOf))
    return notApplicable('Has not injected in the last 12 months.');
  return everyone(
    (c) => c.facts.done.injectingSiteCheck,
    (c) => c.settings.injectingSiteCheckIntervalMonths,
    'injecting site, wound and DVT check',
  )(ctx);
}

const ECG_THRESHOLD_MG = 100;

/** ECG before methadone goes above 100 mg a day, then yearly; yearly with a QT-prolonging medicine. */
export function ecg(ctx: EvaluationContext): Evaluation {
  const { facts, settings, asOf } = ctx;
  const current = facts.methadone?.currentDoseMg ?? 0;
  const planned = facts.methadone?.plannedDoseMg ?? 0;
  const above = current > ECG_THRESHOLD_MG;
  if (!above && planned <= ECG_THRESHOLD_MG && !facts.qtProlongingCoMedication) {
    return notApplicable('Methadone 100 mg a day or less and no QT-prolonging medicine.');
  }
  const last = latest(facts.done.ecg);
  if (last !== null) {
    const next = addMonths(last, settings.ecgIntervalMonths);
    if (asOf < next) return met(last, next, `ECG done on ${last}; next due ${next}.`);
  }
  const yearly: Requirement = {
    due: last === null ? facts.entryDate : addMonths(last, settings.ecgIntervalMonths),
    // Above 100 mg with no ECG in date: it should have been done before the dose went up, so no grace.
    graceDays: above ? 0 : settings.overdueGraceDays,
    reason: last === null ? 'No ECG recorded.' : `Last ECG on ${last}; due again.`,
  };
  const beforeIncrease: Requirement = {
    due: asOf,
    graceDays: 0,
    reason: 'Needed before the methadone dose goes above 100 mg.',
  };
  return decide(
    [
      above || facts.qtProlongingCoMedication ? yearly : null,
      !above && planned > ECG_THRESHOLD_MG ? beforeIncrease : null,
    ],
    last,
    [],
    'ECG in date.',
  );
}

/** Suicide risk review the same day as PHQ-9 question 9 above 0 or a raised concern. */
export function suicideRiskReview(ctx: EvaluationContext): Evaluation {
  const concern = latest(ctx.facts.suicideConcerns.map((c) => c.on));
  if (concern === null) return notApplicable('No suicide concern recorded.');
  const review = latest(ctx.facts.done.suicideRiskReview.filter((on) => on >= concern));
  if (review !== null) return met(review, null, `Reviewed on ${review} after the concern on ${concern}.`);
  // Same day, fixed by the brief: overdue from the day after the concern.
  return pending(
    { due: concern, graceDays: 0, reason: `Concern recorded on ${concern}: review the same day.` },
    null,
  );
}
