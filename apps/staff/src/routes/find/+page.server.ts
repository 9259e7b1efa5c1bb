import { error, fail } from '@sveltejs/kit';
import { PersonSearch } from '@harbour/domain/record/inputs';
import { formatDate } from '@harbour/ui/format';
import { problemsFromApi } from '@harbour/ui/form/api-problems';
import { readForm } from '@harbour/ui/form/read-form';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { requirePermission } from '#lib/server/permission.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import type { Actions, PageServerLoad } from './$types';

/** Find a person in the organisation. The search is a POST: its text never appears in an address or a log. */
export const load: PageServerLoad = ({ locals }) => {
  requirePermission(
    locals.staff,
    'person:search',
    'Finding people is for staff who work with people’s records.',
  );
  return {};
};

export const actions: Actions = {
  search: async (event) => {
    requirePermission(
      event.locals.staff,
      'person:search',
      'Finding people is for staff who work with people’s records.',
    );
    const read = readForm(await event.request.formData(), PersonSearch);
    if (!read.ok) return fail(400, read.failure);
    try {
      const found = await event.locals.api.people.search.mutate(read.data);
      return {
        values: read.values,
        problems: [],
        searched: true,
        more: found.more,
        results: found.results.map((r) => ({ ...r, born: formatDate(r.dateOfBirth) })),
      };
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      if (problem.status === 400)
        return fail(400, {
          values: read.values,
          problems: problemsFromApi(problem.issues, ['query'], { field: 'query', message: problem.message }),
        });
      error(problem.status, problem.message);
    }
  },
};
