import { checkWords, statusWords, when } from '#lib/health-words.ts';
import { readOrFail } from '#lib/server/calls.ts';
import type { PageServerLoad } from './$types';

/** "Your health checks": the checks due for the person in plain words, and their bookings to come. */
export const load: PageServerLoad = async ({ locals, cookies, url }) => {
  const view = await readOrFail(locals.api.selfcheck.healthChecks.query(), cookies, url.pathname);
  return {
    checks: view.checks.map((c) => ({
      code: c.code,
      ...checkWords[c.code],
      status: c.status,
      statusWords: statusWords(c.status),
      bookable: c.bookable,
    })),
    bookings: view.bookings.map((b) => ({
      id: b.id,
      title: checkWords[b.need].title,
      when: when(b.startsAt),
      clinicName: b.clinicName,
      place: b.place,
    })),
  };
};
