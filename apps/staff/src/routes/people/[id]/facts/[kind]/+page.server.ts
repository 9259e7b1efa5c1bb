import { error, fail, redirect } from '@sveltejs/kit';
import { londonDate } from '@harbour/domain/dates';
import { Id } from '@harbour/domain/ids';
import { factForms, factFromForm, formFromFact } from '@harbour/domain/record/fact-forms';
import { factKinds, type FactKind } from '@harbour/domain/record/facts';
import { AmendmentReason } from '@harbour/domain/record/inputs';
import { formatDate } from '@harbour/ui/format';
import { readForm, textOf } from '@harbour/ui/form/read-form';
import { describeFact } from '@harbour/ui/record';
import { z } from 'zod';
import { factFormSpec } from '#lib/entries/fields.ts';
import { londonDateTime } from '#lib/format-time.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { entryProblems } from '#lib/server/entry-problems.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = 'We could not find this person';

function kindOf(param: string): FactKind {
  const kind = factKinds.find((k) => k === param);
  if (kind === undefined) error(404, 'There is no such part of the record');
  return kind;
}

/**
 * One of a person's current facts: the form to record it (the first time) or change it (a new version, with a
 * reason), and every earlier version. Reading it is audited.
 */
export const load: PageServerLoad = async (event) => {
  const { params, locals } = event;
  if (!Id.safeParse(params.id).success) error(404, NOT_FOUND);
  const kind = kindOf(params.kind);
  let found;
  try {
    found = await locals.api.person.factVersions.query({ personId: params.id, kind });
  } catch (cause) {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    if (problem.status === 403) redirect(303, `/people/${params.id}`);
    error(problem.status, problem.status === 404 || problem.status === 400 ? NOT_FOUND : problem.message);
  }
  const current = found.versions.at(-1) ?? null;
  const today = londonDate(new Date());
  return {
    person: {
      id: params.id,
      name: `${found.person.givenName} ${found.person.familyName}`,
      reference: found.person.reference,
    },
    spec: factFormSpec(kind, today),
    version: current?.version ?? 0,
    versions: found.versions
      .map((v) => ({
        version: v.version,
        words: describeFact(v.fact),
        recordedOn: formatDate(v.recordedOn),
        reason: v.reason,
        written: `${londonDateTime(v.writtenAt)}${v.writtenByName ? ` by ${v.writtenByName}` : ''}`,
      }))
      .reverse(),
    // The form starts from the fact as it stands, dated today (a change is found out today).
    initial: current
      ? { ...formFromFact(current.fact, current.recordedOn), recordedOn: today }
      : { recordedOn: today },
  };
};

export const actions: Actions = {
  save: async (event) => {
    const kind = kindOf(event.params.kind);
    const submitted = await event.request.formData();
    const fields = readForm(submitted, factForms[kind].schema);
    const versionText = textOf(submitted, 'expectedVersion');
    const version = /^\d{1,7}$/.test(versionText) ? Number(versionText) : null;
    // A reason only when something is already recorded (the API asks for one then, and only then).
    const reason = readForm(submitted, z.strictObject({ reason: AmendmentReason.optional() }));
    const problems = [
      ...(fields.ok ? [] : fields.failure.problems),
      ...(reason.ok ? [] : reason.failure.problems),
    ];
    const values = { ...fields.values, ...reason.values };
    if (version !== null && version > 0 && reason.ok && reason.data.reason === undefined)
      problems.push({ field: 'reason', message: 'Say why this is being changed (at least 5 characters)' });
    if (version === null) problems.push({ field: null, message: 'Reload the page and try again.' });
    if (problems.length > 0 || !fields.ok || !reason.ok || version === null)
      return fail(400, { values, problems });
    try {
      await event.locals.api.record.setFact.mutate({
        personId: event.params.id,
        expectedVersion: version === 0 ? null : version,
        reason: version === 0 ? null : (reason.data.reason ?? null),
        ...factFromForm(kind, fields.data as never),
      });
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      if (problem.status === 403) redirect(303, `/people/${event.params.id}`);
      if (problem.status === 400 || problem.status === 409)
        return fail(problem.status, {
          values,
          problems: entryProblems(problem, [...Object.keys(values), 'reason']),
        });
      error(problem.status, problem.status === 404 ? NOT_FOUND : problem.message);
    }
    redirect(303, `/people/${event.params.id}?saved=fact`);
  },
};
