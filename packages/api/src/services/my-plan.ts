import { londonDayAndTime } from '@harbour/domain/booking/setup';
import { londonDate } from '@harbour/domain/dates';
import { kitsOn, type KitEvent } from '@harbour/domain/naloxone/kits';
import { myPlan, naloxoneExpiryForMyPlan, type MyPlanSection } from '@harbour/domain/ost/my-plan';
import { OstPlan } from '@harbour/domain/ost/plan';
import type { Database } from '@harbour/db/client';
import { clinicalEvent } from '@harbour/db/schema/clinical-event';
import { treatmentEpisode } from '@harbour/db/schema/episode';
import { ostPlan, pharmacy } from '@harbour/db/schema/ost';
import { withTenant } from '@harbour/db/tenant';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { writeAudit } from '../audit/write-audit.ts';
import type { ServiceUserActor } from '../identity/sessions.ts';
import { openBookings } from './self-bookings.ts';

export interface MyPlanView {
  /** The plan as short, plain sentences in sections; null when the person has no current medicine plan. */
  sections: MyPlanSection[] | null;
}

/**
 * "My plan" in the self-check portal (issue 10 "The person's own view"): the person's own current OST plan
 * (the plan of their open episode, unless it has ended), their pharmacy, their naloxone kit's expiry, in plain
 * English by the domain (`myPlan`). Only ever the person named by the session: there is no input to name
 * anyone else. Appointments: the health checks they have booked and not yet had (`openBookings`). The read is audited on their record as theirs (left out of "who has looked").
 */
export async function getMyPlan(
  db: Database,
  self: ServiceUserActor,
  context: { requestId: string; now: Date },
): Promise<MyPlanView> {
  const today = londonDate(context.now);
  return withTenant(db, { organisationId: self.organisationId, actorId: null }, async (tx) => {
    const [episode] = await tx
      .select({ id: treatmentEpisode.id })
      .from(treatmentEpisode)
      .where(
        and(
          eq(treatmentEpisode.organisationId, self.organisationId),
          eq(treatmentEpisode.personId, self.personId),
          inArray(treatmentEpisode.status, ['active', 'referred']),
        ),
      )
      .orderBy(desc(treatmentEpisode.referredOn), desc(treatmentEpisode.id))
      .limit(1);
    const [row] = episode
      ? await tx
          .select({ plan: ostPlan.plan, pharmacyName: pharmacy.name })
          .from(ostPlan)
          .leftJoin(
            pharmacy,
            and(eq(pharmacy.id, ostPlan.pharmacyId), eq(pharmacy.organisationId, ostPlan.organisationId)),
          )
          .where(
            and(
              eq(ostPlan.organisationId, self.organisationId),
              eq(ostPlan.personId, self.personId),
              eq(ostPlan.episodeId, episode.id),
            ),
          )
      : [];
    await writeAudit(tx, {
      actor: self,
      personId: self.personId,
      action: 'view',
      procedure: 'selfcheck.myPlan',
      requestId: context.requestId,
      basis: null,
      outcome: 'allowed',
    });
    const plan = row ? OstPlan.parse(row.plan) : null;
    if (plan === null || plan.phase === 'ended') return { sections: null };
    const events = await tx
      .select({
        id: clinicalEvent.id,
        occurredOn: clinicalEvent.occurredOn,
        type: clinicalEvent.type,
        details: clinicalEvent.details,
      })
      .from(clinicalEvent)
      .where(
        and(
          eq(clinicalEvent.organisationId, self.organisationId),
          eq(clinicalEvent.personId, self.personId),
          eq(clinicalEvent.status, 'active'),
          inArray(clinicalEvent.type, ['naloxone_supply', 'naloxone_report']),
        ),
      )
      .orderBy(clinicalEvent.occurredOn, clinicalEvent.id);
    const kits = kitsOn(events as KitEvent[], today);
    return {
      sections: myPlan({
        plan,
        today,
        pharmacyName: row?.pharmacyName?.slice(0, 120) ?? null,
        naloxoneExpiresOn: naloxoneExpiryForMyPlan(kits),
        // The health checks they have booked, as the booking pages show them (London day and time).
        appointments: (await openBookings(tx, self, context.now)).map((b) => ({
          ...londonDayAndTime(b.startsAt),
          what: b.needName.slice(0, 80),
          where: `${b.clinicName}, ${b.place}`.slice(0, 120),
        })),
      }),
    };
  });
}
