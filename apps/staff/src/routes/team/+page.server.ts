import { error } from '@sveltejs/kit';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { requirePermission } from '#lib/server/permission.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import { formatDate } from '@harbour/ui/format';
import type { PageServerLoad } from './$types';

const EXPLANATION = 'Naloxone coverage is for clinical teams and service managers.';

/** A share as a whole percentage ("75%"), or null when nobody is counted (never 0% or 100% of nobody). */
const percent = (share: number | null): string | null =>
  share === null ? null : `${Math.round(share * 100)}%`;

/**
 * "Team": naloxone coverage of the high and very high tiers (issue 9). The caller's teams with the people who
 * hold no in-date kit (linking to their records), and for a service manager every team's counts. The API decides
 * what each caller sees and audits the read; the words are made here.
 */
export const load: PageServerLoad = async (event) => {
  requirePermission(event.locals.staff, 'coverage:read', EXPLANATION);
  const report = await event.locals.api.naloxone.coverage.query().catch((cause: unknown) => {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    error(problem.status, problem.status === 403 ? EXPLANATION : problem.message, {
      explanation: EXPLANATION,
    });
  });
  const teams = report.teams.map((t) => ({
    teamId: t.teamId,
    teamName: t.teamName,
    mine: t.mine,
    numerator: t.coverage.numerator,
    denominator: t.coverage.denominator,
    percent: percent(t.coverage.share),
    byTier: [
      {
        label: 'Very high',
        ...t.coverage.byTier.very_high,
        percent: percent(t.coverage.byTier.very_high.share),
      },
      { label: 'High', ...t.coverage.byTier.high, percent: percent(t.coverage.byTier.high.share) },
    ],
    uncovered:
      t.uncovered?.map((p) => ({
        personId: p.personId,
        reference: p.reference,
        displayName: p.displayName,
        tierLabel: p.tierLabel,
        keyworkerName: p.keyworkerName,
        latestKit: p.latestKit
          ? p.latestKit.status === 'expired'
            ? `Expired on ${formatDate(p.latestKit.expiresOn)}`
            : `${p.latestKit.statusLabel} (supplied ${formatDate(p.latestKit.suppliedOn)})`
          : 'None recorded',
      })) ?? null,
  }));
  return {
    today: report.today,
    mine: teams.filter((t) => t.mine),
    others: teams.filter((t) => !t.mine),
  };
};
