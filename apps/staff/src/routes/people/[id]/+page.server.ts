import { error, fail, redirect } from '@sveltejs/kit';
import {
  breakGlassReasonLabels,
  breakGlassReasons,
  type BreakGlassReason,
} from '@harbour/domain/access/break-glass';
import { londonDate } from '@harbour/domain/dates';
import { clinicalEventLabels } from '@harbour/domain/events';
import { Id } from '@harbour/domain/ids';
import { ageOn } from '@harbour/domain/person';
import { formatOst } from '@harbour/ui/ost';
import { problemsFromIssues, rawField, textField, type FormProblem } from '#lib/form-problems.ts';
import { londonDateTime, londonTime } from '#lib/format-time.ts';
import { normaliseCode } from '#lib/secret.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = 'We could not find this person';
const NO_RELATIONSHIP = 'You do not have a care relationship with this person.';
/** The stated reason's length, in characters (the domain's BreakGlassRequest says the same). */
const REASON_MIN = 10;
const REASON_MAX = 500;

/**
 * A person's summary. The API decides who may see it (and audits the look, allowed or refused); the portal
 * only turns its answer into a page. Refused: a page with no record data at all (not even a name), offering
 * break-glass to a role that may use it. No-store is set for every page in hooks.server.ts.
 */
export const load: PageServerLoad = async (event) => {
  const { params, locals } = event;
  // Not an id: nothing to look up (and nothing worth an API call or an audit row).
  if (!Id.safeParse(params.id).success) error(404, NOT_FOUND);

  let person;
  try {
    person = await locals.api.person.summary.query({ personId: params.id });
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

  // Computed here, not in the page, so the server and the browser agree on "today" (Europe/London).
  const today = londonDate(new Date());
  const access = person.access;
  return {
    kind: 'record' as const,
    person,
    today,
    age: ageOn(person.dateOfBirth, today),
    ost: person.currentOst && formatOst(person.currentOst.medicine, person.currentOst.doseMg),
    events: person.recentEvents.map((event) => ({ ...event, label: clinicalEventLabels[event.type] })),
    emergencyUntil: access.basis === 'break_glass' && access.until ? londonTime(access.until) : null,
    canGiveActivationCode:
      access.basis !== 'break_glass' && (locals.staff?.permissions.includes('selfcheck:enrol') ?? false),
  };
};

/** Break-glass form: the API's input names → the ids of the inputs. */
const breakGlassFields = {
  reasonCode: 'reason-code',
  reasonText: 'reason-text',
  passphrase: 'bg-passphrase',
  code: 'bg-code',
};

export const actions: Actions = {
  breakGlass: async (event) => {
    const form = await event.request.formData();
    const reasonCode = textField(form, 'reasonCode');
    const reasonText = textField(form, 'reasonText');
    const passphrase = rawField(form, 'passphrase');
    const code = normaliseCode(textField(form, 'code'));
    const problems: FormProblem[] = [];
    if (!breakGlassReasons.includes(reasonCode as BreakGlassReason))
      problems.push({
        field: breakGlassFields.reasonCode,
        message: 'Choose why you need to open this record',
      });
    if (reasonText.length < REASON_MIN)
      problems.push({
        field: breakGlassFields.reasonText,
        message: 'Say in a sentence why you need to open this record (at least 10 characters)',
      });
    else if (reasonText.length > REASON_MAX)
      problems.push({ field: breakGlassFields.reasonText, message: 'Use no more than 500 characters' });
    if (passphrase === '')
      problems.push({ field: breakGlassFields.passphrase, message: 'Enter your passphrase' });
    if (code === '')
      problems.push({ field: breakGlassFields.code, message: 'Enter the code from your authenticator app' });
    const values = { reasonCode, reasonText };
    if (problems.length > 0) return fail(400, { breakGlass: { values, problems } });

    try {
      await event.locals.api.person.breakGlass.mutate({
        personId: event.params.id,
        reasonCode: reasonCode as BreakGlassReason,
        reasonText,
        passphrase,
        code,
      });
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      if (problem.status === 400 || problem.status === 403 || problem.status === 429) {
        const message = problem.apiMessage ?? problem.message;
        const found =
          problem.status === 400
            ? problemsFromIssues(problem.issues, breakGlassFields, message)
            : [{ field: null, message }];
        return fail(problem.status, { breakGlass: { values, problems: found } });
      }
      error(problem.status, problem.status === 404 ? NOT_FOUND : problem.message);
    }
    // The record, now open, with the emergency banner (a reload does not send the form again).
    redirect(303, `/people/${event.params.id}`);
  },

  activationCode: async (event) => {
    const form = await event.request.formData();
    if (form.get('identityChecked') !== 'yes')
      return fail(400, {
        activation: {
          problems: [
            {
              field: 'identity-checked',
              message: "Confirm that you have checked this person's identity in person",
            },
          ] as FormProblem[],
        },
      });
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
