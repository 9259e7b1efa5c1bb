import { error, fail, redirect } from '@sveltejs/kit';
import { Id } from '@harbour/domain/ids';
import { textOf } from '@harbour/ui/form/read-form';
import { checkWords, when } from '#lib/health-words.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { readOrFail } from '#lib/server/calls.ts';
import { sessionEnded } from '#lib/server/session.ts';
import type { Actions, PageServerLoad } from './$types';

const CHANGED = 'Your booking was changed in another window. Look at it again and try again.';

function idOf(params: { id: string }): string {
  if (!Id.safeParse(params.id).success) error(404, 'Page not found');
  return params.id;
}

/** "Are you sure?" before a booking is cancelled. */
export const load: PageServerLoad = async ({ params, locals, cookies, url }) => {
  const bookingId = idOf(params);
  const b = await readOrFail(locals.api.selfcheck.booking.query({ bookingId }), cookies, url.pathname);
  if (b.status !== 'booked' || b.cannotChange !== null) redirect(303, `/my/health/booking/${bookingId}`);
  return { id: bookingId, version: b.version, title: checkWords[b.need].title, when: when(b.startsAt) };
};

export const actions: Actions = {
  /** Cancels the booking (its place goes to someone else; the check stays due). */
  cancel: async ({ params, request, locals, cookies, url }) => {
    const bookingId = idOf(params);
    const form = await request.formData();
    const version = Number(textOf(form, 'version'));
    try {
      await locals.api.selfcheck.cancelCheck.mutate({
        bookingId,
        expectedVersion: Number.isInteger(version) && version > 0 ? version : 1,
      });
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(cookies, url.pathname);
      const message = problem.status === 409 ? CHANGED : problem.message;
      return fail(problem.status, { values: {}, problems: [{ field: null, message }] });
    }
    redirect(303, `/my/health/booking/${bookingId}?done=cancelled`);
  },
};
