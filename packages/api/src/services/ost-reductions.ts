import type { Actor } from '@harbour/domain/access/policy';
import type { OstPlan } from '@harbour/domain/ost/plan';
import { reductionAgreementLabels, type PlannedReductionInput } from '@harbour/domain/ost/reduction-change';
import type { Database } from '@harbour/db/client';
import { treatmentEpisode } from '@harbour/db/schema/episode';
import { ostPlan, ostPlanVersion } from '@harbour/db/schema/ost';
import { team } from '@harbour/db/schema/organisation';
import { staff } from '@harbour/db/schema/staff';
import { withTenant } from '@harbour/db/tenant';
import { and, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { writeAudit } from '../audit/write-audit.ts';
import type { WriteContext } from './record-event.ts';

/**
 * The reductions reported to service managers (issue 10, ost.md "Reductions and exits"): every planned
 * reduction saved without the person's agreement, or at high or very high risk, with its second clinician's
 * sign-off. A count and one line each, by team: never a person's name (managers see aggregates). One audit row
 * per call (a list, no person), in the read's transaction.
 */
export interface ReportedReduction {
  writtenOn: string;
  teamName: string;
  medicine: string;
  toMg: number;
  agreement: string;
  prescriberName: string | null;
  signedOffByName: string | null;
  signOffReason: string | null;
}

export interface ReductionsReport {
  count: number;
  withoutAgreement: number;
  reductions: ReportedReduction[];
}

const signer = alias(staff, 'signer');

export async function reportedReductions(
  db: Database,
  actor: Actor,
  context: WriteContext,
): Promise<ReductionsReport> {
  const tenant = { organisationId: actor.organisationId, actorId: actor.staffId };
  return withTenant(db, tenant, async (tx) => {
    const rows = await tx
      .select({
        writtenAt: ostPlanVersion.writtenAt,
        teamName: team.name,
        plan: ostPlanVersion.plan,
        reduction: ostPlanVersion.reduction,
        prescriberName: staff.displayName,
        signedOffByName: signer.displayName,
      })
      .from(ostPlanVersion)
      .innerJoin(ostPlan, eq(ostPlan.id, ostPlanVersion.planId))
      .innerJoin(treatmentEpisode, eq(treatmentEpisode.id, ostPlan.episodeId))
      .innerJoin(team, eq(team.id, treatmentEpisode.teamId))
      .leftJoin(staff, eq(staff.id, ostPlanVersion.writtenBy))
      .leftJoin(signer, eq(signer.id, ostPlanVersion.reductionSignedOffBy))
      .where(
        and(
          eq(ostPlanVersion.organisationId, actor.organisationId),
          eq(ostPlanVersion.reductionReported, true),
        ),
      )
      .orderBy(desc(ostPlanVersion.writtenAt))
      .limit(200);
    await writeAudit(tx, {
      actor,
      personId: null,
      action: 'list',
      procedure: 'ost.reductions.reported',
      requestId: context.requestId,
      basis: 'team',
      outcome: 'allowed',
    });
    const reductions = rows.map((r) => {
      const plan = r.plan as OstPlan;
      const reduction = r.reduction as PlannedReductionInput | null;
      return {
        writtenOn: new Date(r.writtenAt).toISOString().slice(0, 10),
        teamName: r.teamName,
        medicine: plan.medicine,
        toMg: plan.doseMg,
        agreement: reduction === null ? 'not recorded' : reductionAgreementLabels[reduction.agreement],
        prescriberName: r.prescriberName,
        signedOffByName: r.signedOffByName,
        signOffReason: reduction?.secondSignOff?.reason ?? null,
        withoutAgreement: reduction?.agreement === 'not_agreed',
      };
    });
    return {
      count: reductions.length,
      withoutAgreement: reductions.filter((r) => r.withoutAgreement).length,
      reductions: reductions.map(({ withoutAgreement: _w, ...r }) => r),
    };
  });
}
