import { error, fail, redirect } from '@sveltejs/kit';
import { textOf } from '@harbour/ui/form/read-form';
import { formatDate } from '@harbour/ui/format';
import { londonTime } from '#lib/format-time.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { requirePermission } from '#lib/server/permission.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import type { Actions, PageServerLoad } from './$types';

const statusLabels = { booked: 'Booked', cancelled: 'Cancelled', attended: 'Came', missed: 'Did not come' };

/** The clinic list: each session from today on, its slots and who is booked, and what came of each booking. */
export const load: PageServerLoad = async (event) => {
  requirePermission(
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
  const now = Date.now();
  return {
    clinics: list.clinics,
    sessions: list.sessions.map((s) => ({
      id: s.id,
      clinicName: s.clinicName,
      place: s.place,
      day: formatDate(new Date(s.startsAt)),
      times: `${londonTime(s.startsAt)} to ${londonTime(s.endsAt)}`,
      checks: s.checks.map((c) => c.name).join(', '),
      staffNames: s.staffNames.join(', '),
      slots: s.slots.map((slot) => ({
        id: slot.id,
        time: `${londonTime(slot.startsAt)}–${londonTime(slot.endsAt)}`,
        capacity: slot.capacity,
        ended: Date.parse(slot.endsAt) <= now,
        bookings: slot.bookings.map((b) => ({ ...b, statusLabel: statusLabels[b.status] })),
      })),
    })),
    done: event.url.searchParams.get('done'),
  };
};

export const actions: Actions = {
  /** After the slot: the person came, or did not (an outreach task for their keyworker, never a removal). */
  attendance: async (event) => {
    const form = await event.request.formData();
    const outcome = textOf(form, 'outcome');
    const version = Number(textOf(form, 'expectedVersion'));
    if ((outcome !== 'attended' && outcome !== 'missed') || !Number.isInteger(version))
      return fail(400, { problem: 'Choose whether the person came.' });
    try {
      await event.locals.api.clinics.recordAttendance.mutate({
        personId: textOf(form, 'personId'),
        bookingId: textOf(form, 'bookingId'),
        expectedVersion: version,
        outcome,
      });
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      return fail(problem.status, { problem: problem.message });
    }
    redirect(303, `/clinics?done=${outcome}`);
  },
};
