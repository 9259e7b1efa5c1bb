import { error, fail } from '@sveltejs/kit';
import { RoleAndTeamsForm } from '@harbour/domain/access/staff-forms';
import { staffRoleLabels, staffRoles } from '@harbour/domain/staff';
import { problemsFromApi } from '@harbour/ui/form/api-problems';
import { readForm } from '@harbour/ui/form/read-form';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { requirePermission } from '#lib/server/permission.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import { stepUpAction, steppedUpUntil } from '#lib/server/step-up.ts';
import type { Actions, PageServerLoad } from './$types';

const EXPLANATION = "Only your service's Harbour administrators can change staff accounts.";

/** One account's role and teams, for an administrator to change (never their own). */
export const load: PageServerLoad = async (event) => {
  requirePermission(event.locals.staff, 'accounts:manage', EXPLANATION);
  // `account.me` again: the step-up this request's action may just have made is not in `locals.staff`.
  const [accounts, teams, me] = await Promise.all([
    event.locals.api.accounts.list.query(),
    event.locals.api.accounts.teams.query(),
    event.locals.api.account.me.query(),
  ]).catch((cause: unknown) => {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    error(problem.status, problem.status === 403 ? 'You cannot use this page' : problem.message, {
      explanation: EXPLANATION,
    });
  });
  const account = accounts.find((a) => a.id === event.params.id);
  if (account === undefined) error(404, 'We could not find this account');
  return {
    account,
    own: account.id === me.staffId,
    teams,
    roles: staffRoles.map((role) => ({ value: role, label: staffRoleLabels[role] })),
    steppedUpUntil: steppedUpUntil(me),
  };
};

/** The form's fields, named as the API names its input. */
const fields = ['role', 'teamIds'];

export const actions: Actions = {
  stepUp: async (event) => {
    requirePermission(event.locals.staff, 'accounts:manage', EXPLANATION);
    return stepUpAction(event);
  },

  update: async (event) => {
    requirePermission(event.locals.staff, 'accounts:manage', EXPLANATION);
    const read = readForm(await event.request.formData(), RoleAndTeamsForm);
    if (!read.ok) return fail(400, { action: 'update', ...read.failure });
    const { values } = read;
    try {
      const { changed } = await event.locals.api.accounts.update.mutate({
        staffId: event.params.id,
        ...read.data,
      });
      return { action: 'update', done: changed ? 'changed' : 'unchanged' };
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      if (problem.status === 400)
        return fail(400, {
          action: 'update',
          values,
          problems: problemsFromApi(problem.issues, fields, {
            field: null,
            message: problem.apiMessage ?? problem.message,
          }),
        });
      if ([403, 404, 409, 429].includes(problem.status))
        return fail(problem.status, {
          action: 'update',
          values,
          problems: [{ field: null, message: problem.apiMessage ?? problem.message }],
        });
      error(problem.status, problem.message);
    }
  },
};
