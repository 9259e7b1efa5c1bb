import { error, fail, redirect } from '@sveltejs/kit';
import { londonDate } from '@harbour/domain/dates';
import { HealthNeedCode } from '@harbour/domain/health/catalogue';
import { HealthEntryKind } from '@harbour/domain/health/entries';
import { CalendarDate, Id } from '@harbour/domain/ids';
import { singleLine } from '@harbour/domain/text';
import { problemsFromApi } from '@harbour/ui/form/api-problems';
import { readForm } from '@harbour/ui/form/read-form';
import { z } from 'zod';
import { entryKindLabels } from '#lib/health-labels.ts';
import { londonDateTime } from '#lib/format-time.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = 'We could not find this person';

/** The form: the domain checks the rest (a result the test can have, a reason for a decline) at the API. */
const OutcomeForm = z.strictObject({
  kind: HealthEntryKind.or(z.literal('')).refine((k) => k !== '', 'Choose what was done'),
  on: CalendarDate,
  result: singleLine({ min: 1, max: 32 }).nullable(),
  note: singleLine({ min: 1, max: 500 }).nullable(),
  bookingId: Id.nullable(),
});
const FIELDS = ['kind', 'on', 'result', 'note', 'bookingId'];

function params_(params: { id: string; need: string }) {
  const need = HealthNeedCode.safeParse(params.need);
  if (!Id.safeParse(params.id).success || !need.success) error(404, NOT_FOUND);
  return { personId: params.id, need: need.data };
}

/** Recording an outcome against one need: what was done, when, the result, and the booking it was done at. */
export const load: PageServerLoad = async (event) => {
  const { personId, need } = params_(event.params);
  let view;
  try {
    view = await event.locals.api.health.forPerson.query({ personId });
  } catch (cause) {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    if (problem.status === 403) redirect(303, `/people/${personId}`);
    error(problem.status, problem.status === 404 || problem.status === 400 ? NOT_FOUND : problem.message);
  }
  const found = view.needs.find((n) => n.code === need);
  if (!found) error(404, NOT_FOUND);
  return {
    personId,
    need: { code: need, name: found.name, reason: found.reason },
    kinds: found.kinds.map((k) => ({ value: k, label: entryKindLabels[k] })),
    results: found.results,
    bookings: view.bookings
      .filter((b) => b.need === need)
      .map((b) => ({ value: b.id, label: `At the booking on ${londonDateTime(b.startsAt)}` })),
    initial: { on: londonDate(new Date()), kind: found.kinds.length === 1 ? found.kinds[0] : undefined },
  };
};

export const actions: Actions = {
  record: async (event) => {
    const { personId, need } = params_(event.params);
    const read = readForm(await event.request.formData(), OutcomeForm);
    if (!read.ok) return fail(400, read.failure);
    const { bookingId, kind, ...entry } = read.data;
    try {
      await event.locals.api.health.recordEntry.mutate({
        personId,
        bookingId,
        entry: { need, kind: kind as HealthEntryKind, ...entry },
      });
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      if (problem.status === 403) redirect(303, `/people/${personId}`);
      const issues = problem.issues.map((i) => ({ ...i, path: [i.path.at(-1) ?? ''] }));
      return fail(problem.status, {
        values: read.values,
        problems: problemsFromApi(issues, FIELDS, { field: null, message: problem.message }),
      });
    }
    redirect(303, `/people/${personId}/health?saved=entry`);
  },
};
