import type { Actor } from '@harbour/domain/access/policy';
import { londonDate } from '@harbour/domain/dates';
import { conflict, DomainError, notFound, type Issue } from '@harbour/domain/errors';
import { answerIssues, type AnswerValue } from '@harbour/domain/instruments/answers';
import type { InstrumentDefinition, InstrumentId } from '@harbour/domain/instruments/definition';
import { instruments } from '@harbour/domain/instruments/registry';
import type { InstrumentResult } from '@harbour/domain/instruments/score';
import { assessSubmission, type SubmissionOutcome } from '@harbour/domain/instruments/submission';
import { FactPayload } from '@harbour/domain/record/facts';
import type { Database, Transaction } from '@harbour/db/client';
import { clinicalEvent, clinicalEventVersion } from '@harbour/db/schema/clinical-event';
import { treatmentEpisode } from '@harbour/db/schema/episode';
import { personFact, personFactVersion } from '@harbour/db/schema/person-fact';
import { selfAssessment } from '@harbour/db/schema/self-assessment';
import { withTenant } from '@harbour/db/tenant';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { writeAudit } from '../audit/write-audit.ts';
import type { ServiceUserActor } from '../identity/sessions.ts';
import { personAccess } from './person-access.ts';
import { rescoreAfterEntry, settle, type Outcome, type WriteContext } from './record-event.ts';
import { openUrgentContactTask } from './urgent-contact.ts';

/**
 * Self-assessments in the self-check portal (issue 11): a person answers an instrument from the domain registry a
 * page at a time (a draft saved between pages), then submits it. Submitting scores it with the domain
 * (`assessSubmission`), keeps the answers and the result (never changed again), enters the validated
 * instruments' facts into the risk model at once (a `suicidality` event for PHQ-9 question 9; the AUDIT or
 * AUDIT-C total as the current alcohol screen) and re-scores, and for an urgent answer opens the same-day
 * contact task (urgent-contact.ts). Everything a person does here is audited as their own action.
 */

export interface DraftView {
  id: string;
  instrumentId: InstrumentId;
  instrumentVersion: string;
  version: number;
  answers: Record<string, AnswerValue>;
  context: { subject?: string };
}

/** What the person sees after submitting (and on the result page later). */
export interface SubmittedView {
  id: string;
  instrumentId: InstrumentId;
  instrumentVersion: string;
  submittedAt: string;
  urgent: boolean;
  result: InstrumentResult;
}

/** What staff see in the person's record. */
export interface StaffSubmissionView extends SubmittedView {
  /** Facts that entered the risk model at once, and facts waiting for the keyworker to confirm. */
  factsNow: string[];
  factsToConfirm: string[];
  /** The same-day task is still waiting for the task store (true until it is merged: urgent-contact.ts). */
  taskPending: boolean;
}

/** An instrument the person may complete themselves, or a refusal naming the field. */
export function selfReportDefinition(instrumentId: InstrumentId): InstrumentDefinition {
  const definition = instruments[instrumentId];
  if (!definition.administeredBy.includes('self'))
    throw new DomainError('INVALID_INPUT', `${definition.name} is completed with your keyworker`, [
      { path: ['instrumentId'], message: 'This one is done with your keyworker' },
    ]);
  return definition;
}

/** The problems with a page of answers: only the questions given (the rest may come on later pages). */
export function partialAnswerIssues(
  definition: InstrumentDefinition,
  answers: Record<string, AnswerValue>,
): Issue[] {
  const given = new Set(Object.keys(answers));
  return answerIssues(definition, answers)
    .filter((issue) => given.has(String(issue.path[0])))
    .map((issue) => ({ path: ['answers', ...issue.path], message: issue.message }));
}

/** The scoring subject (the SDS's drug), checked against the definition. */
function checkedContext(definition: InstrumentDefinition, context: { subject?: string } | undefined) {
  const subject = context?.subject;
  if (subject === undefined) return {};
  const { scoring } = definition;
  if (scoring.kind !== 'sum_with_cut_off' || !scoring.subjects.some((s) => s.value === subject))
    throw new DomainError('INVALID_INPUT', 'The answers are not valid', [
      { path: ['context', 'subject'], message: 'Choose one of the drugs shown' },
    ]);
  return { subject };
}

function selfAudit(self: ServiceUserActor, procedure: string, requestId: string) {
  return { actor: self, personId: self.personId, procedure, requestId, basis: null } as const;
}

const tenantOf = (self: ServiceUserActor) => ({ organisationId: self.organisationId, actorId: null });

async function currentDraft(tx: Transaction, self: ServiceUserActor, instrumentId: InstrumentId) {
  const [row] = await tx
    .select()
    .from(selfAssessment)
    .where(
      and(
        eq(selfAssessment.organisationId, self.organisationId),
        eq(selfAssessment.personId, self.personId),
        eq(selfAssessment.instrumentId, instrumentId),
        eq(selfAssessment.status, 'draft'),
      ),
    );
  return row;
}

function draftView(row: typeof selfAssessment.$inferSelect): DraftView {
  return {
    id: row.id,
    instrumentId: row.instrumentId as InstrumentId,
    instrumentVersion: row.instrumentVersion,
    version: row.version,
    answers: row.answers as Record<string, AnswerValue>,
    context: row.context as { subject?: string },
  };
}

/** The person's draft of an instrument (the answers saved so far), or null. Audited as a view. */
export async function getDraft(
  db: Database,
  self: ServiceUserActor,
  instrumentId: InstrumentId,
  requestId: string,
): Promise<DraftView | null> {
  selfReportDefinition(instrumentId);
  return withTenant(db, tenantOf(self), async (tx) => {
    const row = await currentDraft(tx, self, instrumentId);
    await writeAudit(tx, {
      ...selfAudit(self, 'selfcheck.assessmentDraft', requestId),
      action: 'view',
      outcome: 'allowed',
    });
    return row === undefined ? null : draftView(row);
  });
}

export interface SaveDraftInput {
  instrumentId: InstrumentId;
  /** This page's answers; merged into those saved before. */
  answers: Record<string, AnswerValue>;
  context?: { subject?: string } | undefined;
  /** The draft's version the page was shown with; null to start one. A stale one is a conflict. */
  expectedVersion: number | null;
}

/**
 * Saves a page of answers into the person's draft (starting one if there is none). Bad answers: a clear error
 * per question, nothing saved. A stale version (another tab saved first): CONFLICT, nothing saved.
 */
export async function saveDraft(
  db: Database,
  self: ServiceUserActor,
  input: SaveDraftInput,
  context: WriteContext,
): Promise<{ id: string; version: number }> {
  const definition = selfReportDefinition(input.instrumentId);
  const issues = partialAnswerIssues(definition, input.answers);
  if (issues.length > 0) throw new DomainError('INVALID_INPUT', 'The answers are not valid', issues);
  const scoringContext = checkedContext(definition, input.context);
  return withTenant(db, tenantOf(self), async (tx) => {
    const existing = await currentDraft(tx, self, input.instrumentId);
    const audit = selfAudit(self, 'selfcheck.saveDraft', context.requestId);
    const now = context.now.toISOString();
    if (existing === undefined) {
      if (input.expectedVersion !== null) throw conflict('Your answers', input.expectedVersion);
      const [created] = await tx
        .insert(selfAssessment)
        .values({
          organisationId: self.organisationId,
          personId: self.personId,
          instrumentId: input.instrumentId,
          instrumentVersion: definition.version,
          answers: input.answers,
          context: scoringContext,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: selfAssessment.id, version: selfAssessment.version });
      // Another tab started one at the same moment.
      if (!created) throw conflict('Your answers', 0);
      await writeAudit(tx, { ...audit, action: 'create', outcome: 'allowed' });
      return created;
    }
    if (input.expectedVersion !== existing.version)
      throw conflict('Your answers', input.expectedVersion ?? 0);
    const merged = { ...(existing.answers as Record<string, AnswerValue>), ...input.answers };
    const [saved] = await tx
      .update(selfAssessment)
      .set({
        answers: merged,
        context: input.context === undefined ? existing.context : scoringContext,
        version: sql`${selfAssessment.version} + 1`,
        updatedAt: now,
      })
      .where(
        and(
          eq(selfAssessment.id, existing.id),
          eq(selfAssessment.organisationId, self.organisationId),
          eq(selfAssessment.version, existing.version),
        ),
      )
      .returning({ id: selfAssessment.id, version: selfAssessment.version });
    if (!saved) throw conflict('Your answers', existing.version);
    await writeAudit(tx, { ...audit, action: 'amend', outcome: 'allowed' });
    return saved;
  });
}

/** The person's open or latest episode (the one an event written for them belongs to), or null. */
async function episodeOf(tx: Transaction, organisationId: string, personId: string) {
  const [row] = await tx
    .select({ id: treatmentEpisode.id })
    .from(treatmentEpisode)
    .where(and(eq(treatmentEpisode.organisationId, organisationId), eq(treatmentEpisode.personId, personId)))
    .orderBy(
      sql`case when ${treatmentEpisode.status} = 'discharged' then 1 else 0 end`,
      desc(treatmentEpisode.referredOn),
    )
    .limit(1);
  return row?.id ?? null;
}

const SELF_REASON = (name: string) => `From the person's own ${name}, submitted in the self-check portal`;

/**
 * What the risk model takes now (`riskModelUpdate`), written through the record's own tables with their first
 * versions, as a keyworker's entry would be, but with no member of staff as author (the person wrote it).
 * Returns true when anything was written (then the person is re-scored).
 */
async function enterRiskModel(
  tx: Transaction,
  self: ServiceUserActor,
  definition: InstrumentDefinition,
  outcome: SubmissionOutcome,
  now: Date,
): Promise<boolean> {
  const today = londonDate(now);
  const { events, alcohol } = outcome.riskModelUpdate;
  if (events.length > 0) {
    const episodeId = await episodeOf(tx, self.organisationId, self.personId);
    for (const event of events) {
      const [row] = await tx
        .insert(clinicalEvent)
        .values({
          organisationId: self.organisationId,
          personId: self.personId,
          episodeId,
          type: event.type,
          occurredOn: today,
          details: event.details,
          recordedBy: null,
          recordedAt: now.toISOString(),
        })
        .returning({ id: clinicalEvent.id, version: clinicalEvent.version });
      if (!row) throw new Error('the event was not written');
      await tx.insert(clinicalEventVersion).values({
        eventId: row.id,
        version: row.version,
        organisationId: self.organisationId,
        personId: self.personId,
        type: event.type,
        occurredOn: today,
        details: event.details,
        status: 'active',
        reason: SELF_REASON(definition.name),
        writtenBy: null,
        writtenAt: now.toISOString(),
      });
    }
  }
  if (alcohol !== null) {
    const [current] = await tx
      .select()
      .from(personFact)
      .where(
        and(
          eq(personFact.organisationId, self.organisationId),
          eq(personFact.personId, self.personId),
          eq(personFact.kind, 'alcohol'),
        ),
      );
    const before = (current?.details ?? {}) as Partial<{
      auditScore: number | null;
      auditCScore: number | null;
      clinicianRecordedHarmful: boolean;
    }>;
    const fact = FactPayload.parse({
      kind: 'alcohol',
      details: {
        auditScore: alcohol.auditScore ?? before.auditScore ?? null,
        auditCScore: alcohol.auditCScore ?? before.auditCScore ?? null,
        clinicianRecordedHarmful: before.clinicianRecordedHarmful ?? false,
      },
    });
    const values = {
      details: fact.details,
      recordedOn: today,
      recordedBy: null,
      recordedAt: now.toISOString(),
    };
    const [written] =
      current === undefined
        ? await tx
            .insert(personFact)
            .values({
              organisationId: self.organisationId,
              personId: self.personId,
              kind: 'alcohol',
              ...values,
            })
            .returning({ id: personFact.id, version: personFact.version })
        : await tx
            .update(personFact)
            .set({ ...values, version: sql`${personFact.version} + 1` })
            .where(and(eq(personFact.id, current.id), eq(personFact.version, current.version)))
            .returning({ id: personFact.id, version: personFact.version });
    // A keyworker changed it at the same moment: the submission fails whole and the person sends it again.
    if (!written) throw conflict('Your record', current?.version ?? 0);
    await tx.insert(personFactVersion).values({
      factId: written.id,
      version: written.version,
      organisationId: self.organisationId,
      personId: self.personId,
      kind: 'alcohol',
      details: fact.details,
      recordedOn: today,
      reason: SELF_REASON(definition.name),
      writtenBy: null,
      writtenAt: now.toISOString(),
    });
  }
  return events.length > 0 || alcohol !== null;
}

/**
 * Submits the person's draft: scored by the domain (incomplete answers are refused, one issue per question,
 * nothing changed), stored with its result and never changed again, the risk model updated and re-scored, the
 * same-day task opened for an urgent answer, and audited: all in one transaction, so an urgent answer is either
 * stored with its flag or not accepted at all (HAZ-HLT-019).
 */
export async function submitAssessment(
  db: Database,
  self: ServiceUserActor,
  input: { instrumentId: InstrumentId; expectedVersion: number },
  context: WriteContext,
): Promise<SubmittedView> {
  const definition = selfReportDefinition(input.instrumentId);
  return withTenant(db, tenantOf(self), async (tx) => {
    const draft = await currentDraft(tx, self, input.instrumentId);
    if (draft === undefined) throw notFound('Your answers');
    if (draft.version !== input.expectedVersion) throw conflict('Your answers', input.expectedVersion);
    const submittedOn = londonDate(context.now);
    let outcome: SubmissionOutcome;
    try {
      outcome = assessSubmission({
        instrumentId: input.instrumentId,
        answers: draft.answers,
        context: draft.context as { subject?: string },
        submittedOn,
        by: 'self',
      });
    } catch (cause) {
      if (cause instanceof DomainError && cause.code === 'INVALID_INPUT')
        throw new DomainError(
          'INVALID_INPUT',
          'Some questions are not answered yet',
          cause.issues.map((issue) => ({ ...issue, path: ['answers', ...issue.path] })),
        );
      throw cause;
    }
    const submittedAt = context.now.toISOString();
    // The same-day task first, so the submission is written once with when it was opened (a submitted row is
    // never changed again); if either fails, neither is kept.
    const openedAt =
      outcome.sameDayTask !== null && outcome.sameDayTask.type === 'task'
        ? await openUrgentContactTask(tx, {
            organisationId: self.organisationId,
            personId: self.personId,
            selfAssessmentId: draft.id,
            task: outcome.sameDayTask,
            today: submittedOn,
            now: context.now,
          })
        : null;
    const [stored] = await tx
      .update(selfAssessment)
      .set({
        status: 'submitted',
        instrumentVersion: definition.version,
        result: outcome.result,
        urgent: outcome.urgent,
        urgentTask: outcome.sameDayTask,
        urgentTaskOpenedAt: openedAt,
        submittedAt,
        updatedAt: submittedAt,
        version: sql`${selfAssessment.version} + 1`,
      })
      .where(and(eq(selfAssessment.id, draft.id), eq(selfAssessment.version, draft.version)))
      .returning({ id: selfAssessment.id });
    if (!stored) throw conflict('Your answers', draft.version);
    if (await enterRiskModel(tx, self, definition, outcome, context.now))
      await rescoreAfterEntry(tx, self.organisationId, self.personId, context.now);
    await writeAudit(tx, {
      ...selfAudit(self, 'selfcheck.submitAssessment', context.requestId),
      action: 'create',
      outcome: 'allowed',
    });
    return {
      id: draft.id,
      instrumentId: input.instrumentId,
      instrumentVersion: definition.version,
      submittedAt,
      urgent: outcome.urgent,
      result: outcome.result,
    };
  });
}

/** A submitted row as the person and staff see it; null for a row that is not submitted. */
function submittedView(row: typeof selfAssessment.$inferSelect): SubmittedView | null {
  if (row.status !== 'submitted' || row.result === null || row.submittedAt === null) return null;
  return {
    id: row.id,
    instrumentId: row.instrumentId as InstrumentId,
    instrumentVersion: row.instrumentVersion,
    submittedAt: new Date(row.submittedAt).toISOString(),
    urgent: row.urgent,
    result: row.result as InstrumentResult,
  };
}

/** One of the person's own submitted self-assessments (the result page). Audited as a view. */
export async function getSubmitted(
  db: Database,
  self: ServiceUserActor,
  id: string,
  requestId: string,
): Promise<SubmittedView> {
  return withTenant(db, tenantOf(self), async (tx) => {
    const [row] = await tx
      .select()
      .from(selfAssessment)
      .where(
        and(
          eq(selfAssessment.id, id),
          eq(selfAssessment.organisationId, self.organisationId),
          eq(selfAssessment.personId, self.personId),
          eq(selfAssessment.status, 'submitted'),
        ),
      );
    const view = row === undefined ? null : submittedView(row);
    if (view === null) throw notFound('Self-assessment');
    await writeAudit(tx, {
      ...selfAudit(self, 'selfcheck.assessment', requestId),
      action: 'view',
      outcome: 'allowed',
    });
    return view;
  });
}

const MAX_LISTED = 100;

/**
 * A person's submitted self-assessments, newest first, for staff who may open their record (policy: caseload,
 * team or their own break-glass). Audited like any read of the record, allowed or denied.
 */
export async function staffSelfAssessments(
  db: Database,
  actor: Actor,
  personId: string,
  context: WriteContext,
): Promise<StaffSubmissionView[]> {
  const tenant = { organisationId: actor.organisationId, actorId: actor.staffId };
  const outcome = await withTenant(db, tenant, async (tx): Promise<Outcome<StaffSubmissionView[]>> => {
    const access = await personAccess(tx, {
      actor,
      personId,
      mode: 'read',
      action: 'view',
      procedure: 'person.selfAssessments',
      requestId: context.requestId,
      now: context.now,
    });
    if (access.kind !== 'allowed') return access;
    const rows = await tx
      .select()
      .from(selfAssessment)
      .where(
        and(
          eq(selfAssessment.organisationId, actor.organisationId),
          eq(selfAssessment.personId, personId),
          inArray(selfAssessment.status, ['submitted']),
        ),
      )
      .orderBy(desc(selfAssessment.submittedAt))
      .limit(MAX_LISTED);
    await writeAudit(tx, {
      actor,
      personId,
      action: 'view',
      procedure: 'person.selfAssessments',
      requestId: context.requestId,
      basis: access.basis,
      outcome: 'allowed',
    });
    return {
      kind: 'ok',
      value: rows.flatMap((row) => {
        const view = submittedView(row);
        if (view === null) return [];
        const facts = view.result.proposedFacts;
        return [
          {
            ...view,
            factsNow: facts.filter((f) => f.use === 'in_risk_model').map((f) => f.evidence),
            factsToConfirm: facts.filter((f) => f.use === 'keyworker_confirms').map((f) => f.evidence),
            taskPending: row.urgent && row.urgentTaskOpenedAt === null,
          },
        ];
      }),
    };
  });
  return settle(outcome);
}
