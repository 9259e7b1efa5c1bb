import { error, fail, redirect } from '@sveltejs/kit';
import { SessionSetup } from '@harbour/domain/booking/setup';
import { addDays, londonDate } from '@harbour/domain/dates';
import { healthNeedCatalogue } from '@harbour/domain/health/catalogue';
import { readForm } from '@harbour/ui/form/read-form';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { entryProblems } from '#lib/server/entry-problems.ts';
import { requirePermission } from '#lib/server/permission.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['clinicId', 'date', 'startTime', 'endTime', 'slotMinutes', 'capacity', 'checks'];

/** Setting up a session: the clinics to choose from, and the checks a session may offer. */
export const load: PageServerLoad = async (event) => {
  const staff = requirePermission(
    event.locals.staff,
    'clinics:manage',
    'Nurses and team leads run the health-check clinics.',
  );
  let list;
  try {
    list = await event.locals.api.clinics.list.query();
  } catch (cause) {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    error(problem.status, problem.message);
  }
  return {
    me: staff.staffId,
    clinics: list.clinics.map((c) => ({ value: c.id, label: `${c.name} (${c.place})` })),
    checks: healthNeedCatalogue.map((n) => ({ value: n.code, label: n.name })),
    initial: { date: addDays(londonDate(new Date()), 7), slotMinutes: '20', capacity: '1' },
  };
};

export const actions: Actions = {
  /** Sets up the session and its slots (run by the member of staff setting it up). */
  create: async (event) => {
    const read = readForm(await event.request.formData(), SessionSetup, { hidden: ['staffIds'] });
    if (!read.ok) return fail(400, read.failure);
    try {
      await event.locals.api.clinics.createSession.mutate(read.data);
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      return fail(problem.status, { values: read.values, problems: entryProblems(problem, FIELDS) });
    }
    redirect(303, '/clinics?done=session');
  },
};
