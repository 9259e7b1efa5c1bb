import { fail } from '@sveltejs/kit';
import { londonDate } from '@harbour/domain/dates';
import { ostMedicineLabels } from '@harbour/domain/medicines';
import {
  draftFromInjectionSwitchForm,
  injectionSwitchFormValues,
  injectionSwitchProblem,
  injectionSwitchSuggestion,
  PlanInjectionSwitchForm,
} from '@harbour/domain/ost/injection-switch';
import { readForm } from '@harbour/ui/form/read-form';
import {
  checkAndSave,
  injectionOptions,
  personHeading,
  planDoseWords,
  planToChange,
  staleVersion,
  type Concern,
} from '#lib/server/ost-plan.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * The prescriber switches a person from daily sublingual buprenorphine to the prolonged-release injection as the
 * plan's next version, without JavaScript (ost.md "Medicines"). The page shows the conversion table's suggestion
 * for the current daily dose (from the domain); the switch is a new course from the day of the first injection,
 * given by a clinician, with no pharmacy or instalments. Saved at the version shown, through the same check as a
 * change: a refusal comes back with the rule's words, nothing written; a dose other than the table's warns
 * (OST-PRB-CONVERSION) and needs a reason. From methadone, or on the injection already, the page says what to do
 * instead and offers no form.
 */
export const load: PageServerLoad = async (event) => {
  const { view, plan } = await planToChange(event);
  return {
    person: personHeading(view),
    now: `${ostMedicineLabels[plan.medicine]}, now ${planDoseWords(plan)}`,
    problem: injectionSwitchProblem(plan),
    onInjection: plan.injection !== null,
    suggestion: injectionSwitchSuggestion(plan),
    values: injectionSwitchFormValues(plan, londonDate(new Date())),
    ...injectionOptions(view),
  };
};

export const actions: Actions = {
  save: async (event) => {
    const submitted = await event.request.formData();
    const read = readForm(submitted, PlanInjectionSwitchForm, { hidden: ['expectedVersion'] });
    if (!read.ok) return fail(400, { ...read.failure, concerns: [] as Concern[] });
    const { plan } = await planToChange(event);
    if (plan.version !== read.data.expectedVersion) return staleVersion(read.values);
    const problem = injectionSwitchProblem(plan);
    if (problem !== null)
      return fail(400, {
        values: read.values,
        problems: [{ field: null, message: problem }],
        concerns: [] as Concern[],
      });
    const base = {
      personId: event.params.id,
      expectedVersion: plan.version,
      plan: draftFromInjectionSwitchForm(plan, read.data, londonDate(new Date())),
      context: {
        qtProlonging: read.data.qtProlonging,
        toleranceUncertain: read.data.toleranceUncertain,
        buprenorphineFirstDose: null,
      },
    };
    return checkAndSave(event, submitted, base, read.values);
  },
};
