import { type z } from 'zod';
import { daysBetween } from '../dates.ts';
import { DomainError } from '../errors.ts';
import {
  BuprenorphineFirstDoseInput,
  checkBuprenorphineDose,
  checkBuprenorphineFirstDose,
} from './buprenorphine.ts';
import { type CoMedication, coPrescriptionFindings, ecgFinding } from './common.ts';
import type { DoseHistoryEntry } from './dose-history.ts';
import { checkInjectionDose, checkInjectionWeekOne } from './injection.ts';
import { convertSublingualToInjection } from './injection-conversion.ts';
import { checkInjectionTiming } from './injection-schedule.ts';
import { checkMethadoneDoseChange, checkMethadoneStart } from './methadone.ts';
import { combine, finding, type CheckResult } from './outcome.ts';
import type { OstPlan } from './plan.ts';
import type { OstSettings } from './settings.ts';

/** What a first sublingual buprenorphine dose needs to be checked: COWS, last heroin use, any methadone. */
export const BuprenorphineFirstDoseAssessment = BuprenorphineFirstDoseInput.pick({
  cows: true,
  lastHeroin: true,
  fromMethadone: true,
});
export type BuprenorphineFirstDoseAssessment = z.infer<typeof BuprenorphineFirstDoseAssessment>;

/** The parts of the plan-change context the dose rules read. */
export interface DoseContext {
  doseHistory: readonly DoseHistoryEntry[];
  coMedication: CoMedication;
  usesSedativesOrAlcohol: boolean;
  toleranceUncertain: boolean;
  weeklyInjectionsGiven: number;
  buprenorphineFirstDose: BuprenorphineFirstDoseAssessment | null;
}

/** This version starts a course of its medicine (a first dose, a switch, or a restart as a new induction). */
export function startsCourse(plan: OstPlan): boolean {
  return plan.courseStartedOn === plan.effectiveFrom;
}

/**
 * The dose history a change is measured against: the caller's history of this course, or else the previous
 * version's dose, or else (a transfer in, continuing a course begun elsewhere) the proposed dose itself.
 */
function historyFor(previous: OstPlan | null, proposed: OstPlan, ctx: DoseContext): DoseHistoryEntry[] {
  const course = ctx.doseHistory.filter((d) => d.on >= proposed.courseStartedOn);
  if (course.length > 0) return course;
  if (previous !== null && previous.medicine === proposed.medicine) {
    return [{ on: previous.effectiveFrom, doseMg: previous.doseMg }];
  }
  return [{ on: proposed.effectiveFrom, doseMg: proposed.doseMg }];
}

function methadone(previous: OstPlan | null, p: OstPlan, ctx: DoseContext, s: OstSettings): CheckResult {
  if (startsCourse(p)) {
    return checkMethadoneStart(
      {
        doseMg: p.doseMg,
        usesSedativesOrAlcohol: ctx.usesSedativesOrAlcohol,
        toleranceUncertain: ctx.toleranceUncertain,
        coMedication: ctx.coMedication,
      },
      s,
    );
  }
  return checkMethadoneDoseChange(
    {
      inductionStartedOn: p.courseStartedOn,
      history: historyFor(previous, p, ctx),
      proposed: { on: p.effectiveFrom, doseMg: p.doseMg },
      phase: p.phase,
      coMedication: ctx.coMedication,
    },
    s,
  );
}

function sublingual(p: OstPlan, ctx: DoseContext, s: OstSettings): CheckResult {
  const medicine = p.medicine === 'buprenorphine_naloxone' ? 'buprenorphine_naloxone' : 'buprenorphine';
  const dose = {
    medicine,
    doseMg: p.doseMg,
    productAllowsHigherDose: p.productAllowsHigherDose,
    coMedication: ctx.coMedication,
  } as const;
  if (!startsCourse(p)) return checkBuprenorphineDose({ ...dose, phase: p.phase }, s);
  if (ctx.buprenorphineFirstDose === null) {
    return combine(
      finding(
        'OST-BUP-FIRST-DOSE-COWS',
        'refused',
        'This starts buprenorphine: record the COWS score, when heroin was last used and any methadone ' +
          'before the first dose.',
      ),
      checkBuprenorphineDose({ ...dose, phase: p.phase }, s),
    );
  }
  return checkBuprenorphineFirstDose({ ...dose, ...ctx.buprenorphineFirstDose }, s);
}

/**
 * Days on sublingual buprenorphine before a switch to the injection converts from it (issue 10 review): the
 * conversion table assumes an established daily dose. A service setting for its clinical lead to confirm.
 */
export const ESTABLISHED_ON_SUBLINGUAL_DAYS = 7;

function injection(previous: OstPlan | null, p: OstPlan, ctx: DoseContext, s: OstSettings): CheckResult {
  const schedule = p.injection;
  if (schedule === null) throw new DomainError('INVALID_INPUT', 'an injection plan needs its schedule');
  const parts: CheckResult[] = [
    checkInjectionDose({
      interval: schedule.interval,
      doseMg: p.doseMg,
      weeklyInjectionsGiven: ctx.weeklyInjectionsGiven,
    }),
  ];
  const fromSublingual =
    previous !== null &&
    (previous.medicine === 'buprenorphine' || previous.medicine === 'buprenorphine_naloxone');
  if (previous?.medicine === 'methadone') {
    // The conversion table starts from a daily sublingual dose only (ost.md), and coming off methadone has its
    // own first-dose checks (OST-BUP-FIRST-DOSE-FROM-METHADONE-*), which a switch straight to the injection skips.
    parts.push(
      combine(
        finding(
          'OST-PRB-CONVERSION',
          'refused',
          'From methadone, switch to sublingual buprenorphine first (at 30 mg of methadone or less, 24 hours or ' +
            'more after the last dose); the injection is converted from a daily sublingual dose.',
          { overridable: false },
        ),
      ),
    );
  }
  const sublingualDays = fromSublingual ? daysBetween(previous.courseStartedOn, p.effectiveFrom) : null;
  if (sublingualDays !== null && sublingualDays < ESTABLISHED_ON_SUBLINGUAL_DAYS) {
    // The table converts an established daily dose; someone on sublingual buprenorphine for days (e.g. just
    // switched from methadone) is in effect a new starter, whose test dose and week one the switch skips.
    parts.push(
      combine(
        finding(
          'OST-PRB-CONVERSION',
          'refused',
          `Sublingual buprenorphine started ${sublingualDays === 0 ? 'today' : `${sublingualDays} day${sublingualDays === 1 ? '' : 's'} ago`}: ` +
            `keep to it for at least ${ESTABLISHED_ON_SUBLINGUAL_DAYS} days before switching to the injection.`,
          { overridable: false },
        ),
      ),
    );
  }
  if (fromSublingual) {
    const conversion = convertSublingualToInjection(previous.doseMg);
    const suggested = schedule.interval === 'weekly' ? conversion.weeklyMg : conversion.monthlyMg;
    parts.push(conversion.result);
    if (suggested !== null && suggested !== p.doseMg) {
      parts.push(
        combine(
          finding(
            'OST-PRB-CONVERSION',
            'warning',
            `From ${previous.doseMg} mg a day the table gives ${suggested} mg ${schedule.interval}; ` +
              `${p.doseMg} mg was chosen. Record the reason.`,
          ),
        ),
      );
    }
  }
  if (schedule.lastGivenOn === null) {
    parts.push(
      checkInjectionWeekOne({
        newStarter: schedule.newStarter,
        testDoseGiven: schedule.testDoseGiven,
        given: [],
        proposed: { on: schedule.nextDueOn, doseMg: p.doseMg },
      }),
    );
  } else {
    const lastInterval = previous?.injection?.interval ?? schedule.interval;
    parts.push(
      checkInjectionTiming(
        { lastGivenOn: schedule.lastGivenOn, lastInterval, givenOn: schedule.nextDueOn },
        s,
      ),
    );
  }
  return combine(
    ...parts,
    ecgFinding(null, ctx.coMedication.qtProlonging, s.ecgAboveMethadoneMg),
    ...coPrescriptionFindings(ctx.coMedication),
  );
}

/**
 * The dose rules for the plan's medicine, reusing each medicine's own checks: methadone start or change
 * (titration, post-induction increases, maintenance range, ECG, sedatives); sublingual buprenorphine first
 * dose or dose; the injection's strength, weekly-before-monthly, conversion from sublingual, week one or due
 * window, with the ECG and sedative rules that apply to any dose.
 */
export function doseFindings(
  previous: OstPlan | null,
  proposed: OstPlan,
  ctx: DoseContext,
  settings: OstSettings,
): CheckResult {
  switch (proposed.medicine) {
    case 'methadone':
      return methadone(previous, proposed, ctx, settings);
    case 'buprenorphine':
    case 'buprenorphine_naloxone':
      return sublingual(proposed, ctx, settings);
    case 'buprenorphine_prolonged_release':
      return injection(previous, proposed, ctx, settings);
  }
}
