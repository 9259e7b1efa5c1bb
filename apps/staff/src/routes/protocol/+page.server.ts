import { error, fail, redirect } from '@sveltejs/kit';
import {
  protocolFormValues,
  protocolFromForm,
  ProtocolForm,
  protocolSituationLabels,
  protocolSituations,
} from '@harbour/domain/protocol/overdose-protocol';
import { problemsFromApi } from '@harbour/ui/form/api-problems';
import { readForm } from '@harbour/ui/form/read-form';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { requirePermission } from '#lib/server/permission.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const EXPLANATION =
  'The overdose-risk protocol is for staff who work with people at risk, and their managers.';
const FIELDS = ['effectiveFrom', 'changeNote', ...protocolSituations];

async function protocolPage(event: RequestEvent) {
  return event.locals.api.protocol.page.query().catch((cause: unknown) => {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    error(problem.status, problem.status === 403 ? 'You cannot use this page' : problem.message, {
      explanation: EXPLANATION,
    });
  });
}

/**
 * The service's overdose-risk protocol (issue 9): the version in force, every version with who published it
 * and why, and, for a service manager, a form to publish the next one, filled from the latest version.
 */
export const load: PageServerLoad = async (event) => {
  requirePermission(event.locals.staff, 'protocol:read', EXPLANATION);
  const page = await protocolPage(event);
  const latest = page.history[0] ?? page.inForce;
  const published = Number(event.url.searchParams.get('published'));
  return {
    page,
    situations: protocolSituations.map((s) => ({ value: s, label: protocolSituationLabels[s] })),
    initial: {
      // The version this form starts from: publishing is refused if a newer one appears meanwhile.
      basedOn: String(page.history[0]?.version ?? 0),
      effectiveFrom: page.earliestEffectiveFrom,
      changeNote: '',
      ...protocolFormValues(latest),
    },
    published: Number.isInteger(published) && published > 0 ? published : null,
  };
};

export const actions: Actions = {
  /** Publishes the next version: the items one a line, ids kept for unchanged words (the domain's rule). */
  publish: async (event) => {
    requirePermission(event.locals.staff, 'protocol:manage', 'Only service managers publish the protocol.');
    const read = readForm(await event.request.formData(), ProtocolForm);
    if (!read.ok) return fail(400, read.failure);
    const page = await protocolPage(event);
    let published;
    try {
      published = await event.locals.api.protocol.publish.mutate(
        protocolFromForm(read.data, page.history[0] ?? page.inForce),
      );
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      const message = problem.apiMessage ?? problem.message;
      const issues = problem.issues.map((i) => ({
        ...i,
        path: i.path[0] === 'edit' ? i.path.slice(1) : i.path,
      }));
      if (problem.status >= 500) error(problem.status, problem.message);
      return fail(problem.status, {
        values: read.values,
        problems: problemsFromApi(issues, FIELDS, { field: null, message }),
      });
    }
    redirect(303, `/protocol?published=${published.version}`);
  },
};
