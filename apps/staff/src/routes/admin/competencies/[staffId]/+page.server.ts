import { error, fail, redirect } from '@sveltejs/kit';
import { CorrectCompetencyForm } from '@harbour/domain/competency/competencies';
import { londonDate } from '@harbour/domain/dates';
import { Id } from '@harbour/domain/ids';
import { formatDate } from '@harbour/ui/format';
import { readForm } from '@harbour/ui/form/read-form';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { competencyRefusal } from '#lib/server/competency-record.ts';
import { requirePermission } from '#lib/server/permission.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import { stepUpAction, steppedUpUntil } from '#lib/server/step-up.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const EXPLANATION = "Only your service's Harbour administrators can record staff competencies.";
const NOT_FOUND = 'We could not find this member of staff';

async function historyOf(event: RequestEvent) {
  if (!Id.safeParse(event.params.staffId).success) error(404, NOT_FOUND);
  return event.locals.api.competencies.history
    .query({ staffId: event.params.staffId })
    .catch((cause: unknown) => {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      if (problem.status === 404) error(404, NOT_FOUND);
      error(problem.status, problem.status === 403 ? 'You cannot use this page' : problem.message, {
        explanation: EXPLANATION,
      });
    });
}

/**
 * One member of staff's competencies (issue 9): the register today, every record ever made for them (a
 * corrected one kept, shown with the correction), and the form to correct a mis-entered record.
 */
export const load: PageServerLoad = async (event) => {
  requirePermission(event.locals.staff, 'competencies:manage', EXPLANATION);
  const [member, me] = await Promise.all([historyOf(event), event.locals.api.account.me.query()]);
  return {
    member,
    today: londonDate(new Date()),
    correctable: member.history
      .filter((h) => h.counts)
      .map((h) => ({
        value: h.id,
        label: `${h.label}, achieved ${formatDate(h.achievedOn)}`,
        hint: `Expires ${formatDate(h.expiresOn)}`,
      })),
    corrected: event.url.searchParams.get('corrected') === '1',
    steppedUpUntil: steppedUpUntil(me),
  };
};

/** The API's input names → this form's fields. */
const fields = {
  replacesId: 'replacesId',
  achievedOn: 'achievedOn',
  expiresOn: 'expiresOn',
  reason: 'reason',
};

export const actions: Actions = {
  stepUp: async (event) => {
    requirePermission(event.locals.staff, 'competencies:manage', EXPLANATION);
    return stepUpAction(event);
  },

  /** A correction: a new record of the same kind naming the one it replaces, with the reason. */
  correct: async (event) => {
    requirePermission(event.locals.staff, 'competencies:manage', EXPLANATION);
    const read = readForm(await event.request.formData(), CorrectCompetencyForm);
    if (!read.ok) return fail(400, { action: 'correct', ...read.failure });
    const { values, data } = read;
    const member = await historyOf(event);
    const replaced = member.history.find((h) => h.id === data.replacesId && h.counts);
    if (!replaced)
      return fail(409, {
        action: 'correct',
        values,
        problems: [
          { field: 'replacesId', message: 'That record has already been corrected: choose another' },
        ],
      });
    try {
      await event.locals.api.competencies.record.mutate({
        competency: {
          staffId: member.staffId,
          kind: replaced.kind,
          achievedOn: data.achievedOn,
          expiresOn: data.expiresOn,
        },
        replacesId: replaced.id,
        reason: data.reason,
      });
    } catch (cause) {
      return competencyRefusal(event, cause, 'correct', values, fields);
    }
    redirect(303, `/admin/competencies/${member.staffId}?corrected=1`);
  },
};
