import { error } from '@sveltejs/kit';
import { ostMedicineLabels } from '@harbour/domain/medicines';
import { formatDate, formatDose } from '@harbour/ui/format';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { requirePermission } from '#lib/server/permission.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import type { PageServerLoad } from './$types';

const EXPLANATION = 'The reductions reported to managers are for service managers.';

/**
 * "Reductions reported" (issue 10, ost.md "Reductions and exits"): the planned OST reductions saved without the
 * person's agreement, or at high or very high risk, each with the second clinician who signed it off and why.
 * Counts and teams, never names. The API decides and audits the read; the words are made here.
 */
export const load: PageServerLoad = async (event) => {
  requirePermission(event.locals.staff, 'reductions:report', EXPLANATION);
  const report = await event.locals.api.ost.reductions.reported.query().catch((cause: unknown) => {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    error(problem.status, problem.status === 403 ? EXPLANATION : problem.message, {
      explanation: EXPLANATION,
    });
  });
  return {
    count: report.count,
    withoutAgreement: report.withoutAgreement,
    reductions: report.reductions.map((r, i) => ({
      key: i,
      on: formatDate(r.writtenOn),
      teamName: r.teamName,
      dose: `${ostMedicineLabels[r.medicine as keyof typeof ostMedicineLabels]}, down to ${formatDose(r.toMg)} a day`,
      agreement: r.agreement,
      prescriberName: r.prescriberName ?? 'Unknown',
      signedOff: r.signedOffByName ?? 'Not recorded',
      reason: r.signOffReason ?? '',
    })),
  };
};
