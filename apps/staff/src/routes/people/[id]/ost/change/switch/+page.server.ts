import { fail } from '@sveltejs/kit';
import { londonDate } from '@harbour/domain/dates';
import { ostMedicineLabels } from '@harbour/domain/medicines';
import {
  draftFromStartForm,
  firstDoseAssessmentFromForm,
  PlanSwitchForm,
  switchProblem,
} from '@harbour/domain/ost/plan-start';
import { planChangeFormValues } from '@harbour/domain/ost/store';
import { readForm } from '@harbour/ui/form/read-form';
import {
  checkAndSave,
  personHeading,
  planToChange,
  staleVersion,
  startOptions,
  type Concern,
} from '#lib/server/ost-plan.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * The prescriber switches a person's medicine (e.g. methadone to buprenorphine) as the plan's next version,
 * without JavaScript. A switch is an induction of the new medicine (ost.md "Medicines"): its course starts the day
 * the switch takes effect, so the new medicine's start rules apply, with the first-dose assessment for
 * buprenorphine (from methadone: the last dose and the hours since it). Saved at the version shown, through the
 * same check as a change: a refusal comes back with the rule's words, nothing written.
 */
export const load: PageServerLoad = async (event) => {
  const { view, plan } = await planToChange(event);
  const options = startOptions(view);
  return {
    person: personHeading(view),
    now: ostMedicineLabels[plan.medicine],
    daily: plan.injection === null,
    values: {
      ...planChangeFormValues(plan),
      doseMg: '',
      effectiveFrom: londonDate(new Date()),
      instalmentForm: plan.instalments?.form ?? 'FP10MDA',
    },
    ...options,
    medicines: options.medicines.filter((m) => m.value !== plan.medicine),
  };
};

export const actions: Actions = {
  save: async (event) => {
    const submitted = await event.request.formData();
    const read = readForm(submitted, PlanSwitchForm, { hidden: ['expectedVersion'] });
    if (!read.ok) return fail(400, { ...read.failure, concerns: [] as Concern[] });
    const { plan } = await planToChange(event);
    if (plan.version !== read.data.expectedVersion) return staleVersion(read.values);
    const sameMedicine = switchProblem(plan, read.data);
    if (sameMedicine !== null)
      return fail(400, {
        values: read.values,
        problems: [{ field: 'medicine', message: sameMedicine }],
        concerns: [] as Concern[],
      });
    const base = {
      personId: event.params.id,
      expectedVersion: plan.version,
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
