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
 * works without JavaScript; each post records one person and comes back to the list saying what was recorded,
 * with the focus on the next person's first button (docs/performance.md "A day at the pharmacy").
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
  const people = day.people.map((p) => ({
    personId: p.personId,
    name: `${p.givenName} ${p.familyName}`,
    dateOfBirth: formatDate(p.dateOfBirth),
    dose: `${ostMedicineLabels[p.medicine]} ${formatDose(p.doseMg)}`,
    due: p.due,
    notes: p.pharmacyNotes,
    daysWithoutDose: p.daysWithoutDose,
    recorded: p.recorded && {
      label: dispensingOutcomeLabels[p.recorded.outcome],
      takeHomeDays: p.recorded.takeHomeDays,
    },
  }));
  // After a recording: say what was recorded, and put the focus on the next person still to record (after
  // this one, then from the top), so the day goes one tap or one keypress (Enter) per person.
  const doneId = event.url.searchParams.get('done');
  const at = people.findIndex((p) => p.personId === doneId);
  const justDone = at === -1 ? undefined : people[at];
  const next = justDone && [...people.slice(at + 1), ...people.slice(0, at)].find((p) => !p.recorded);
  return {
    day: day.day,
    dayLabel: formatDate(day.day),
    pharmacies: day.pharmacies.map((p) => `${p.name}, ${p.address}`),
    people,
    justRecorded: justDone?.recorded
      ? {
          name: justDone.name,
          label: justDone.recorded.label,
          blocked: event.url.searchParams.get('blocked') === '1',
          nextName: next?.name ?? null,
        }
      : null,
    focusId: next?.personId ?? null,
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
    // No fragment: a page opened at a fragment ignores `autofocus` (HTML's autofocus steps), and the focus on the
    // next person scrolls their row into view.
    redirect(303, `/pharmacy?done=${read.data.personId}${recorded.blocked ? '&blocked=1' : ''}`);
  },
};
