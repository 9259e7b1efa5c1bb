import type { AccessBasis, Actor } from '@harbour/domain/access/policy';
import { DomainError, notFound } from '@harbour/domain/errors';
import type { EpisodeStatus } from '@harbour/domain/episode';
import type { ClinicalEventType } from '@harbour/domain/events';
import { FactPayload, type FactKind } from '@harbour/domain/record/facts';
import { factorSources } from '@harbour/domain/record/factor-sources';
import { eventDayOf } from '@harbour/domain/risk/stored';
import { clinicalEvent } from '@harbour/db/schema/clinical-event';
import type { RecordGap } from '@harbour/domain/record/risk-state';
import type { HistoryQuery } from '@harbour/domain/record/inputs';
import type { RiskTier } from '@harbour/domain/risk/codes';
import { expandAssessment, type StoredAssessment } from '@harbour/domain/risk/stored';
import type { OstMedicine } from '@harbour/domain/medicines';
import type { Sex } from '@harbour/domain/person';
import type { Database, Transaction } from '@harbour/db/client';
import { personFact } from '@harbour/db/schema/person-fact';
import { personState } from '@harbour/db/schema/person-state';
import { riskScoreHistory } from '@harbour/db/schema/risk-history';
import { withTenant } from '@harbour/db/tenant';
import { and, asc, desc, eq, gte, inArray } from 'drizzle-orm';
import { addDays, londonDate } from '@harbour/domain/dates';
import { writeAudit } from '../audit/write-audit.ts';
import { personAccess } from './person-access.ts';
import { historyPage, type HistoryPage } from './person-history.ts';

/** The refusal a person's record gives without a relationship: no record data, not even a name. */
export const NO_RELATIONSHIP = 'You do not have a care relationship with this person.';

/**
 * The entry or fact each stored factor came from. A factor that follows an event names the day of it; the latest
 * active event of its kinds on that day is its evidence (one query for all of them).
 */
async function factorEvidence(
  tx: Transaction,
  organisationId: string,
  personId: string,
  assessment: StoredAssessment,
): Promise<FactorEvidence> {
  const days = assessment.factors.map(eventDayOf).filter((day): day is string => day !== null);
  const events =
    days.length === 0
      ? []
      : await tx
          .select({ id: clinicalEvent.id, type: clinicalEvent.type, occurredOn: clinicalEvent.occurredOn })
          .from(clinicalEvent)
          .where(
            and(
              eq(clinicalEvent.organisationId, organisationId),
              eq(clinicalEvent.personId, personId),
              eq(clinicalEvent.status, 'active'),
              inArray(clinicalEvent.occurredOn, days),
            ),
          )
          .orderBy(desc(clinicalEvent.recordedAt));
  return assessment.factors.map((factor) => {
    const source = factorSources[factor.code];
    const day = eventDayOf(factor);
    if (day !== null && source.events.length > 0) {
      const found = events.find(
        (e) => e.occurredOn === day && source.events.includes(e.type as ClinicalEventType),
      );
      return found ? { eventId: found.id } : null;
    }
    return source.fact === null ? null : { factKind: source.fact };
  });
}

/** How far back the record's risk chart goes. */
export const RISK_CHART_DAYS = 365;

export interface CurrentFact {
  kind: FactKind;
  fact: FactPayload;
  recordedOn: string;
  version: number;
}

/** Where a factor's evidence is: the entry it follows, the current fact it reads, or neither. */
export type FactorEvidence = ({ eventId: string } | { factKind: FactKind } | null)[];

export interface PersonSummary {
  id: string;
  reference: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: Sex;
  version: number;
  episode: {
    id: string;
    status: EpisodeStatus;
    teamName: string;
    keyworkerName: string | null;
    startedOn: string | null;
    version: number;
  } | null;
  currentOst: { medicine: OstMedicine; doseMg: number; since: string } | null;
  lastContactOn: string | null;
  /** The stored assessment (drd-risk.md), with when it was computed; null until the person is first scored. */
  risk: {
    assessment: StoredAssessment;
    /**
     * Each factor's evidence, in the order of `assessment.factors`: the entry it follows, or the current fact it
     * reads, or null (sex, age, a drug alert, the pharmacy's record).
     */
    evidence: FactorEvidence;
    highSince: string | null;
    computedAt: string;
    gaps: RecordGap[];
  } | null;
  /** The score over the last year, one point per change (the chart and its table). */
  riskHistory: { asOf: string; score: number; tier: RiskTier }[];
  /** The current facts, one per kind recorded. */
  facts: CurrentFact[];
  /** A page of the history (every event, newest first). */
  history: HistoryPage;
  /** Why the caller may see this record; `until` is when break-glass access ends (null otherwise). */
  access: { basis: AccessBasis; until: string | null };
}

/**
 * A person's record for someone with a legitimate relationship (their keyworker, or their team), or under their
 * own live break-glass grant (recorded as emergency access). A person in another organisation is simply not
 * found; one without a relationship is refused, and the refusal is audited (committed) before it is reported.
 * One audit row for the whole page: summary, risk, facts and the page of history asked for.
 */
export async function getPersonSummary(
  db: Database,
  actor: Actor,
  personId: string,
  requestId: string,
  now: Date = new Date(),
  history: Omit<HistoryQuery, 'personId'> = {},
): Promise<PersonSummary> {
  const tenant = { organisationId: actor.organisationId, actorId: actor.staffId };
  const result = await withTenant(db, tenant, async (tx) => {
    const access = await personAccess(tx, {
      actor,
      personId,
      mode: 'read',
      action: 'view',
      procedure: 'person.summary',
      requestId,
      now,
    });
    if (access.kind !== 'allowed') return access;
    const scope = and(
      eq(personState.personId, personId),
      eq(personState.organisationId, actor.organisationId),
    );
    const [state] = await tx.select().from(personState).where(scope);
    const factRows = await tx
      .select()
      .from(personFact)
      .where(and(eq(personFact.personId, personId), eq(personFact.organisationId, actor.organisationId)));
    // Checked before the view is audited: a stored entry that fails its schema fails the read (and rolls the audit
    // row back), rather than showing a record with a fact silently missing.
    const facts = factRows.map((row) => ({
      kind: row.kind as FactKind,
      fact: FactPayload.parse({ kind: row.kind, details: row.details }),
      recordedOn: row.recordedOn,
      version: row.version,
    }));
    const since = addDays(londonDate(now), -RISK_CHART_DAYS);
    const riskHistory = await tx
      .select({ asOf: riskScoreHistory.asOf, score: riskScoreHistory.score, tier: riskScoreHistory.tier })
      .from(riskScoreHistory)
      .where(
        and(
          eq(riskScoreHistory.personId, personId),
          eq(riskScoreHistory.organisationId, actor.organisationId),
          gte(riskScoreHistory.asOf, since),
        ),
      )
      .orderBy(asc(riskScoreHistory.asOf), asc(riskScoreHistory.computedAt));
    const page = await historyPage(tx, actor.organisationId, { personId, ...history });
    const assessment = state?.riskAssessment ? expandAssessment(state.riskAssessment) : null;
    const evidence = assessment ? await factorEvidence(tx, actor.organisationId, personId, assessment) : [];
    await writeAudit(tx, {
      actor,
      personId,
      action: 'view',
      procedure: 'person.summary',
      requestId,
      basis: access.basis,
      outcome: 'allowed',
    });
    return { kind: 'ok' as const, access, state, assessment, facts, riskHistory, page, evidence };
  });
  if (result.kind === 'not_found') throw notFound('Person');
  if (result.kind === 'denied') throw new DomainError('FORBIDDEN', NO_RELATIONSHIP);

  const { access, state, assessment, facts, riskHistory, page, evidence } = result;
  const found = access.person;
  const episode = access.episode;
  return {
    id: found.id,
    reference: found.reference,
    givenName: found.givenName,
    familyName: found.familyName,
    dateOfBirth: found.dateOfBirth,
    sex: found.sex,
    version: found.version,
    episode: episode
      ? {
          id: episode.id,
          status: episode.status,
          teamName: episode.teamName,
          keyworkerName: episode.keyworkerName,
          startedOn: episode.startedOn,
          version: episode.version,
        }
      : null,
    currentOst:
      state?.ostMedicine && state.ostDoseMg !== null && state.ostSince !== null
        ? { medicine: state.ostMedicine, doseMg: state.ostDoseMg, since: state.ostSince }
        : null,
    lastContactOn: state?.lastContactOn ?? null,
    risk:
      state && assessment
        ? {
            assessment,
            evidence,
            highSince: state.riskHighSince,
            computedAt: new Date(state.refreshedAt).toISOString(),
            gaps: state.recordGaps ?? [],
          }
        : null,
    riskHistory,
    facts,
    history: page,
    access: { basis: access.basis, until: access.grantUntil },
  };
}
