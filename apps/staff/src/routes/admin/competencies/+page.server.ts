import { error, fail } from '@sveltejs/kit';
import {
  competencyKindLabels,
  competencyKinds,
  RecordCompetencyForm,
} from '@harbour/domain/competency/competencies';
import { londonDate } from '@harbour/domain/dates';
import { readForm } from '@harbour/ui/form/read-form';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { competencyRefusal } from '#lib/server/competency-record.ts';
import { requirePermission } from '#lib/server/permission.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import { stepUpAction, steppedUpUntil } from '#lib/server/step-up.ts';
import type { Actions, PageServerLoad } from './$types';

const EXPLANATION = "Only your service's Harbour administrators can record staff competencies.";

/** The staff competency register (issue 9): everyone's competencies, and a form to record one. */
export const load: PageServerLoad = async (event) => {
  requirePermission(event.locals.staff, 'competencies:manage', EXPLANATION);
  const [register, me] = await Promise.all([
    event.locals.api.competencies.list.query(),
    event.locals.api.account.me.query(),
  ]).catch((cause: unknown) => {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    error(problem.status, problem.status === 403 ? 'You cannot use this page' : problem.message, {
      explanation: EXPLANATION,
    });
  });
  return {
    register,
    today: londonDate(new Date()),
    kinds: competencyKinds.map((kind) => ({ value: kind, label: competencyKindLabels[kind] })),
    steppedUpUntil: steppedUpUntil(me),
  };
};

/** The API's input names → this form's fields. */
const fields = { staffId: 'staffId', kind: 'kind', achievedOn: 'achievedOn', expiresOn: 'expiresOn' };

export const actions: Actions = {
  stepUp: async (event) => {
    requirePermission(event.locals.staff, 'competencies:manage', EXPLANATION);
    return stepUpAction(event);
  },

  record: async (event) => {
    requirePermission(event.locals.staff, 'competencies:manage', EXPLANATION);
    const read = readForm(await event.request.formData(), RecordCompetencyForm);
    if (!read.ok) return fail(400, { action: 'record', ...read.failure });
    const { values } = read;
    try {
      const { expiresOn } = await event.locals.api.competencies.record.mutate({
        competency: read.data,
        replacesId: null,
      });
      return { action: 'record', recorded: { kind: read.data.kind, expiresOn } };
    } catch (cause) {
      return competencyRefusal(event, cause, 'record', values, fields);
    }
  },
};
