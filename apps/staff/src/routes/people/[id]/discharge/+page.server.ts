import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { Id } from '@harbour/domain/ids';
import { reEngagementStepLabels, type ReEngagementStep } from '@harbour/domain/ost/reengagement';
import { formatDate } from '@harbour/ui/format';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { requirePermission } from '#lib/server/permission.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = 'We could not find this person';
const EXPLANATION = 'A discharge for not attending is signed off by a team lead.';

/** "Phone call", "Nominated contact": a step's words at the start of its line. */
const stepLabel = (step: ReEngagementStep): string => {
  const words = reEngagementStepLabels[step];
  return words.charAt(0).toUpperCase() + words.slice(1);
};

async function personOf(event: RequestEvent<{ id: string }>) {
  const { params, locals } = event;
  if (!Id.safeParse(params.id).success) error(404, NOT_FOUND);
  try {
    return await locals.api.ost.plan.get.query({ personId: params.id });
  } catch (cause) {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    if (problem.status === 403) redirect(303, `/people/${params.id}`);
    error(problem.status, problem.status === 404 || problem.status === 400 ? NOT_FOUND : problem.message);
  }
}

/**
 * A team lead's sign-off of a discharge for not attending (issue 10, ost.md "Reductions and exits"). Never
 * automatic: Harbour discharges only when the re-engagement cascade is done — phone, text, the pharmacy, a home
 * visit and the nominated contact all tried, as contacts on the record, since the re-engagement task opened (a
 * step that was not possible counts, with why) — and shows where each step stands. Works without JavaScript.
 */
export const load: PageServerLoad = async (event) => {
  requirePermission(event.locals.staff, 'episode:discharge', EXPLANATION);
  const view = await personOf(event);
  let cascade;
  try {
    cascade = await event.locals.api.ost.exit.cascade.query({ personId: event.params.id });
  } catch (cause) {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    error(problem.status, problem.message);
  }
  const status = cascade.status;
  return {
    cascade: status && {
      startedOn: cascade.startedOn === null ? null : formatDate(cascade.startedOn),
      done: status.done,
      nothingTried: status.nothingTried,
      reached: status.reached && {
        step: reEngagementStepLabels[status.reached.step],
        on: formatDate(status.reached.on),
      },
      steps: status.steps.map(({ step, latest }) => ({
        step,
        label: stepLabel(step),
        state:
          latest === null
            ? 'Still to try'
            : latest.result === 'not_possible'
              ? `Not possible (${formatDate(latest.on)}): ${latest.why}`
              : latest.result === 'no_reply'
                ? `Tried ${formatDate(latest.on)}: no reply`
                : `Reached them ${formatDate(latest.on)}`,
      })),
    },
    person: {
      id: view.person.id,
      name: `${view.person.givenName} ${view.person.familyName}`,
      reference: view.person.reference,
    },
    hasEpisode: view.episodeId !== null,
  };
};

export const actions: Actions = {
  discharge: async (event) => {
    requirePermission(event.locals.staff, 'episode:discharge', EXPLANATION);
    if (!Id.safeParse(event.params.id).success) error(404, NOT_FOUND);
    try {
      await event.locals.api.ost.exit.dischargeForNonAttendance.mutate({ personId: event.params.id });
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      if (problem.status === 403)
        return fail(403, {
          problems: [{ field: null, message: 'Only a team lead of their team can sign off this discharge.' }],
        });
      if (problem.status === 400 || problem.status === 409 || problem.status === 422)
        return fail(problem.status, {
          problems: [{ field: null, message: problem.apiMessage ?? problem.message }],
        });
      error(problem.status, problem.status === 404 ? NOT_FOUND : problem.message);
    }
    redirect(303, `/people/${event.params.id}?discharged=1`);
  },
};
