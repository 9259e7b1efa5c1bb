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
  personHeading,
  injectionOptions,
  planToChange,
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
  const { view, plan } = await planToChange(event);
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
    const { version, current } = await planToChange(event);
    if (current.injection === null) redirect(303, `/people/${event.params.id}/ost`);
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
