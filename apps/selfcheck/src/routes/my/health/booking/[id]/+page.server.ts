import { error } from '@sveltejs/kit';
import { Id } from '@harbour/domain/ids';
import { checkWords, clockTime, when } from '#lib/health-words.ts';
import { readOrFail } from '#lib/server/calls.ts';
import type { PageServerLoad } from './$types';

const done: Record<string, string> = {
  booked: 'You are booked in',
  moved: 'Your time has been changed',
  cancelled: 'Your booking has been cancelled',
};

/** One of the person's bookings: when and where, add it to a calendar, change or cancel it. */
export const load: PageServerLoad = async ({ params, locals, cookies, url }) => {
  if (!Id.safeParse(params.id).success) error(404, 'Page not found');
  const b = await readOrFail(
    locals.api.selfcheck.booking.query({ bookingId: params.id }),
    cookies,
    url.pathname,
  );
  return {
    id: b.id,
    title: checkWords[b.need].title,
    about: checkWords[b.need].about,
    open: b.status === 'booked',
    status: b.status,
    when: when(b.startsAt),
    until: clockTime(b.endsAt),
    clinicName: b.clinicName,
    place: b.place,
    cannotChange: b.cannotChange,
    done: done[url.searchParams.get('done') ?? ''] ?? null,
  };
};
