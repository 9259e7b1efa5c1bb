import { error, fail } from '@sveltejs/kit';
import { NewStaffAccountForm, staffRoleLabels, staffRoles } from '@harbour/domain/staff';
import { problemsFromApi } from '@harbour/ui/form/api-problems';
import type { FormProblem, ShownValues } from '@harbour/ui/form/problems';
import { readForm, textOf } from '@harbour/ui/form/read-form';
import { apiProblemOf, type ApiProblem } from '#lib/server/api-error.ts';
import { requirePermission } from '#lib/server/permission.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import { stepUpAction, steppedUpUntil } from '#lib/server/step-up.ts';
import type { Actions, PageServerLoad } from './$types';

const EXPLANATION = "Only your service's Harbour administrators can manage staff accounts.";

/** Staff accounts, for administrators: who can sign in, in what role, and new accounts. */
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
  // Labels are made here so the domain's schemas stay out of the browser's bundle.
  const roles = staffRoles.map((role) => ({ value: role, label: staffRoleLabels[role] }));
  return { accounts, teams, roles, me: me.staffId, steppedUpUntil: steppedUpUntil(me) };
};

/** The create form's fields, named as the API names its input. */
const createFields = ['displayName', 'email', 'role', 'teamIds'];

/** The answer to an API refusal of one of this page's actions: a message at the top of the page. */
function refusal(event: Parameters<Actions[string]>[0], problem: ApiProblem, action: string) {
  if (problem.status === 401) sessionEnded(event);
  if ([400, 403, 404, 409, 429].includes(problem.status))
    return fail(problem.status, {
      action,
      values: undefined as ShownValues | undefined,
      problems: [{ field: null, message: problem.apiMessage ?? problem.message }] as FormProblem[],
    });
  error(problem.status, problem.message);
}

/** The account a row's button is for (a hidden field); null when the form was tampered with. */
function staffIdOf(form: FormData): string | null {
  const id = textOf(form, 'staffId').trim();
  return /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}

export const actions: Actions = {
  /** "Confirm it is you": every change below needs a step-up in the last 5 minutes. */
  stepUp: async (event) => {
    requirePermission(event.locals.staff, 'accounts:manage', EXPLANATION);
    return stepUpAction(event);
  },

  create: async (event) => {
    requirePermission(event.locals.staff, 'accounts:manage', EXPLANATION);
    const read = readForm(await event.request.formData(), NewStaffAccountForm);
    if (!read.ok) return fail(400, { action: 'create', ...read.failure });
    const { values, data } = read;
    try {
      const created = await event.locals.api.accounts.create.mutate(data);
      const { displayName, email, role } = data;
      return {
        action: 'create',
        temporary: { displayName, email, passphrase: created.temporaryPassphrase },
        // A pharmacist sees nobody until placed at a pharmacy: the page links to where that is done.
        pharmacist: role === 'pharmacist',
      };
    } catch (cause) {
      const problem = apiProblemOf(cause);
      const message = problem.apiMessage ?? problem.message;
      if (problem.status === 400)
        return fail(400, {
          action: 'create',
          values,
          problems: problemsFromApi(problem.issues, createFields, { field: null, message }),
        });
      if (problem.status === 409)
        return fail(409, {
          action: 'create',
          values,
          problems: [
            {
              field: 'email',
              message: problem.apiMessage ?? 'There is already an account with this email address',
            },
          ],
        });
      return refusal(event, problem, 'create');
    }
  },

  disable: async (event) => changeAccount(event, 'disable'),
  enable: async (event) => changeAccount(event, 'enable'),

  reset: async (event) => {
    requirePermission(event.locals.staff, 'accounts:manage', EXPLANATION);
    const staffId = staffIdOf(await event.request.formData());
    if (staffId === null)
      return fail(400, { action: 'reset', problems: [{ field: null, message: 'Choose an account' }] });
    try {
      // Who it is, for the instructions, looked up first: once reset, the passphrase must not be lost to an error.
      const account = (await event.locals.api.accounts.list.query()).find((a) => a.id === staffId);
      if (account === undefined)
        return fail(404, {
          action: 'reset',
          problems: [{ field: null, message: 'There is no such account' }],
        });
      const { temporaryPassphrase } = await event.locals.api.accounts.reset.mutate({ staffId });
      return {
        action: 'reset',
        temporary: {
          displayName: account.displayName,
          email: account.email,
          passphrase: temporaryPassphrase,
        },
      };
    } catch (cause) {
      return refusal(event, apiProblemOf(cause), 'reset');
    }
  },
};

async function changeAccount(event: Parameters<Actions[string]>[0], change: 'disable' | 'enable') {
  requirePermission(event.locals.staff, 'accounts:manage', EXPLANATION);
  const staffId = staffIdOf(await event.request.formData());
  if (staffId === null)
    return fail(400, { action: change, problems: [{ field: null, message: 'Choose an account' }] });
  try {
    await event.locals.api.accounts[change].mutate({ staffId });
    return { action: change, done: change };
  } catch (cause) {
    return refusal(event, apiProblemOf(cause), change);
  }
}
