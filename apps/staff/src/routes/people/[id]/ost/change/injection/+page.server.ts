import { fail, redirect } from '@sveltejs/kit';
import { londonDate } from '@harbour/domain/dates';
import { injectionIntervals } from '@harbour/domain/ost/injection';
import {
  draftFromInjectionChangeForm,
  injectionChangeFormValues,
  injectionDoseWords,
  PlanInjectionChangeForm,
} from '@harbour/domain/ost/injection-plan-form';
import { readForm } from '@harbour/ui/form/read-form';
import {
  checkAndSave,
  currentPlan,
  personHeading,
  sharedOptions,
  type Concern,
} from '#lib/server/ost-plan.ts';
import type { Actions, PageServerLoad } from './$types';

const intervalLabels: Record<(typeof injectionIntervals)[number], string> = {
  weekly: 'Weekly',
  monthly: 'Monthly (every 28 days)',
};

/**
 * The prescriber's change to a prolonged-release buprenorphine injection plan, without JavaScript: its dose,
 * weekly or monthly, and when the last injection was given and the next is planned. `/change` sends an injection
 * plan here, and this page sends a daily one back. Saving checks the change against the OST rules first
 * (`ost.plan.propose`, then `ost.plan.save` at the version shown): a refusal comes back with the rule's words.
 */
export const load: PageServerLoad = async (event) => {
  const view = await currentPlan(event);
  const plan = view.plan;
  if (!plan || !view.mayPrescribe) redirect(303, `/people/${event.params.id}/ost`);
  if (plan.injection === null) redirect(303, `/people/${event.params.id}/ost/change`);
  const { phases, reasons } = sharedOptions(view);
  return {
    person: personHeading(view),
    now: `Prolonged-release buprenorphine injection, now ${injectionDoseWords(plan.doseMg, plan.injection.interval)}`,
    values: injectionChangeFormValues(plan),
    phases,
    reasons,
    intervals: injectionIntervals.map((value) => ({ value, label: intervalLabels[value] })),
  };
};

export const actions: Actions = {
  save: async (event) => {
    const submitted = await event.request.formData();
    const read = readForm(submitted, PlanInjectionChangeForm, { hidden: ['expectedVersion'] });
    if (!read.ok) return fail(400, { ...read.failure, concerns: [] as Concern[] });
    const view = await currentPlan(event);
    const plan = view.plan;
    if (!plan || !view.mayPrescribe || plan.injection === null)
      redirect(303, `/people/${event.params.id}/ost`);
    const {
      personId: _p,
      episodeId: _e,
      version,
      prescriberId: _by,
      pharmacyName: _n,
      wording: _w,
      ...current
    } = plan;
    if (version !== read.data.expectedVersion)
      return fail(409, {
        values: read.values,
        problems: [
          {
            field: null,
            message: 'The plan has changed since you opened it. Reload the page and try again.',
          },
        ],
        concerns: [] as Concern[],
      });
    const base = {
      personId: event.params.id,
      expectedVersion: version,
      plan: draftFromInjectionChangeForm(current, read.data, londonDate(new Date())),
      context: {
        qtProlonging: read.data.qtProlonging,
        toleranceUncertain: read.data.toleranceUncertain,
        buprenorphineFirstDose: null,
      },
    };
    return checkAndSave(event, submitted, base, read.values);
  },
};
