import { error } from '@sveltejs/kit';
import { NEW_TO_HIGH_DAYS } from '@harbour/domain/caseload';
import { addDays, londonDate } from '@harbour/domain/dates';
import { riskTierLabels } from '@harbour/domain/risk/codes';
import { formatDate } from '@harbour/ui/format';
import { medicineAndDose, reasonPhrase } from '@harbour/ui/record';
import { defaultParams } from '#lib/caseload-href.ts';
import { paramOfField, parseCaseloadParams, problemFor, type ParamProblem } from '#lib/caseload-params.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import type { PageServerLoad } from './$types';

/**
 * One page of a team's caseload. Filters, sort and page come from the query string (a GET form and plain
 * links, so it all works without JavaScript). A value the portal cannot use is explained on the page rather
 * than failing it.
 */
export const load: PageServerLoad = async ({ url, locals }) => {
  const [teams, me] = await Promise.all([
    locals.api.caseload.myTeams.query(),
    locals.api.caseload.me.query(),
  ]).catch((cause: unknown) => {
    const problem = apiProblemOf(cause);
    error(problem.status, problem.message);
  });
  // The pharmacy loop's open alerts and tasks addressed to this member of staff (issue 10), above the caseload.
  const ostAlerts = (
    await locals.api.ost.alerts.mine.query().catch((cause: unknown) => {
      const problem = apiProblemOf(cause);
      error(problem.status, problem.message);
    })
  ).map((a) => ({
    id: a.id,
    personId: a.personId,
    personName: a.personName,
    what: a.kind === 'task' ? 'Task' : 'Alert',
    on: formatDate(a.on),
    reason: a.reason,
  }));
  // A keyworker can narrow the team's caseload to the people they keywork.
  const myStaffId = me.role === 'keyworker' ? me.staffId : null;
  const firstTeam = teams[0];
  if (firstTeam === undefined)
    return { teams, myStaffId, ostAlerts, params: null, caseload: null, problems: [] };

  const parsed = parseCaseloadParams(url.searchParams, firstTeam.id, myStaffId);
  if (!parsed.ok)
    return { teams, myStaffId, ostAlerts, params: parsed.params, caseload: null, problems: parsed.problems };
  if (!teams.some((team) => team.id === parsed.query.teamId)) {
    const problems = [problemFor('team', parsed.query.teamId)];
    return { teams, myStaffId, ostAlerts, params: defaultParams(firstTeam.id), caseload: null, problems };
  }

  try {
    const page = await locals.api.caseload.list.query(parsed.query);
    // Words are made here, with London's today, so the domain's schemas stay out of the browser's bundle and the
    // server and the browser agree on "6 days ago".
    const today = londonDate(new Date());
    const rows = page.rows.map((row) => ({
      ...row,
      ost:
        row.ostMedicine === null || row.ostDoseMg === null
          ? 'Not on OST'
          : medicineAndDose(row.ostMedicine, row.ostDoseMg),
      tierLabel: row.riskTier === null ? null : riskTierLabels[row.riskTier],
      reasonWords: row.reasons.map((reason) => reasonPhrase(reason, today)),
      newToHigh: row.highSince !== null && row.highSince >= addDays(today, -NEW_TO_HIGH_DAYS),
    }));
    const params = { ...parsed.params, page: page.page };
    return { teams, myStaffId, ostAlerts, params, caseload: { ...page, rows }, problems: [] };
  } catch (cause) {
    const problem = apiProblemOf(cause);
    if (problem.status !== 400) {
      error(
        problem.status,
        problem.status === 403 ? 'You do not have access to this caseload' : problem.message,
      );
    }
    // The API's own validation disagreed with ours: show its issues in the same words.
    const problems: ParamProblem[] = problem.issues.flatMap((issue) => {
      const param = paramOfField(issue.path[0] ?? '');
      return param === undefined ? [] : [problemFor(param, url.searchParams.get(param) ?? '')];
    });
    if (problems.length === 0) problems.push({ param: 'query', value: url.search, message: problem.message });
    return {
      teams,
      myStaffId,
      ostAlerts,
      params: defaultParams(parsed.query.teamId),
      caseload: null,
      problems,
    };
  }
};
