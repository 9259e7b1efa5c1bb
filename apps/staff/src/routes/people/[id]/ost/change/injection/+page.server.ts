import { fail, redirect } from '@sveltejs/kit';
import { londonDate } from '@harbour/domain/dates';
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
  currentDraft,
  injectionOptions,
  staleVersion,
  type Concern,
} from '#lib/server/ost-plan.ts';
import type { Actions, PageServerLoad } from './$types';

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
  return {
    person: personHeading(view),
    now: `Prolonged-release buprenorphine injection, now ${injectionDoseWords(plan.doseMg, plan.injection.interval)}`,
    values: injectionChangeFormValues(plan),
    ...injectionOptions(view),
  };
};

export const actions: Actions = {
  save: async (event) => {
    const submitted = await event.request.formData();
    const read = readForm(submitted, PlanInjectionChangeForm, { hidden: ['expectedVersion'] });
    if (!read.ok) return fail(400, { ...read.failure, concerns: [] as Concern[] });
    const view = await currentPlan(event);
    const draft = currentDraft(view);
    if (!draft || !view.mayPrescribe || draft.current.injection === null)
      redirect(303, `/people/${event.params.id}/ost`);
    const { version, current } = draft;
    if (version !== read.data.expectedVersion) return staleVersion(read.values);
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
