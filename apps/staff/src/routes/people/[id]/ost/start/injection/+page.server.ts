import { fail } from '@sveltejs/kit';
import { londonDate } from '@harbour/domain/dates';
import { draftFromInjectionStartForm, PlanInjectionStartForm } from '@harbour/domain/ost/injection-plan-form';
import { readForm } from '@harbour/ui/form/read-form';
import {
  checkAndSave,
  planToStart,
  personHeading,
  injectionOptions,
  type Concern,
} from '#lib/server/ost-plan.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * A prescriber starts a person's first OST plan on the prolonged-release buprenorphine injection, without
 * JavaScript: who may, and what happens with a plan already, as for `/people/[id]/ost/start`. Saving checks the
 * start against the OST rules first (strength, weekly before monthly, test dose, week one): a refusal comes back
 * with the rule's words, nothing written.
 */
export const load: PageServerLoad = async (event) => {
  const view = await planToStart(event);
  return {
    person: personHeading(view),
    values: { effectiveFrom: londonDate(new Date()), interval: 'weekly' },
    ...injectionOptions(view),
  };
};

export const actions: Actions = {
  save: async (event) => {
    const submitted = await event.request.formData();
    const read = readForm(submitted, PlanInjectionStartForm);
    if (!read.ok) return fail(400, { ...read.failure, concerns: [] as Concern[] });
    await planToStart(event);
    const base = {
      personId: event.params.id,
      expectedVersion: null,
      plan: draftFromInjectionStartForm(read.data, londonDate(new Date())),
      context: {
        qtProlonging: read.data.qtProlonging,
        toleranceUncertain: read.data.toleranceUncertain,
        buprenorphineFirstDose: null,
      },
    };
    return checkAndSave(event, submitted, base, read.values);
  },
};
