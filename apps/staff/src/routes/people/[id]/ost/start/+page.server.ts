import { fail } from '@sveltejs/kit';
import { londonDate } from '@harbour/domain/dates';
import {
  draftFromStartForm,
  firstDoseAssessmentFromForm,
  PlanStartForm,
} from '@harbour/domain/ost/plan-start';
import { readForm } from '@harbour/ui/form/read-form';
import {
  checkAndSave,
  planToStart,
  personHeading,
  startOptions,
  type Concern,
} from '#lib/server/ost-plan.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * A prescriber starts a person's first OST plan in their open episode, without JavaScript. Only a prescriber who
 * may change the plan sees the form (the API's `canPrescribe` decides, as for a change); with a plan already,
 * the page goes back to it. Saving checks the start against the OST rules first (`ost.plan.propose`, then
 * `ost.plan.save` with `expectedVersion: null`): a refusal comes back with the rule's words, nothing written.
 */
export const load: PageServerLoad = async (event) => {
  const view = await planToStart(event);
  const today = londonDate(new Date());
  return {
    person: personHeading(view),
    values: { effectiveFrom: today, instalmentForm: 'FP10MDA' },
    ...startOptions(view),
  };
};

export const actions: Actions = {
  save: async (event) => {
    const submitted = await event.request.formData();
    const read = readForm(submitted, PlanStartForm);
    if (!read.ok) return fail(400, { ...read.failure, concerns: [] as Concern[] });
    await planToStart(event);
    const base = {
      personId: event.params.id,
      expectedVersion: null,
      plan: draftFromStartForm(read.data, londonDate(new Date())),
      context: {
        qtProlonging: read.data.qtProlonging,
        toleranceUncertain: read.data.toleranceUncertain,
        buprenorphineFirstDose: firstDoseAssessmentFromForm(read.data),
      },
    };
    return checkAndSave(event, submitted, base, read.values);
  },
};
