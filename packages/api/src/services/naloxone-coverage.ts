import { coverageTeams, type Actor } from '@harbour/domain/access/policy';
import { londonDate } from '@harbour/domain/dates';
import type { CalendarDate } from '@harbour/domain/ids';
import { naloxoneCoverage, type NaloxoneCoverage } from '@harbour/domain/naloxone/coverage';
import { holdsInDateKit, kitsOn, kitStatusLabels, type KitStatus } from '@harbour/domain/naloxone/kits';
import { riskTierLabels, type RiskTier } from '@harbour/domain/risk/codes';
import { rowsOf, type Database } from '@harbour/db/client';
import { team } from '@harbour/db/schema/organisation';
import { naloxoneEvents } from '@harbour/db/tasks/naloxone-reminders';
import { withTenant } from '@harbour/db/tenant';
import { asc, eq, sql } from 'drizzle-orm';
import { writeAudit } from '../audit/write-audit.ts';
import type { WriteContext } from './record-event.ts';

/**
 * Naloxone coverage per team (workflows.md "Naloxone", "Management information"; issue 9): of the people in
 * treatment in the high and very high tiers, those holding an in-date kit, as counts and a share
 * (`naloxoneCoverage`). The caller's own teams come with the people not covered, linking to their records, as
 * their caseloads do; a service manager sees every team's counts, never names (`coverageTeams`). One audit row
 * per call (a list, no person), in the read's transaction.
 */

export interface UncoveredPerson {
  personId: string;
  reference: string;
  displayName: string;
  tier: RiskTier;
  tierLabel: string;
  keyworkerName: string | null;
  /** Their newest kit and its status today; null when none was ever supplied. */
  latestKit: {
    status: KitStatus;
    statusLabel: string;
    suppliedOn: CalendarDate;
    expiresOn: CalendarDate;
  } | null;
}

export interface TeamCoverage {
  teamId: string;
  teamName: string;
  /** The caller belongs to the team (and sees who is not covered). */
  mine: boolean;
  coverage: NaloxoneCoverage;
  /** High and very high first by tier then name; null when the caller sees counts only. */
  uncovered: UncoveredPerson[] | null;
}

export interface CoverageReport {
  today: CalendarDate;
  /** The caller's teams first, then the others, each by name. */
  teams: TeamCoverage[];
}

interface PersonRow {
  team_id: string;
  person_id: string;
  reference: string;
  given_name: string;
  family_name: string;
  keyworker_name: string | null;
  risk_tier: RiskTier;
}

export async function naloxoneCoverageReport(
  db: Database,
  actor: Actor,
  context: WriteContext,
): Promise<CoverageReport> {
  const today = londonDate(context.now);
  const tenant = { organisationId: actor.organisationId, actorId: actor.staffId };
  return withTenant(db, tenant, async (tx) => {
    const all = await tx
      .select({ id: team.id, name: team.name })
      .from(team)
      .where(eq(team.organisationId, actor.organisationId))
      .orderBy(asc(team.name), asc(team.id));
    const scope = coverageTeams(
      actor,
      all.map((t) => t.id),
    );
    const teamIds = scope.map((s) => s.teamId);
    // Everyone in treatment in those teams whose current tier (after overrides) is high or very high: the
    // stored assessment, as on the caseload. Someone open in two teams counts in each.
    const people =
      teamIds.length === 0
        ? []
        : rowsOf<PersonRow>(
            await tx.execute(sql`
              select e.team_id, p.id as person_id, p.reference, p.given_name, p.family_name,
                     k.display_name as keyworker_name, s.risk_tier::text as risk_tier
              from treatment_episode e
              join person p on p.id = e.person_id and p.organisation_id = e.organisation_id
              join person_state s on s.person_id = e.person_id and s.organisation_id = e.organisation_id
              left join staff k on k.id = e.keyworker_id and k.organisation_id = e.organisation_id
              where e.organisation_id = ${actor.organisationId}
                and e.team_id in (${sql.join(
                  teamIds.map((id) => sql`${id}`),
                  sql`, `,
                )})
                and e.status in ('active', 'referred')
                and s.risk_tier in ('high', 'very_high')
              order by s.risk_tier_rank desc, p.family_name, p.given_name, p.id`),
          );
    const ids = [...new Set(people.map((p) => p.person_id))];
    const events = await naloxoneEvents(tx, actor.organisationId, ids);
    const kitsOf = new Map(ids.map((id) => [id, kitsOn(events.get(id) ?? [], today)]));
    const names = new Map(all.map((t) => [t.id, t.name]));
    const teams = scope.map(({ teamId, withPeople }): TeamCoverage => {
      const members = people.filter((p) => p.team_id === teamId);
      const counted = members.map((p) => ({
        row: p,
        tier: p.risk_tier,
        kits: kitsOf.get(p.person_id) ?? [],
      }));
      return {
        teamId,
        teamName: names.get(teamId) ?? '',
        mine: withPeople,
        coverage: naloxoneCoverage(counted),
        uncovered: withPeople
          ? counted
              .filter((c) => !holdsInDateKit(c.kits))
              .map(({ row, tier, kits }) => {
                const latest = kits[0];
                return {
                  personId: row.person_id,
                  reference: row.reference,
                  displayName: `${row.family_name}, ${row.given_name}`,
                  tier,
                  tierLabel: riskTierLabels[tier],
                  keyworkerName: row.keyworker_name,
                  latestKit: latest
                    ? {
                        status: latest.status,
                        statusLabel: kitStatusLabels[latest.status],
                        suppliedOn: latest.suppliedOn,
                        expiresOn: latest.expiresOn,
                      }
                    : null,
                };
              })
          : null,
      };
    });
    await writeAudit(tx, {
      actor,
      personId: null,
      action: 'list',
      procedure: 'naloxone.coverage',
      requestId: context.requestId,
      basis: 'team',
      outcome: 'allowed',
    });
    // The caller's own teams first (a manager who is also a member sees those first).
    const own = (t: TeamCoverage) => (actor.teamIds.includes(t.teamId) ? 0 : 1);
    return { today, teams: teams.sort((a, b) => own(a) - own(b)) };
  });
}
