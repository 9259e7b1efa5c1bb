import { error, fail } from '@sveltejs/kit';
import { staffRoleLabels, staffRoles, type StaffRole } from '@harbour/domain/staff';
import { problemsFromIssues, textField, type FormProblem } from '#lib/form-problems.ts';
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

/** The form's fields: the API's input names → the ids of the inputs. */
const fields = { role: 'role', teamIds: 'teams' };

export const actions: Actions = {
  stepUp: async (event) => {
    requirePermission(event.locals.staff, 'accounts:manage', EXPLANATION);
    return stepUpAction(event);
  },

  update: async (event) => {
    requirePermission(event.locals.staff, 'accounts:manage', EXPLANATION);
    const form = await event.request.formData();
    const role = textField(form, 'role');
    const teamIds = form.getAll('teamIds').filter((id): id is string => typeof id === 'string');
    const values = { role, teamIds };
    if (!staffRoles.includes(role as StaffRole))
      return fail(400, {
        action: 'update',
        values,
        problems: [{ field: fields.role, message: 'Choose a role' }] as FormProblem[],
      });
    try {
      const { changed } = await event.locals.api.accounts.update.mutate({
        staffId: event.params.id,
        role: role as StaffRole,
        teamIds,
      });
      return { action: 'update', done: changed ? 'changed' : 'unchanged' };
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      if (problem.status === 400)
        return fail(400, {
          action: 'update',
          values,
          problems: problemsFromIssues(problem.issues, fields, problem.apiMessage ?? problem.message),
        });
      if ([403, 404, 409, 429].includes(problem.status))
        return fail(problem.status, {
          action: 'update',
          values,
          problems: [{ field: null, message: problem.apiMessage ?? problem.message }] as FormProblem[],
        });
      error(problem.status, problem.message);
    }
  },
};
