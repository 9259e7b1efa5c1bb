import { error, fail, redirect } from '@sveltejs/kit';
import { londonDate } from '@harbour/domain/dates';
import { clinicalEventTypes } from '@harbour/domain/events';
import { Id } from '@harbour/domain/ids';
import { eventForms, eventFromForm, formFromEvent } from '@harbour/domain/record/event-forms';
import { AmendmentReason } from '@harbour/domain/record/inputs';
import { formatDate } from '@harbour/ui/format';
import { readForm, textOf } from '@harbour/ui/form/read-form';
import { describeEvent } from '@harbour/ui/record';
import { z } from 'zod';
import { eventFormSpec } from '#lib/entries/fields.ts';
import { londonDateTime } from '#lib/format-time.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { entryProblems } from '#lib/server/entry-problems.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const NOT_FOUND = 'We could not find this entry';

/** What every change of an entry sends besides its fields: the reason, and the version it was made from. */
const Change = z.strictObject({
  reason: AmendmentReason,
  expectedVersion: z.int({ error: 'Reload the page and try again.' }).positive(),
});

/** The version the page showed (a hidden field), or null when it is not a version number. */
function versionOf(submitted: FormData): number | null {
  const text = textOf(submitted, 'expectedVersion');
  return /^\d{1,7}$/.test(text) ? Number(text) : null;
}

/**
 * One entry on a person's record: every version, oldest first, with why each change was made and by whom; a form
 * to amend it (a new version, with a reason) and one to mark it entered in error. Reading it is audited.
 */
export const load: PageServerLoad = async (event) => {
  const { params, locals } = event;
  if (!Id.safeParse(params.id).success || !Id.safeParse(params.eventId).success) error(404, NOT_FOUND);
  let found;
  try {
    found = await locals.api.person.eventVersions.query({ personId: params.id, eventId: params.eventId });
  } catch (cause) {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    if (problem.status === 403) redirect(303, `/people/${params.id}`);
    error(problem.status, problem.status === 404 || problem.status === 400 ? NOT_FOUND : problem.message);
  }
  const current = found.versions.at(-1);
  if (!current) error(404, NOT_FOUND);
  const today = londonDate(new Date());
  return {
    person: {
      id: params.id,
      name: `${found.person.givenName} ${found.person.familyName}`,
      reference: found.person.reference,
    },
    current: { version: current.version, status: current.status, type: current.event.type },
    versions: found.versions.map((v) => ({
      version: v.version,
      date: formatDate(v.occurredOn),
      ...describeEvent(v.event),
      struck: v.status === 'entered_in_error',
      reason: v.reason,
      written: `${londonDateTime(v.writtenAt)}${v.writtenByName ? ` by ${v.writtenByName}` : ''}`,
    })),
    spec: eventFormSpec(current.event.type, today),
    // The amend form starts from the entry as it stands.
    initial: formFromEvent(current.event, current.occurredOn),
  };
};

async function change(event: RequestEvent, kind: 'amend' | 'strikeOut') {
  const submitted = await event.request.formData();
  const expectedVersion = versionOf(submitted);
  const reason = readForm(
    submitted,
    Change.pick({ reason: true }),
    kind === 'strikeOut' ? { idPrefix: 'strike-' } : {},
  );
  const base = { personId: event.params.id, eventId: event.params.eventId };
  if (kind === 'amend') {
    // The kind the page showed; the API refuses an amendment that changes it.
    const type = clinicalEventTypes.find((t) => t === textOf(submitted, 'type'));
    if (type === undefined)
      return fail(400, {
        [kind]: { values: {}, problems: [{ field: null, message: 'Reload the page and try again.' }] },
      });
    const fields = readForm(submitted, eventForms[type].schema);
    const problems = [
      ...(fields.ok ? [] : fields.failure.problems),
      ...(reason.ok ? [] : reason.failure.problems),
    ];
    const values = { ...fields.values, ...reason.values };
    if (problems.length > 0 || expectedVersion === null)
      return fail(400, {
        [kind]: {
          values,
          problems:
            problems.length > 0 ? problems : [{ field: null, message: 'Reload the page and try again.' }],
        },
      });
    try {
      await event.locals.api.record.amendEvent.mutate({
        ...base,
        expectedVersion,
        reason: reason.ok ? reason.data.reason : '',
        ...eventFromForm(type, (fields.ok ? fields.data : {}) as never),
      });
    } catch (cause) {
      return refused(event, cause, kind, values, [...Object.keys(values), 'reason']);
    }
  } else {
    if (!reason.ok || expectedVersion === null)
      return fail(400, {
        [kind]: reason.ok
          ? { values: reason.values, problems: [{ field: null, message: 'Reload the page and try again.' }] }
          : reason.failure,
      });
    try {
      await event.locals.api.record.strikeOutEvent.mutate({
        ...base,
        expectedVersion,
        reason: reason.data.reason,
      });
    } catch (cause) {
      return refused(event, cause, kind, reason.values, { reason: 'strike-reason' });
    }
  }
  redirect(303, `/people/${event.params.id}?saved=entry`);
}

function refused(
  event: RequestEvent,
  cause: unknown,
  kind: 'amend' | 'strikeOut',
  values: Record<string, unknown>,
  fields: readonly string[] | Readonly<Record<string, string>>,
) {
  const problem = apiProblemOf(cause);
  if (problem.status === 401) sessionEnded(event);
  if (problem.status === 403) redirect(303, `/people/${event.params.id}`);
  if (problem.status === 400 || problem.status === 409 || problem.status === 422)
    return fail(problem.status, {
      [kind]: {
        values,
        problems:
          problem.status === 422
            ? [{ field: null, message: problem.apiMessage ?? problem.message }]
            : entryProblems(problem, fields),
      },
    });
  error(problem.status, problem.status === 404 ? NOT_FOUND : problem.message);
}

export const actions: Actions = {
  amend: (event) => change(event, 'amend'),
  strikeOut: (event) => change(event, 'strikeOut'),
};
