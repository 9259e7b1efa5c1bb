import { error } from '@sveltejs/kit';
import { londonDate } from '@harbour/domain/dates';
import { clinicalEventLabels } from '@harbour/domain/events';
import { Id } from '@harbour/domain/ids';
import { ageOn } from '@harbour/domain/person';
import { formatOst } from '@harbour/ui/ost';
import { apiProblemOf } from '#lib/server/api-error.ts';
import type { PageServerLoad } from './$types';

const NOT_FOUND = 'We could not find this person';

/**
 * A person's summary. The API decides who may see it (and audits the look, allowed or refused); the portal
 * only turns its answer into a page. No-store is set for every page in hooks.server.ts.
 */
export const load: PageServerLoad = async ({ params, locals }) => {
  // Not an id: nothing to look up (and nothing worth an API call or an audit row).
  if (!Id.safeParse(params.id).success) error(404, NOT_FOUND);

  const person = await locals.api.person.summary.query({ personId: params.id }).catch((cause: unknown) => {
    const problem = apiProblemOf(cause);
    error(problem.status, problem.status === 404 || problem.status === 400 ? NOT_FOUND : problem.message);
  });

  // Computed here, not in the page, so the server and the browser agree on "today" (Europe/London).
  const today = londonDate(new Date());
  return {
    person,
    today,
    age: ageOn(person.dateOfBirth, today),
    // Labels are made here so the domain's schemas stay out of the browser's bundle.
    ost: person.currentOst && formatOst(person.currentOst.medicine, person.currentOst.doseMg),
    events: person.recentEvents.map((event) => ({ ...event, label: clinicalEventLabels[event.type] })),
  };
};
