import {
  CloseOstAlertInput,
  PersonPlanInput,
  PlanChangeInput,
  RecordDispensingInput,
} from '@harbour/domain/ost/store';
import { closeOstAlert, myOstAlerts } from '../services/ost-alerts.ts';
import { getPlan, planHistory, proposePlan, savePlan } from '../services/ost-plans.ts';
import { DischargeForNonAttendanceInput } from '@harbour/domain/ost/reengagement-contacts';
import { dischargeForNonAttendance, reEngagementCascade } from '../services/discharge.ts';
import { reportedReductions } from '../services/ost-reductions.ts';
import { pharmacyToday, recordDispensing } from '../services/pharmacy.ts';
import { authorised, createRouter } from '../trpc.ts';

/**
 * Opioid substitution therapy (issue 10). Plans: read by anyone who may open the record, changed by a
 * prescriber only, every change checked by the domain's rules at write time. The pharmacy: a pharmacist's list
 * for today and one recording per person per day, for people with a current plan at their pharmacy only.
 */
export const ostRouter = createRouter({
  plan: createRouter({
    /** The current plan, the pharmacy loop and the open alerts and tasks. */
    get: authorised('person:read')
      .input(PersonPlanInput)
      .query(({ ctx, input }) =>
        getPlan(ctx.db, ctx.actor, input, { requestId: ctx.requestId, now: ctx.now() }),
      ),
    /** Every version, newest first, with its findings and the reasons that acknowledged its warnings. */
    history: authorised('person:read')
      .input(PersonPlanInput)
      .query(({ ctx, input }) =>
        planHistory(ctx.db, ctx.actor, input, { requestId: ctx.requestId, now: ctx.now() }),
      ),
    /** Checks a change without storing it: the refusals and warnings the prescriber must answer. */
    propose: authorised('ost:prescribe')
      .input(PlanChangeInput)
      .mutation(({ ctx, input }) =>
        proposePlan(ctx.db, ctx.actor, input, { requestId: ctx.requestId, now: ctx.now() }),
      ),
    /** Saves a change as a new version; refused (nothing stored) with the rules' words. */
    save: authorised('ost:prescribe')
      .input(PlanChangeInput)
      .mutation(({ ctx, input }) =>
        savePlan(ctx.db, ctx.actor, input, { requestId: ctx.requestId, now: ctx.now() }),
      ),
  }),
  pharmacy: createRouter({
    /** Today's list at the pharmacist's pharmacies. */
    today: authorised('pharmacy:dispense').query(({ ctx }) =>
      pharmacyToday(ctx.db, ctx.actor, { requestId: ctx.requestId, now: ctx.now() }),
    ),
    /** One person's outcome for today. */
    record: authorised('pharmacy:dispense')
      .input(RecordDispensingInput)
      .mutation(({ ctx, input }) =>
        recordDispensing(ctx.db, ctx.actor, input, { requestId: ctx.requestId, now: ctx.now() }),
      ),
  }),
  exit: createRouter({
    /** Where the person's re-engagement cascade stands: each step tried, not possible (and why), or still to try. */
    cascade: authorised('person:read')
      .input(DischargeForNonAttendanceInput)
      .query(({ ctx, input }) =>
        reEngagementCascade(ctx.db, ctx.actor, input, { requestId: ctx.requestId, now: ctx.now() }),
      ),
    /**
     * A team lead's sign-off of a discharge for non-attendance: refused, with its reasons, until the
     * re-engagement cascade is done. Never automatic: nothing else discharges.
     */
    dischargeForNonAttendance: authorised('episode:discharge')
      .input(DischargeForNonAttendanceInput)
      .mutation(({ ctx, input }) =>
        dischargeForNonAttendance(ctx.db, ctx.actor, input, { requestId: ctx.requestId, now: ctx.now() }),
      ),
  }),
  reductions: createRouter({
    /** The planned reductions reported to managers: without agreement, or at high risk, with their sign-off. */
    reported: authorised('reductions:report').query(({ ctx }) =>
      reportedReductions(ctx.db, ctx.actor, { requestId: ctx.requestId, now: ctx.now() }),
    ),
  }),
  alerts: createRouter({
    /** The open OST alerts and tasks addressed to the caller (prescriber or keyworker). */
    mine: authorised('person:read').query(({ ctx }) =>
      myOstAlerts(ctx.db, ctx.actor, { requestId: ctx.requestId }),
    ),
    /** Marks one of the caller's OST alerts as seen and dealt with. */
    close: authorised('person:read')
      .input(CloseOstAlertInput)
      .mutation(({ ctx, input }) =>
        closeOstAlert(ctx.db, ctx.actor, input, { requestId: ctx.requestId, now: ctx.now() }),
      ),
  }),
});
