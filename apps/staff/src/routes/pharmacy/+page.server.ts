import { error, fail, redirect } from '@sveltejs/kit';
import { ostMedicineLabels } from '@harbour/domain/medicines';
import { DispensingForm, dispensingOutcomeLabels, pharmacyOutcomeFromForm } from '@harbour/domain/ost/store';
import { formatDate, formatDose } from '@harbour/ui/format';
import { readForm } from '@harbour/ui/form/read-form';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { requirePermission } from '#lib/server/permission.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import type { Actions, PageServerLoad } from './$types';

const EXPLANATION = 'Only pharmacists record what their pharmacy dispensed.';

/**
 * "Today" at the pharmacy: everyone with a current plan at the pharmacist's pharmacy, and one submit each for
 * what happened (supervised and consumed, collected take-home, missed, withheld, not due). Plain forms, so it
 * works without JavaScript; each post records one person and comes back to the list at the next one.
 */
export const load: PageServerLoad = async (event) => {
  requirePermission(event.locals.staff, 'pharmacy:dispense', EXPLANATION);
  let day;
  try {
    day = await event.locals.api.ost.pharmacy.today.query();
  } catch (cause) {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    error(problem.status, problem.message, { explanation: EXPLANATION });
  }
  return {
    day: day.day,
    dayLabel: formatDate(day.day),
    pharmacies: day.pharmacies.map((p) => `${p.name}, ${p.address}`),
    people: day.people.map((p) => ({
      personId: p.personId,
      name: `${p.givenName} ${p.familyName}`,
      dateOfBirth: formatDate(p.dateOfBirth),
      dose: `${ostMedicineLabels[p.medicine]} ${formatDose(p.doseMg)}`,
      due: p.due,
      daysWithoutDose: p.daysWithoutDose,
      recorded: p.recorded && {
        label: dispensingOutcomeLabels[p.recorded.outcome],
        takeHomeDays: p.recorded.takeHomeDays,
      },
    })),
    done: event.url.searchParams.get('done'),
  };
};

export const actions: Actions = {
  record: async (event) => {
    requirePermission(event.locals.staff, 'pharmacy:dispense', EXPLANATION);
    const submitted = await event.request.formData();
    const read = readForm(submitted, DispensingForm, { hidden: ['personId', 'day', 'days'] });
    if (!read.ok) return fail(400, { ...read.failure, personId: String(submitted.get('personId') ?? '') });
    let recorded;
    try {
      recorded = await event.locals.api.ost.pharmacy.record.mutate({
        personId: read.data.personId,
        day: read.data.day,
        outcome: pharmacyOutcomeFromForm(read.data),
      });
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      if ([400, 404, 409, 422].includes(problem.status))
        return fail(problem.status, {
          values: read.values,
          personId: read.data.personId,
          problems: [
            ...problem.issues.map((issue) => ({ field: null, message: issue.message })),
            { field: null, message: problem.apiMessage ?? problem.message },
          ],
        });
      error(problem.status, problem.message, { explanation: EXPLANATION });
    }
    redirect(
      303,
      `/pharmacy?done=${read.data.personId}${recorded.blocked ? '&blocked=1' : ''}#person-${read.data.personId}`,
    );
  },
};
