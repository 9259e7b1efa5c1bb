import { error, fail, redirect } from '@sveltejs/kit';
import { londonDate } from '@harbour/domain/dates';
import { clinicalEventTypes, type ClinicalEventType } from '@harbour/domain/events';
import { Id } from '@harbour/domain/ids';
import { eventForms, eventFromForm } from '@harbour/domain/record/event-forms';
import { situationForEvent } from '@harbour/domain/protocol/overdose-protocol';
import { naloxoneProductLabels } from '@harbour/domain/record/labels';
import { formatDate } from '@harbour/ui/format';
import { readForm, textOf } from '@harbour/ui/form/read-form';
import { randomUUID } from 'node:crypto';
import { eventFormSpec } from '#lib/entries/fields.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { entryProblems } from '#lib/server/entry-problems.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = 'We could not find this person';

function typeOf(param: string): ClinicalEventType {
  const type = clinicalEventTypes.find((t) => t === param);
  if (type === undefined) error(404, 'There is no such kind of entry');
  return type;
}

/**
 * The form to record one kind of event on a person's record. The person is read (and the read audited) to name
 * them in the heading, and, for a kit report, to offer their kits; a fresh idempotency key goes with the form so
 * that sending it twice records one entry.
 */
export const load: PageServerLoad = async (event) => {
  const { params, locals } = event;
  if (!Id.safeParse(params.id).success) error(404, NOT_FOUND);
  const type = typeOf(params.type);
  let person;
  try {
    person = await locals.api.person.summary.query({
      personId: params.id,
      pageSize: 100,
      types: type === 'naloxone_report' ? ['naloxone_supply'] : [type],
    });
  } catch (cause) {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    // Refused: the record's own page explains, and offers break-glass to a role that may use it.
    if (problem.status === 403) redirect(303, `/people/${params.id}`);
    error(problem.status, problem.status === 404 || problem.status === 400 ? NOT_FOUND : problem.message);
  }
  const today = londonDate(new Date());
  const situation = situationForEvent[type] ?? null;
  // The service's overdose-risk protocol in force (Harbour's default when it has none): this entry's checklist.
  const protocol =
    situation === null
      ? null
      : await locals.api.protocol.inForce.query().catch((cause: unknown) => {
          const problem = apiProblemOf(cause);
          if (problem.status === 401) sessionEnded(event);
          error(problem.status, problem.message);
        });
  const kits = person.history.entries.flatMap((entry) =>
    entry.event.type === 'naloxone_supply' && entry.status === 'active'
      ? [
          {
            value: entry.id,
            label: `${naloxoneProductLabels[entry.event.details.product]}, supplied ${formatDate(entry.occurredOn)}`,
            hint: `Expires ${formatDate(entry.event.details.expiresOn)}`,
          },
        ]
      : [],
  );
  return {
    person: {
      id: person.id,
      name: `${person.givenName} ${person.familyName}`,
      reference: person.reference,
    },
    spec: eventFormSpec(type, today, kits),
    protocol,
    situation,
    idempotencyKey: randomUUID(),
  };
};

export const actions: Actions = {
  record: async (event) => {
    const type = typeOf(event.params.type);
    const submitted = await event.request.formData();
    const read = readForm(submitted, eventForms[type].schema);
    const idempotencyKey = textOf(submitted, 'idempotencyKey');
    if (!read.ok) return fail(400, read.failure);
    if (!Id.safeParse(idempotencyKey).success)
      return fail(400, {
        values: read.values,
        problems: [{ field: null, message: 'Reload the page and try again.' }],
      });
    try {
      await event.locals.api.record.recordEvent.mutate({
        personId: event.params.id,
        idempotencyKey,
        ...eventFromForm(type, read.data as never),
      });
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      if (problem.status === 403) redirect(303, `/people/${event.params.id}`);
      if (problem.status === 400 || problem.status === 409)
        return fail(problem.status, {
          values: read.values,
          problems: entryProblems(problem, Object.keys(read.values)),
        });
      error(problem.status, problem.status === 404 ? NOT_FOUND : problem.message);
    }
    redirect(303, `/people/${event.params.id}?saved=entry`);
  },
};
