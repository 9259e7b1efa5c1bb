import { error, fail, redirect } from '@sveltejs/kit';
import {
  breakGlassReasonLabels,
  breakGlassReasons,
  BreakGlassForm,
} from '@harbour/domain/access/break-glass';
import { ActivationCodeRequestForm } from '@harbour/domain/access/self-check-forms';
import { londonDate } from '@harbour/domain/dates';
import { clinicalEventTypes, type ClinicalEventType } from '@harbour/domain/events';
import { Id } from '@harbour/domain/ids';
import { instruments } from '@harbour/domain/instruments/registry';
import { ageOn } from '@harbour/domain/person';
import { problemsFromApi } from '@harbour/ui/form/api-problems';
import type { FormProblem } from '@harbour/ui/form/problems';
import { readForm } from '@harbour/ui/form/read-form';
import { londonDateTime, londonTime } from '#lib/format-time.ts';
import { normaliseCode } from '#lib/secret.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { recordView } from '#lib/server/record-view.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import { doneNotice, taskActions } from '#lib/server/task-actions.ts';
import { reassignOptions } from '#lib/server/task-lists.ts';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = 'We could not find this person';
const NO_RELATIONSHIP = 'You do not have a care relationship with this person.';

/** The banner after a write, from the `saved` the redirect names (never anything typed). */
function savedNotice(saved: string | null): string | null {
  if (saved === 'entry') return 'The entry is saved, and the risk score is up to date.';
  if (saved === 'fact') return 'The record is saved, and the risk score is up to date.';
  return null;
}

/**
 * A person's summary. The API decides who may see it (and audits the look, allowed or refused); the portal
 * only turns its answer into a page. Refused: a page with no record data at all (not even a name), offering
 * break-glass to a role that may use it. No-store is set for every page in hooks.server.ts.
 */
export const load: PageServerLoad = async (event) => {
  const { params, locals } = event;
  // Not an id: nothing to look up (and nothing worth an API call or an audit row).
  if (!Id.safeParse(params.id).success) error(404, NOT_FOUND);

  // The history's page and kinds come from the address (a GET filter form and plain links).
  const search = event.url.searchParams;
  const page = /^\d{1,5}$/.test(search.get('page') ?? '') ? Number(search.get('page')) : 1;
  const types = search
    .getAll('type')
    .filter((t): t is ClinicalEventType => clinicalEventTypes.includes(t as ClinicalEventType));
  let person;
  try {
    person = await locals.api.person.summary.query({ personId: params.id, page: Math.max(1, page), types });
  } catch (cause) {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    if (problem.status === 403) {
      // Refused: answered as 403 (hooks.server.ts), with the API's words and, for a role that may, break-glass.
      locals.refused = true;
      const permissions = locals.staff?.permissions ?? [];
      return {
        kind: 'refused' as const,
        message: problem.apiMessage ?? NO_RELATIONSHIP,
        // Labels are made here so the domain's schemas stay out of the browser's bundle.
        breakGlassReasons: permissions.includes('person:break_glass')
          ? breakGlassReasons.map((value) => ({ value, label: breakGlassReasonLabels[value] }))
          : null,
      };
    }
    error(problem.status, problem.status === 404 || problem.status === 400 ? NOT_FOUND : problem.message);
  }

  // The person's own self-assessments from the self-check portal (a second audited read of the record).
  const selfAssessments = await locals.api.person.selfAssessments
    .query({ personId: params.id })
    .catch((cause: unknown) => {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      error(problem.status, problem.message);
    });

  // The person's open tasks (their own audited read); a record still shows if the list cannot be had.
  const tasks = await locals.api.tasks.forPerson.query({ personId: params.id }).catch(() => null);
  // The person's naloxone kits with their status today (an audited read); the record still shows without them.
  const naloxone = await locals.api.naloxone.kits.query({ personId: params.id }).catch(() => null);
  // Computed here, not in the page, so the server and the browser agree on "today" (Europe/London).
  const today = londonDate(new Date());
  const access = person.access;
  return {
    kind: 'record' as const,
    person,
    today,
    age: ageOn(person.dateOfBirth, today),
    view: recordView(person, today),
    saved: savedNotice(search.get('saved')) ?? doneNotice(search.get('done')),
    tasks,
    naloxone,
    reassignOptions,
    emergencyUntil: access.basis === 'break_glass' && access.until ? londonTime(access.until) : null,
    selfAssessments: selfAssessments.map((s) => ({
      id: s.id,
      submittedAt: londonDateTime(s.submittedAt),
      name: instruments[s.instrumentId].name,
      score:
        s.result.total === null
          ? 'No score (not a validated measure)'
          : `${s.result.total}${s.result.range ? ` of ${s.result.range.max}` : ''}${s.result.band ? `, ${s.result.band.label}` : ''}`,
      urgent: s.urgent,
      urgentReasons: s.result.alerts.filter((a) => a.level === 'urgent').map((a) => a.forStaff),
      actions: s.result.alerts.filter((a) => a.level === 'action').map((a) => a.forStaff),
      factsNow: s.factsNow,
      factsToConfirm: s.factsToConfirm,
      taskPending: s.taskPending,
    })),
    canGiveActivationCode:
      access.basis !== 'break_glass' && (locals.staff?.permissions.includes('selfcheck:enrol') ?? false),
  };
};

/** The break-glass form's fields, named as the API names its input. */
const breakGlassFields = ['reasonCode', 'reasonText', 'passphrase', 'code'];

export const actions: Actions = {
  ...taskActions,
  breakGlass: async (event) => {
    const read = readForm(await event.request.formData(), BreakGlassForm, { secret: ['passphrase', 'code'] });
    if (!read.ok) return fail(400, { breakGlass: read.failure });
    const { values } = read;

    try {
      await event.locals.api.person.breakGlass.mutate({
        personId: event.params.id,
        ...read.data,
        code: normaliseCode(read.data.code),
      });
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      if (problem.status === 400 || problem.status === 403 || problem.status === 429) {
        const message = problem.apiMessage ?? problem.message;
        const problems =
          problem.status === 400
            ? problemsFromApi(problem.issues, breakGlassFields, { field: null, message })
            : [{ field: null, message }];
        return fail(problem.status, { breakGlass: { values, problems } });
      }
      error(problem.status, problem.status === 404 ? NOT_FOUND : problem.message);
    }
    // The record, now open, with the emergency banner (a reload does not send the form again).
    redirect(303, `/people/${event.params.id}`);
  },

  activationCode: async (event) => {
    const read = readForm(await event.request.formData(), ActivationCodeRequestForm);
    if (!read.ok) return fail(400, { activation: read.failure });
    try {
      const issued = await event.locals.api.person.issueActivationCode.mutate({
        personId: event.params.id,
        identityChecked: true,
      });
      return { activation: { code: issued.code, expiresAt: londonDateTime(issued.expiresAt) } };
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      if ([400, 403, 409, 429].includes(problem.status))
        return fail(problem.status, {
          activation: {
            problems: [{ field: null, message: problem.apiMessage ?? problem.message }] as FormProblem[],
          },
        });
      error(problem.status, problem.status === 404 ? NOT_FOUND : problem.message);
    }
  },
};
