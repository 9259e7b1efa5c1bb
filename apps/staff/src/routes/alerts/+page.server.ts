import { error, fail, redirect } from '@sveltejs/kit';
import { alertOutcomeLabels, alertOutcomes, type AlertOutcome } from '@harbour/domain/access/break-glass';
import { textField, type FormProblem } from '#lib/form-problems.ts';
import { londonDateTime } from '#lib/format-time.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { requirePermission } from '#lib/server/permission.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import type { Actions, PageServerLoad } from './$types';

const EXPLANATION =
  "Only the Caldicott guardian reviews emergency access to people's records and bursts of refused requests.";
const NOTE_MAX = 1000;

/**
 * The Caldicott guardian's queue: every break-glass access to a record, and every burst of refused requests by
 * one member of staff, open until reviewed. `?status=closed` shows the reviewed ones (plain links, so it works
 * without JavaScript). An alert about the guardian themselves is shown but cannot be closed by them.
 */
export const load: PageServerLoad = async (event) => {
  requirePermission(event.locals.staff, 'alerts:review', EXPLANATION);
  const status = event.url.searchParams.get('status') === 'closed' ? 'closed' : 'open';
  const alerts = await event.locals.api.alerts.list.query({ status }).catch((cause: unknown) => {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    error(problem.status, problem.message, { explanation: EXPLANATION });
  });
  return {
    status,
    closedOne: event.url.searchParams.get('done') === '1',
    // Times and labels are made here so the domain's schemas stay out of the browser's bundle.
    alerts: alerts.map((alert) => ({
      ...alert,
      raisedAtLabel: londonDateTime(alert.raisedAt),
      expiresAtLabel: alert.expiresAt ? londonDateTime(alert.expiresAt) : null,
      windowStartedAtLabel: alert.windowStartedAt ? londonDateTime(alert.windowStartedAt) : null,
      reviewedAtLabel: alert.reviewedAt ? londonDateTime(alert.reviewedAt) : null,
    })),
    outcomes: alertOutcomes.map((value) => ({ value, label: alertOutcomeLabels[value] })),
  };
};

export const actions: Actions = {
  close: async (event) => {
    requirePermission(event.locals.staff, 'alerts:review', EXPLANATION);
    const form = await event.request.formData();
    const alertId = textField(form, 'alertId');
    const outcome = textField(form, 'outcome');
    const note = textField(form, 'note');
    const version = Number(textField(form, 'version'));
    if (!/^[0-9a-f-]{36}$/i.test(alertId) || !Number.isInteger(version))
      return fail(400, { alertId, problems: [{ field: null, message: 'Reload the page and try again.' }] });
    const problems: FormProblem[] = [];
    if (!alertOutcomes.includes(outcome as AlertOutcome))
      problems.push({ field: `outcome-${alertId}`, message: 'Choose an outcome' });
    if (note.length > NOTE_MAX)
      problems.push({ field: `note-${alertId}`, message: `Use no more than ${NOTE_MAX} characters` });
    if (problems.length > 0) return fail(400, { alertId, outcome, note, problems });

    try {
      await event.locals.api.alerts.close.mutate({
        alertId,
        outcome: outcome as AlertOutcome,
        note,
        version,
      });
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      if (problem.status === 409 || problem.status === 404)
        return fail(409, {
          alertId,
          outcome,
          note,
          problems: [{ field: null, message: 'Someone else has changed this alert. Reload.' }],
        });
      if (problem.status === 403)
        return fail(403, {
          alertId,
          outcome,
          note,
          problems: [{ field: null, message: problem.apiMessage ?? problem.message }],
        });
      if (problem.status === 400)
        return fail(400, {
          alertId,
          outcome,
          note,
          problems: [{ field: `outcome-${alertId}`, message: problem.apiMessage ?? problem.message }],
        });
      error(problem.status, problem.message, { explanation: EXPLANATION });
    }
    // Back to the queue (a reload does not send the form again), saying it is done.
    redirect(303, '/alerts?done=1');
  },
};
