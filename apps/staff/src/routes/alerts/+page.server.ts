import { error, fail, redirect } from '@sveltejs/kit';
import { alertOutcomeLabels, alertOutcomes, AlertReviewForm } from '@harbour/domain/access/break-glass';
import { Id } from '@harbour/domain/ids';
import { readForm, textOf } from '@harbour/ui/form/read-form';
import { londonDateTime } from '#lib/format-time.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { requirePermission } from '#lib/server/permission.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import type { Actions, PageServerLoad } from './$types';

const EXPLANATION =
  "Only the Caldicott guardian reviews emergency access to people's records and bursts of refused requests.";

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

/** What the ids of one alert's review fields start with (the page gives its fields the same ids). */
function alertFieldPrefix(alertId: string): string {
  return `alert-${alertId}-`;
}

export const actions: Actions = {
  close: async (event) => {
    requirePermission(event.locals.staff, 'alerts:review', EXPLANATION);
    const submitted = await event.request.formData();
    // Each open alert has a form of its own on the page: its fields' ids start with the alert's.
    const alertId = textOf(submitted, 'alertId');
    const read = readForm(submitted, AlertReviewForm, {
      hidden: ['alertId', 'version'],
      idPrefix: Id.safeParse(alertId).success ? alertFieldPrefix(alertId) : '',
    });
    if (!read.ok) return fail(400, { ...read.failure, conflict: false });
    const { values } = read;

    try {
      await event.locals.api.alerts.close.mutate(read.data);
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      if (problem.status === 409 || problem.status === 404)
        return fail(409, {
          values,
          conflict: true,
          problems: [{ field: null, message: 'Someone else has changed this alert. Reload.' }],
        });
      if (problem.status === 403)
        return fail(403, {
          values,
          conflict: false,
          problems: [{ field: null, message: problem.apiMessage ?? problem.message }],
        });
      if (problem.status === 400)
        return fail(400, {
          values,
          conflict: false,
          problems: [
            { field: `${alertFieldPrefix(alertId)}outcome`, message: problem.apiMessage ?? problem.message },
          ],
        });
      error(problem.status, problem.message, { explanation: EXPLANATION });
    }
    // Back to the queue (a reload does not send the form again), saying it is done.
    redirect(303, '/alerts?done=1');
  },
};
