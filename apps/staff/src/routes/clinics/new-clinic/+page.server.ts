import { fail, redirect } from '@sveltejs/kit';
import { singleLine } from '@harbour/domain/text';
import { readForm } from '@harbour/ui/form/read-form';
import { z } from 'zod';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { entryProblems } from '#lib/server/entry-problems.ts';
import { requirePermission } from '#lib/server/permission.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import type { Actions, PageServerLoad } from './$types';

const ClinicForm = z.strictObject({
  name: singleLine({ min: 1, max: 120, tooShort: 'Enter the clinic’s name' }),
  place: singleLine({ min: 1, max: 200, tooShort: 'Enter where it is, as people should read it' }),
});

export const load: PageServerLoad = ({ locals }) => {
  requirePermission(locals.staff, 'clinics:manage', 'Nurses and team leads run the health-check clinics.');
  return {};
};

export const actions: Actions = {
  /** Adds a clinic: a name and where it is. */
  create: async (event) => {
    const read = readForm(await event.request.formData(), ClinicForm);
    if (!read.ok) return fail(400, read.failure);
    try {
      await event.locals.api.clinics.createClinic.mutate(read.data);
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      return fail(problem.status, {
        values: read.values,
        problems: entryProblems(problem, ['name', 'place']),
      });
    }
    redirect(303, '/clinics?done=clinic');
  },
};
