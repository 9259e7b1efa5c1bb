import { error } from '@sveltejs/kit';
import { Id } from '@harbour/domain/ids';
import { checkWords } from '#lib/health-words.ts';
import { calendarFile } from '#lib/server/calendar-file.ts';
import { readOrFail } from '#lib/server/calls.ts';
import type { RequestHandler } from './$types';

/** The person's booking as a calendar file to download (their own booking only: the API checks). */
export const GET: RequestHandler = async ({ params, locals, cookies, url }) => {
  if (!Id.safeParse(params.id).success) error(404, 'Page not found');
  const b = await readOrFail(
    locals.api.selfcheck.booking.query({ bookingId: params.id }),
    cookies,
    url.pathname,
  );
  if (b.status !== 'booked') error(404, 'This booking is no longer open');
  const body = calendarFile({ ...b, title: checkWords[b.need].title });
  return new Response(body, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'attachment; filename="health-check.ics"',
      'cache-control': 'no-store',
    },
  });
};
