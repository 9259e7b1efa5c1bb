import { error, fail, redirect } from '@sveltejs/kit';
import { Id } from '@harbour/domain/ids';
import { textOf } from '@harbour/ui/form/read-form';
import { checkWords, when } from '#lib/health-words.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { readOrFail } from '#lib/server/calls.ts';
import { sessionEnded } from '#lib/server/session.ts';
import { slotOptions } from '#lib/slot-options.ts';
import type { Actions, PageServerLoad } from './$types';

const CHOOSE = 'Choose a new time';
const CHANGED = 'Your booking was changed in another window. Look at it again and try again.';

function idOf(params: { id: string }): string {
  if (!Id.safeParse(params.id).success) error(404, 'Page not found');
  return params.id;
}

/** Another time for the same check: the times the person may move their booking to. */
export const load: PageServerLoad = async ({ params, locals, cookies, url }) => {
  const bookingId = idOf(params);
  const b = await readOrFail(locals.api.selfcheck.booking.query({ bookingId }), cookies, url.pathname);
  if (b.status !== 'booked' || b.cannotChange !== null) redirect(303, `/my/health/booking/${bookingId}`);
  const slots = await readOrFail(
    locals.api.selfcheck.slotsForCheck.query({ need: b.need, replacingBookingId: bookingId }),
    cookies,
    url.pathname,
  );
  return {
    id: bookingId,
    version: b.version,
    title: checkWords[b.need].title,
    now: when(b.startsAt),
    options: slotOptions(slots),
  };
};

export const actions: Actions = {
  /** Moves the booking to the time chosen. */
  change: async ({ params, request, locals, cookies, url }) => {
    const bookingId = idOf(params);
    const form = await request.formData();
    const slotId = textOf(form, 'slotId');
    const version = Number(textOf(form, 'version'));
    if (slotId === '') return fail(400, { values: {}, problems: [{ field: 'slotId', message: CHOOSE }] });
    try {
      await locals.api.selfcheck.rescheduleCheck.mutate({
        bookingId,
        slotId,
        expectedVersion: Number.isInteger(version) && version > 0 ? version : 1,
      });
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(cookies, url.pathname);
      const message = problem.status === 409 ? CHANGED : problem.status === 400 ? CHOOSE : problem.message;
      return fail(problem.status, { values: { slotId }, problems: [{ field: 'slotId', message }] });
    }
    redirect(303, `/my/health/booking/${bookingId}?done=moved`);
  },
};
