import { error, fail, redirect } from '@sveltejs/kit';
import { HealthNeedCode } from '@harbour/domain/health/catalogue';
import { textOf } from '@harbour/ui/form/read-form';
import { checkWords } from '#lib/health-words.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { readOrFail } from '#lib/server/calls.ts';
import { sessionEnded } from '#lib/server/session.ts';
import { slotOptions } from '#lib/slot-options.ts';
import type { Actions, PageServerLoad } from './$types';

const CHOOSE = 'Choose a time';

function needOf(params: { need: string }) {
  const need = HealthNeedCode.safeParse(params.need);
  if (!need.success) error(404, 'Page not found');
  return need.data;
}

/** The times the person may book for one check, as a list to choose from. */
export const load: PageServerLoad = async ({ params, locals, cookies, url }) => {
  const need = needOf(params);
  const slots = await readOrFail(locals.api.selfcheck.slotsForCheck.query({ need }), cookies, url.pathname);
  return { need, ...checkWords[need], options: slotOptions(slots) };
};

export const actions: Actions = {
  /** Books the time chosen; the rules' own words when it cannot be booked, and nothing changes. */
  book: async ({ params, request, locals, cookies, url }) => {
    const need = needOf(params);
    const form = await request.formData();
    const slotId = textOf(form, 'slotId');
    if (slotId === '') return fail(400, { values: {}, problems: [{ field: 'slotId', message: CHOOSE }] });
    let id: string;
    try {
      ({ id } = await locals.api.selfcheck.bookCheck.mutate({ slotId, need }));
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(cookies, url.pathname);
      const message = problem.status === 400 ? CHOOSE : problem.message;
      return fail(problem.status, { values: { slotId }, problems: [{ field: 'slotId', message }] });
    }
    redirect(303, `/my/health/booking/${id}?done=booked`);
  },
};
