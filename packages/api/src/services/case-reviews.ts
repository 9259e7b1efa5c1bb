import { canReadTeamCaseload, type Actor } from '@harbour/domain/access/policy';
import { caseReviewCompletion, type CaseReviewCompletion } from '@harbour/domain/case-review/completion';
import type { CaseReviewCandidate } from '@harbour/domain/case-review/obligations';
import { caseReviewQueue } from '@harbour/domain/case-review/queue';
import {
  caseReviewInputFor,
  monthlyPeriods,
  type CaseReviewSubmission,
} from '@harbour/domain/case-review/submission';
import {
  caseReviewActionCatalogue,
  caseReviewDraft,
  caseReviewEventDetails,
  caseReviewTemplate,
  type CaseReviewDraft,
} from '@harbour/domain/case-review/template';
import { maySignOffCaseReview, type SignOffDecision } from '@harbour/domain/competency/sign-off';
import { londonDate } from '@harbour/domain/dates';
import { DomainError } from '@harbour/domain/errors';
import type { CalendarDate } from '@harbour/domain/ids';
import type { OverdoseProtocol } from '@harbour/domain/protocol/overdose-protocol';
import { riskTierLabels, type RiskTier } from '@harbour/domain/risk/codes';
import { expandAssessment, type StoredAssessment } from '@harbour/domain/risk/stored';
import type { Database, Transaction } from '@harbour/db/client';
import { clinicalEvent } from '@harbour/db/schema/clinical-event';
import { treatmentEpisode } from '@harbour/db/schema/episode';
import { person } from '@harbour/db/schema/person';
import { personState } from '@harbour/db/schema/person-state';
import { riskScoreHistory } from '@harbour/db/schema/risk-history';
import { currentCompetencies } from '@harbour/db/tasks/competency-renewals';
import { withTenant } from '@harbour/db/tenant';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { writeAudit } from '../audit/write-audit.ts';
import { organisationProtocol } from './overdose-protocol.ts';
import { personAccess } from './person-access.ts';
import { recordEvent, settle, type EntryWritten, type WriteContext } from './record-event.ts';

/**
 * STORM-style case review (issue 9; drd-risk.md "Case review"): each team's queue of people due a review and
 * its completion rate (case-review/queue.ts, completion.ts), the review form filled from today's assessment
 * (template.ts), and recording a review, which writes the `case_review` event through `recordEvent` (so it is
 * checked, re-scored, audited and opens its actions as tasks in one transaction, and only someone with an
 * in-date risk assessment competency can sign it off).
 */

export interface QueueRow {
  personId: string;
  displayName: string;
  reference: string;
  tier: 'very_high' | 'high';
  tierLabel: string;
  inTierSince: CalendarDate;
  dueFrom: CalendarDate;
  dueBy: CalendarDate;
  overdue: boolean;
  daysWaiting: number;
}

export interface ReviewQueue {
  today: CalendarDate;
  rows: QueueRow[];
  /** Reviewed within the target ÷ due, month by month (oldest first), for this team. */
  completion: CaseReviewCompletion[];
}

/** The team's people (open episodes) with their tier history and review days, as the rules read them. */
async function teamCandidates(
  db: Transaction,
  organisationId: string,
  teamId: string,
): Promise<{ candidates: CaseReviewCandidate[]; names: Map<string, { name: string; reference: string }> }> {
  const people = await db
    .select({
      id: person.id,
      givenName: person.givenName,
      familyName: person.familyName,
      reference: person.reference,
    })
    .from(treatmentEpisode)
    .innerJoin(
      person,
      and(
        eq(person.id, treatmentEpisode.personId),
        eq(person.organisationId, treatmentEpisode.organisationId),
      ),
    )
    .where(
      and(
        eq(treatmentEpisode.organisationId, organisationId),
        eq(treatmentEpisode.teamId, teamId),
        inArray(treatmentEpisode.status, ['active', 'referred']),
      ),
    );
  const ids = people.map((p) => p.id);
  if (ids.length === 0) return { candidates: [], names: new Map() };
  const history = await db
    .select({ personId: riskScoreHistory.personId, on: riskScoreHistory.asOf, tier: riskScoreHistory.tier })
    .from(riskScoreHistory)
    .where(and(eq(riskScoreHistory.organisationId, organisationId), inArray(riskScoreHistory.personId, ids)))
    .orderBy(asc(riskScoreHistory.asOf), asc(riskScoreHistory.computedAt));
  const reviews = await db
    .select({ personId: clinicalEvent.personId, on: clinicalEvent.occurredOn })
    .from(clinicalEvent)
    .where(
      and(
        eq(clinicalEvent.organisationId, organisationId),
        inArray(clinicalEvent.personId, ids),
        eq(clinicalEvent.type, 'case_review'),
        eq(clinicalEvent.status, 'active'),
      ),
    );
  const candidates = people.map((p) => {
    // Several scores on one day: the last one computed is the day's tier.
    const byDay = new Map<string, RiskTier>();
    for (const h of history) if (h.personId === p.id) byDay.set(h.on, h.tier);
    return {
      personId: p.id,
      tierHistory: [...byDay].map(([on, tier]) => ({ on, tier })),
      reviews: reviews.filter((r) => r.personId === p.id).map((r) => r.on),
    };
  });
  const names = new Map(
    people.map((p) => [p.id, { name: `${p.familyName}, ${p.givenName}`, reference: p.reference }]),
  );
  return { candidates, names };
}

/**
 * A team's review queue, oldest first, and its completion rate over the last 6 months, for a member of the
 * team (as its caseload). One audit row (a list, no person); a refusal is audited before it is reported.
 */
export async function listReviewQueue(
  db: Database,
  actor: Actor,
  teamId: string,
  context: WriteContext,
): Promise<ReviewQueue> {
  const today = londonDate(context.now);
  const audit = {
    actor,
    personId: null,
    action: 'list',
    procedure: 'reviews.queue',
    requestId: context.requestId,
  } as const;
  const result = await withTenant(
    db,
    { organisationId: actor.organisationId, actorId: actor.staffId },
    async (tx) => {
      const decision = canReadTeamCaseload(actor, teamId);
      if (!decision.allowed) {
        await writeAudit(tx, { ...audit, basis: null, outcome: 'denied', reason: decision.reason });
        return null;
      }
      const { candidates, names } = await teamCandidates(tx, actor.organisationId, teamId);
      const queue = caseReviewQueue(candidates, today);
      const completion = caseReviewCompletion(candidates, monthlyPeriods(today), today);
      await writeAudit(tx, { ...audit, basis: decision.basis, outcome: 'allowed' });
      return {
        today,
        completion,
        rows: queue.map((item) => ({
          ...item,
          displayName: names.get(item.personId)?.name ?? '',
          reference: names.get(item.personId)?.reference ?? '',
          tierLabel: riskTierLabels[item.tier],
        })),
      };
    },
  );
  if (result === null)
    throw new DomainError('FORBIDDEN', 'You can only see the case reviews of teams you belong to');
  return result;
}

export interface ReviewDraft {
  personId: string;
  displayName: string;
  reference: string;
  today: CalendarDate;
  tier: RiskTier | null;
  tierLabel: string | null;
  score: number | null;
  /** Today's factors and mitigations, as the template shows them. */
  assessment: Pick<StoredAssessment, 'factors' | 'mitigations'> | null;
  draft: CaseReviewDraft | null;
  template: typeof caseReviewTemplate;
  actionLabels: Record<string, string>;
  /** Whether the caller may sign the review off today, and if not, why. */
  signOff: SignOffDecision;
  /** The service's overdose-risk protocol in force today (read-only: Harbour's default until a service edits it). */
  protocol: OverdoseProtocol;
}

/** The review form for one person, filled from today's assessment (an audited read of their record). */
export async function reviewDraft(
  db: Database,
  actor: Actor,
  personId: string,
  context: WriteContext,
): Promise<ReviewDraft> {
  const today = londonDate(context.now);
  const outcome = await withTenant(
    db,
    { organisationId: actor.organisationId, actorId: actor.staffId },
    async (tx) => {
      const access = await personAccess(tx, {
        actor,
        personId,
        mode: 'read',
        action: 'view',
        procedure: 'reviews.draft',
        requestId: context.requestId,
        now: context.now,
      });
      if (access.kind !== 'allowed') return access;
      const [state] = await tx
        .select({ assessment: personState.riskAssessment })
        .from(personState)
        .where(and(eq(personState.personId, personId), eq(personState.organisationId, actor.organisationId)));
      const assessment = state?.assessment ? expandAssessment(state.assessment) : null;
      const signOff = maySignOffCaseReview(
        await currentCompetencies(tx, actor.organisationId, actor.staffId),
        today,
      );
      await writeAudit(tx, {
        actor,
        personId,
        action: 'view',
        procedure: 'reviews.draft',
        requestId: context.requestId,
        basis: access.basis,
        outcome: 'allowed',
      });
      return {
        kind: 'ok' as const,
        value: {
          personId,
          displayName: `${access.person.givenName} ${access.person.familyName}`,
          reference: access.person.reference,
          today,
          tier: assessment?.tier ?? null,
          tierLabel: assessment ? riskTierLabels[assessment.tier] : null,
          score: assessment?.score ?? null,
          assessment: assessment
            ? { factors: assessment.factors, mitigations: assessment.mitigations }
            : null,
          draft: assessment ? caseReviewDraft(assessment, today) : null,
          template: caseReviewTemplate,
          actionLabels: Object.fromEntries(
            Object.entries(caseReviewActionCatalogue).map(([code, entry]) => [code, entry.label]),
          ),
          signOff,
          protocol: await organisationProtocol(tx, actor.organisationId, today),
        },
      };
    },
  );
  return settle(outcome);
}

/**
 * Records a case review signed off by the caller: the template's input, checked (an action cannot be due before
 * the review), then written as the `case_review` event by `recordEvent`, which refuses it (422, nothing written
 * but the refusal's audit row) unless the caller holds an in-date risk assessment competency.
 */
export async function recordCaseReview(
  db: Database,
  actor: Actor,
  submission: CaseReviewSubmission,
  context: WriteContext,
): Promise<EntryWritten> {
  const parsed = caseReviewInputFor(submission, actor.staffId);
  if (!parsed.success)
    throw new DomainError(
      'INVALID_INPUT',
      'The review is not valid',
      parsed.error.issues.map((i) => ({
        path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: i.message,
      })),
    );
  return recordEvent(
    db,
    actor,
    {
      personId: submission.personId,
      idempotencyKey: submission.idempotencyKey,
      occurredOn: submission.reviewedOn,
      event: { type: 'case_review', details: caseReviewEventDetails(parsed.data) },
    },
    context,
  );
}
