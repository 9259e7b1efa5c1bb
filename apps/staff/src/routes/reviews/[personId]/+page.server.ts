import { error, fail, redirect } from '@sveltejs/kit';
import { caseReviewActionCodes } from '@harbour/domain/case-review/details';
import { mitigationCodes, mitigationStatuses } from '@harbour/domain/risk/assessment';
import { assigneeKindLabels } from '@harbour/domain/tasks/assignee';
import { CalendarDate, Id } from '@harbour/domain/ids';
import type { FormProblem } from '@harbour/ui/form/problems';
import { textOf } from '@harbour/ui/form/read-form';
import { randomUUID } from 'node:crypto';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { requirePermission } from '#lib/server/permission.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = 'We could not find this person';
const EXPLANATION = 'Case reviews are for staff who work with the person’s team.';

/** Rows for agreed actions: the suggested ones, then blank ones to fill in (a plain form: no JavaScript). */
const SPARE_ROWS = 2;
const MAX_ROWS = 10;

const owners = (['keyworker', 'prescriber', 'team', 'team_lead'] as const).map((value) => ({
  value,
  label: assigneeKindLabels[value],
}));

/** The review form for one person (`reviews.draft`: an audited read), and whether the caller may sign it off. */
export const load: PageServerLoad = async (event) => {
  requirePermission(event.locals.staff, 'person:read', EXPLANATION);
  const { personId } = event.params;
  if (!Id.safeParse(personId).success) error(404, NOT_FOUND);
  const draft = await event.locals.api.reviews.draft.query({ personId }).catch((cause: unknown) => {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    if (problem.status === 403) redirect(303, `/people/${personId}`);
    error(problem.status, problem.status === 404 || problem.status === 400 ? NOT_FOUND : problem.message);
  });
  const suggested = draft.draft?.actions ?? [];
  const rows = Math.min(MAX_ROWS, suggested.length + SPARE_ROWS);
  const values: Record<string, string> = {};
  for (let i = 0; i < rows; i++) {
    const action = suggested[i];
    values[`action${i}`] = action?.action ?? '';
    values[`owner${i}`] = action?.owner.kind === 'staff' ? 'keyworker' : (action?.owner.kind ?? 'keyworker');
    values[`dueOn${i}`] = action?.dueOn ?? '';
    values[`note${i}`] = action?.note ?? '';
  }
  for (const m of draft.draft?.mitigations ?? []) values[`mitigation-${m.code}`] = m.status;
  return {
    draft,
    rows,
    initial: values,
    owners,
    actionOptions: caseReviewActionCodes.map((code) => ({
      value: code,
      label: draft.actionLabels[code] ?? code,
    })),
    idempotencyKey: randomUUID(),
  };
};

/** An API issue's path (`actions.2.dueOn`) as the id of this form's field (`dueOn2`). */
function fieldOf(path: readonly string[], rowOfAction: readonly number[]): string | null {
  if (path[0] === 'actions' && path[1] !== undefined) {
    const row = rowOfAction[Number(path[1])];
    const field = path[2] === 'owner' ? 'owner' : (path[2] ?? 'action');
    return row === undefined ? null : `${field}${row}`;
  }
  return null;
}

export const actions: Actions = {
  record: async (event) => {
    requirePermission(event.locals.staff, 'record:write', EXPLANATION);
    const { personId } = event.params;
    const submitted = await event.request.formData();
    const values: Record<string, string> = {};
    for (const [name, value] of submitted) if (typeof value === 'string') values[name] = value;
    const idempotencyKey = textOf(submitted, 'idempotencyKey');
    const rowCount = Math.min(MAX_ROWS, Number(textOf(submitted, 'rows')) || 0);
    const problems: FormProblem[] = [];
    // Today's tier and factors come from the record, read again: they are what was reviewed.
    let draft;
    try {
      draft = await event.locals.api.reviews.draft.query({ personId });
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      if (problem.status === 403) redirect(303, `/people/${personId}`);
      error(problem.status, problem.status === 404 ? NOT_FOUND : problem.message);
    }
    if (draft.tier === null)
      return fail(400, {
        values,
        problems: [{ field: null, message: 'This person has no risk score yet.' }],
      });
    const mitigations = (draft.assessment?.mitigations ?? []).map((m) => {
      const chosen = textOf(submitted, `mitigation-${m.code}`);
      const status = mitigationStatuses.find((s) => s === chosen);
      if (status === undefined)
        problems.push({ field: `mitigation-${m.code}`, message: `Say whether “${m.label}” is met` });
      return { code: m.code, status: status ?? m.status };
    });
    const actionsAgreed = [];
    const rowOfAction: number[] = [];
    for (let i = 0; i < rowCount; i++) {
      const action = caseReviewActionCodes.find((c) => c === textOf(submitted, `action${i}`));
      if (action === undefined) continue;
      const owner = owners.find((o) => o.value === textOf(submitted, `owner${i}`))?.value;
      const dueOn = CalendarDate.safeParse(textOf(submitted, `dueOn${i}`));
      const note = textOf(submitted, `note${i}`).trim();
      if (owner === undefined) problems.push({ field: `owner${i}`, message: 'Choose who owns the action' });
      if (!dueOn.success) problems.push({ field: `dueOn${i}`, message: 'Enter the date the action is due' });
      if (owner === undefined || !dueOn.success) continue;
      rowOfAction.push(i);
      actionsAgreed.push({
        action,
        owner: { kind: owner },
        dueOn: dueOn.data,
        note: note === '' ? null : note,
      });
    }
    if (problems.length > 0) return fail(400, { values, problems });
    if (!Id.safeParse(idempotencyKey).success)
      return fail(400, { values, problems: [{ field: null, message: 'Reload the page and try again.' }] });
    try {
      await event.locals.api.reviews.record.mutate({
        personId,
        idempotencyKey,
        reviewedOn: draft.today,
        tier: draft.tier,
        factors: (draft.assessment?.factors ?? []).map((f) => f.code),
        mitigations: mitigations.filter((m) => mitigationCodes.includes(m.code)),
        actions: actionsAgreed,
      });
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      if (problem.status === 403) redirect(303, `/people/${personId}`);
      if (problem.status === 400 || problem.status === 409 || problem.status === 422) {
        const fromApi = problem.issues.map((issue) => ({
          field: fieldOf(issue.path, rowOfAction),
          message: issue.message,
        }));
        const message = problem.apiMessage ?? problem.message;
        return fail(problem.status, {
          values,
          problems: problem.status === 422 || fromApi.length === 0 ? [{ field: null, message }] : fromApi,
        });
      }
      error(problem.status, problem.status === 404 ? NOT_FOUND : problem.message);
    }
    redirect(303, '/reviews?saved=review');
  },
};
