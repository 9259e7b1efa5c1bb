import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { Id } from '@harbour/domain/ids';
import { ostRules, type RuleId } from '@harbour/domain/ost/rules';
import type { PlanChangeInput } from '@harbour/domain/ost/store';
import {
  ostPhaseLabels,
  supervisionModeLabels,
  supervisionReasonLabels,
  weekdayLabels,
} from '@harbour/domain/ost/store';
import { ostPhases } from '@harbour/domain/ost/common';
import { ostMedicineLabels } from '@harbour/domain/medicines';
import { instalmentForms, InstalmentMedicine } from '@harbour/domain/ost/instalments';
import { lastHeroinKinds, lastHeroinLabels } from '@harbour/domain/ost/plan-start';
import { injectionIntervals } from '@harbour/domain/ost/injection';
import { injectionDoseWords } from '@harbour/domain/ost/injection-plan-form';
import { formatDose } from '@harbour/ui/format';
import { supervisionModes, supervisionReasons, weekdays } from '@harbour/domain/ost/supervision';
import type { FormProblem, ShownValues } from '@harbour/ui/form/problems';
import { textOf, type Submitted } from '@harbour/ui/form/read-form';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';

/**
 * What the prescriber's two OST plan forms share (a first plan, `/people/[id]/ost/start`, and a change,
 * `/people/[id]/ost/change`): reading the person's plan, the options of the shared fields, and saving a draft
 * through the API's check (ost.md "The plan"): a refusal comes back with the rule's words, and each warning (or
 * overridable refusal) asks for a reason, which is kept with the version.
 */

const NOT_FOUND = 'We could not find this person';

/** One rule the prescriber must answer: its findings' words, and whether a reason can lift it. */
export interface Concern {
  ruleId: string;
  title: string;
  messages: string[];
  outcome: 'warning' | 'refused';
  overridable: boolean;
}

/** The person's plan view; a caller without access goes back to the record. */
/**
 * The plan view for a start form: only when the person has an open episode with no plan yet and the caller may
 * prescribe; otherwise back to the plan page.
 */
export async function planToStart(event: RequestEvent<{ id: string }>) {
  const view = await currentPlan(event);
  if (view.plan || view.episodeId === null || !view.mayPrescribe)
    redirect(303, `/people/${event.params.id}/ost`);
  return view;
}

export async function currentPlan(event: RequestEvent<{ id: string }>) {
  const { params, locals } = event;
  if (!Id.safeParse(params.id).success) error(404, NOT_FOUND);
  try {
    return await locals.api.ost.plan.get.query({ personId: params.id });
  } catch (cause) {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    if (problem.status === 403) redirect(303, `/people/${params.id}`);
    error(problem.status, problem.status === 404 || problem.status === 400 ? NOT_FOUND : problem.message);
  }
}

type PlanView = Awaited<ReturnType<typeof currentPlan>>;

/** The person's name and reference, for the page's heading. */
export const personHeading = (view: PlanView) => ({
  id: view.person.id,
  name: `${view.person.givenName} ${view.person.familyName}`,
  reference: view.person.reference,
});

/** The options of the fields both forms ask (labels made here, so the domain's schemas stay on the server). */
export const sharedOptions = (view: PlanView) => ({
  phases: ostPhases.map((value) => ({ value, label: ostPhaseLabels[value] })),
  modes: supervisionModes.map((value) => ({ value, label: supervisionModeLabels[value] })),
  days: weekdays.map((value) => ({ value, label: weekdayLabels[value] })),
  reasons: supervisionReasons.map((value) => ({ value, label: supervisionReasonLabels[value] })),
  pharmacies: view.pharmacies.map((p) => ({ value: p.id, label: `${p.name}, ${p.address}` })),
});

const instalmentFormLabels: Record<(typeof instalmentForms)[number], string> = {
  FP10MDA: 'FP10MDA (England)',
  WP10MDA: 'WP10MDA (Wales)',
};

/** The options of the fields that start a daily medicine's course (a first plan, or a switch of medicine). */
export const startOptions = (view: PlanView) => ({
  ...sharedOptions(view),
  medicines: InstalmentMedicine.options.map((value) => ({ value, label: ostMedicineLabels[value] })),
  instalmentForms: instalmentForms.map((value) => ({ value, label: instalmentFormLabels[value] })),
  lastHeroin: lastHeroinKinds.map((value) => ({ value, label: lastHeroinLabels[value] })),
});

const intervalLabels: Record<(typeof injectionIntervals)[number], string> = {
  weekly: 'Weekly',
  monthly: 'Monthly (every 28 days)',
};

/** The options of the injection's forms (a first injection plan, or a change to one). */
export const injectionOptions = (view: PlanView) => ({
  phases: sharedOptions(view).phases,
  reasons: sharedOptions(view).reasons,
  intervals: injectionIntervals.map((value) => ({ value, label: intervalLabels[value] })),
});

/**
 * The current version as a draft to change (without what the service adds), and its version number; null when
 * the person has no plan.
 */
export function currentDraft(view: PlanView) {
  if (!view.plan) return null;
  const {
    personId: _p,
    episodeId: _e,
    version,
    prescriberId: _by,
    pharmacyName: _n,
    wording: _w,
    ...current
  } = view.plan;
  return { version, current };
}

/**
 * The plan to change, for a change form: only when the person has a plan and the caller may prescribe; otherwise
 * back to the plan page. Gives the view, its plan, and the current version as a draft (`currentDraft`).
 */
export async function planToChange(event: RequestEvent<{ id: string }>) {
  const view = await currentPlan(event);
  const shown = currentDraft(view);
  if (!view.plan || !shown || !view.mayPrescribe) redirect(303, `/people/${event.params.id}/ost`);
  return { view, plan: view.plan, ...shown };
}

/** The `fail()` for a form sent from a version that is no longer the current one. */
export const staleVersion = (values: ShownValues) =>
  fail(409, {
    values,
    problems: [
      { field: null, message: 'The plan has changed since you opened it. Reload the page and try again.' },
    ],
    concerns: [] as Concern[],
  });

const ackField = (ruleId: string) => `ack-${ruleId}`;

/**
 * Checks the draft with `ost.plan.propose`, asks a reason of each rule that raised something (refusing what no
 * reason can lift), and saves it with `ost.plan.save`; then back to the plan page. Nothing is written unless the
 * domain allows it. Returns the `fail()` to send back otherwise.
 */
export async function checkAndSave(
  event: RequestEvent<{ id: string }>,
  submitted: Submitted,
  base: Omit<PlanChangeInput, 'acknowledgements'>,
  shown: ShownValues,
) {
  const values: Record<string, ShownValues[string]> = { ...shown };
  try {
    // What the rules say about this plan, so that reasons go only to rules that raised something.
    const proposal = await event.locals.api.ost.plan.propose.mutate({ ...base, acknowledgements: [] });
    const byRule = new Map<string, Concern>();
    for (const f of [...proposal.check.refusals, ...proposal.check.warnings]) {
      const known = byRule.get(f.ruleId);
      if (known) {
        known.messages.push(f.message);
        known.overridable &&= f.overridable;
        if (f.outcome === 'refused') known.outcome = 'refused';
      } else
        byRule.set(f.ruleId, {
          ruleId: f.ruleId,
          title: ostRules[f.ruleId as RuleId].title,
          messages: [f.message],
          outcome: f.outcome === 'refused' ? 'refused' : 'warning',
          overridable: f.overridable,
        });
    }
    const concerns = [...byRule.values()];
    const acknowledgements = concerns.flatMap((c) => {
      const reason = textOf(submitted, ackField(c.ruleId)).trim();
      values[ackField(c.ruleId)] = reason;
      return c.overridable && reason.length > 0 ? [{ ruleId: c.ruleId as RuleId, reason }] : [];
    });
    const problems: FormProblem[] = concerns.flatMap((c): FormProblem[] =>
      !c.overridable
        ? [{ field: null, message: `${c.ruleId}: ${c.messages.join(' ')}` }]
        : acknowledgements.some((a) => a.ruleId === c.ruleId)
          ? []
          : [
              {
                field: ackField(c.ruleId),
                message: `${c.outcome === 'refused' ? 'Refused' : 'Warning'}: ${c.messages.join(' ')} Give a reason for “${c.title}” (${c.ruleId}) or change the plan`,
              },
            ],
    );
    const tooShort = acknowledgements.filter((a) => a.reason.length < 10);
    for (const a of tooShort)
      problems.push({ field: ackField(a.ruleId), message: 'Give the reason in at least a short sentence' });
    if (problems.length > 0) return fail(422, { values, problems, concerns });
    await event.locals.api.ost.plan.save.mutate({ ...base, acknowledgements });
  } catch (cause) {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    if (problem.status === 403) redirect(303, `/people/${event.params.id}`);
    if (problem.status === 400 || problem.status === 409 || problem.status === 422)
      return fail(problem.status, {
        values,
        problems: [
          ...problem.issues.map((issue) => ({ field: null, message: issue.message })),
          { field: null, message: problem.apiMessage ?? problem.message },
        ],
        concerns: [] as Concern[],
      });
    error(problem.status, problem.status === 404 ? NOT_FOUND : problem.message);
  }
  redirect(303, `/people/${event.params.id}/ost?saved=1`);
}

/** A plan's dose in its unit: a daily dose "60 mg a day"; an injection's, the dose of one injection, weekly or monthly. */
export function planDoseWords(plan: {
  doseMg: number;
  injection: { interval: 'weekly' | 'monthly' } | null;
}): string {
  return plan.injection
    ? injectionDoseWords(plan.doseMg, plan.injection.interval)
    : `${formatDose(plan.doseMg)} a day`;
}
