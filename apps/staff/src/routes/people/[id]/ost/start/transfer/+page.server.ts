import { fail } from '@sveltejs/kit';
import { londonDate } from '@harbour/domain/dates';
import {
  draftFromTransferForm,
  planTransferForm,
  transferContext,
  transferPhases,
} from '@harbour/domain/ost/plan-transfer';
import { ostPhaseLabels } from '@harbour/domain/ost/store';
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
 * A prescriber starts the first plan of a person who transfers in from another service, continuing a course
 * begun there, without JavaScript. Shown, like the start form, only to a prescriber who may start the person's
 * plan (`planToStart`). The plan's course started at the previous service, so the rules check its dose as the
 * same dose continuing, not as a start; the day of the last dose there lets them count any days without one
 * (5 or more prompts a re-induction). The version's reason says where they came from.
 */
export const load: PageServerLoad = async (event) => {
  const view = await planToStart(event);
  const today = londonDate(new Date());
  return {
    person: personHeading(view),
    values: { effectiveFrom: today, instalmentForm: 'FP10MDA' },
    ...startOptions(view),
    phases: transferPhases.map((value) => ({ value, label: ostPhaseLabels[value] })),
  };
};

export const actions: Actions = {
  save: async (event) => {
    const today = londonDate(new Date());
    const submitted = await event.request.formData();
    const read = readForm(submitted, planTransferForm(today));
    if (!read.ok) return fail(400, { ...read.failure, concerns: [] as Concern[] });
    await planToStart(event);
    const base = {
      personId: event.params.id,
      expectedVersion: null,
      plan: draftFromTransferForm(read.data, today),
      context: transferContext(read.data),
    };
    return checkAndSave(event, submitted, base, read.values);
  },
};
