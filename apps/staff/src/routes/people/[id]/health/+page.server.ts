import { error, fail, redirect } from '@sveltejs/kit';
import { AmendmentReason } from '@harbour/domain/record/inputs';
import { readForm, textOf } from '@harbour/ui/form/read-form';
import { z } from 'zod';
import { Id } from '@harbour/domain/ids';
import { formatDate } from '@harbour/ui/format';
import { londonDateTime } from '#lib/format-time.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import { entryKindLabels, needStatusLabels } from '#lib/health-labels.ts';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = 'We could not find this person';

/** A person's health needs with due dates, what was recorded against them, and their bookings to come. */
export const load: PageServerLoad = async (event) => {
  const { params, locals } = event;
  if (!Id.safeParse(params.id).success) error(404, NOT_FOUND);
  let view;
  try {
    view = await locals.api.health.forPerson.query({ personId: params.id });
  } catch (cause) {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    if (problem.status === 403) redirect(303, `/people/${params.id}`);
    error(problem.status, problem.status === 404 || problem.status === 400 ? NOT_FOUND : problem.message);
  }
  const order = ['overdue', 'due', 'booked', 'declined', 'upcoming', 'met', 'not_applicable'];
  return {
    personId: params.id,
    today: formatDate(view.today),
    needs: view.needs
      .filter((n) => n.status !== 'not_applicable')
      .sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status))
      .map((n) => ({
        code: n.code,
        name: n.name,
        status: n.status,
        statusLabel: needStatusLabels[n.status],
        dueDate: formatDate(n.dueDate, '—'),
        overdueFrom: n.overdueFrom === null ? null : formatDate(n.overdueFrom),
        lastDone: formatDate(n.lastDone, 'Never'),
        bookedFor: n.bookedFor === null ? null : formatDate(n.bookedFor),
        reason: n.reason,
      })),
    notApplicable: view.needs.filter((n) => n.status === 'not_applicable').map((n) => n.name),
    entries: view.entries.map((e) => ({
      id: e.id,
      version: e.version,
      need: view.needs.find((n) => n.code === e.need)?.name ?? e.need,
      kind: entryKindLabels[e.kind],
      on: formatDate(e.on),
      result: e.resultLabel,
      note: e.note,
      by: e.recordedByName,
    })),
    bookings: view.bookings.map((b) => ({
      id: b.id,
      needName: b.needName,
      when: londonDateTime(b.startsAt),
    })),
    saved: event.url.searchParams.get('saved'),
  };
};

export const actions: Actions = {
  /** Strikes out an entry recorded in error, with the reason (a new version; nothing is deleted). */
  strikeOut: async (event) => {
    const submitted = await event.request.formData();
    const entryId = textOf(submitted, 'entryId');
    const read = readForm(submitted, z.strictObject({ reason: AmendmentReason }), {
      idPrefix: `reason-${entryId}-`,
    });
    if (!read.ok) return fail(400, { entryId, ...read.failure });
    try {
      await event.locals.api.health.strikeOutEntry.mutate({
        personId: event.params.id,
        entryId,
        expectedVersion: Number(textOf(submitted, 'expectedVersion')) || 1,
        reason: read.data.reason,
      });
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      return fail(problem.status, {
        entryId,
        values: read.values,
        problems: [{ field: null, message: problem.message }],
      });
    }
    redirect(303, `/people/${event.params.id}/health?saved=struck`);
  },
};
