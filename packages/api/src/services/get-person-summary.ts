import { canReadPerson, type Actor } from '@harbour/domain/access/policy';
import { DomainError, notFound } from '@harbour/domain/errors';
import { EventPayload, type ClinicalEventType } from '@harbour/domain/events';
import type { EpisodeStatus } from '@harbour/domain/episode';
import type { OstMedicine } from '@harbour/domain/medicines';
import type { Sex } from '@harbour/domain/person';
import type { Database } from '@harbour/db/client';
import { clinicalEvent } from '@harbour/db/schema/clinical-event';
import { treatmentEpisode } from '@harbour/db/schema/episode';
import { team } from '@harbour/db/schema/organisation';
import { person } from '@harbour/db/schema/person';
import { staff } from '@harbour/db/schema/staff';
import { and, desc, eq } from 'drizzle-orm';
import { writeAudit } from '../audit/write-audit.ts';

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
  naloxone: { suppliedOn: string; expiresOn: string } | null;
  recentEvents: { id: string; type: ClinicalEventType; occurredOn: string }[];
}

const RECENT_EVENTS = 20;

/**
 * A person's summary for someone with a legitimate relationship (their keyworker, or their team). A person
 * in another organisation is simply not found; one without a relationship is refused, and the refusal is
 * audited (committed) before it is reported.
 */
export async function getPersonSummary(
  db: Database,
  actor: Actor,
  personId: string,
  requestId: string,
): Promise<PersonSummary> {
  const result = await db.transaction(async (tx) => {
    const [found] = await tx
      .select()
      .from(person)
      .where(and(eq(person.id, personId), eq(person.organisationId, actor.organisationId)));
    if (!found) return { kind: 'not_found' as const };
    const [episode] = await tx
      .select({
        id: treatmentEpisode.id,
        status: treatmentEpisode.status,
        teamId: treatmentEpisode.teamId,
        teamName: team.name,
        keyworkerId: treatmentEpisode.keyworkerId,
        keyworkerName: staff.displayName,
        startedOn: treatmentEpisode.startedOn,
        version: treatmentEpisode.version,
      })
      .from(treatmentEpisode)
      .innerJoin(team, eq(team.id, treatmentEpisode.teamId))
      .leftJoin(staff, eq(staff.id, treatmentEpisode.keyworkerId))
      .where(
        and(
          eq(treatmentEpisode.personId, personId),
          eq(treatmentEpisode.organisationId, actor.organisationId),
        ),
      )
      .orderBy(desc(treatmentEpisode.referredOn))
      .limit(1);
    const open = episode && episode.status !== 'discharged' ? episode : null;
    const decision = canReadPerson(actor, {
      teamId: open?.teamId ?? null,
      keyworkerId: open?.keyworkerId ?? null,
    });
    const audit = { actor, personId, action: 'view', procedure: 'person.summary', requestId } as const;
    if (!decision.allowed) {
      await writeAudit(tx, { ...audit, basis: null, outcome: 'denied', reason: decision.reason });
      return { kind: 'denied' as const };
    }
    const events = await tx
      .select({
        id: clinicalEvent.id,
        type: clinicalEvent.type,
        occurredOn: clinicalEvent.occurredOn,
        details: clinicalEvent.details,
      })
      .from(clinicalEvent)
      .where(
        and(eq(clinicalEvent.personId, personId), eq(clinicalEvent.organisationId, actor.organisationId)),
      )
      .orderBy(desc(clinicalEvent.occurredOn), desc(clinicalEvent.recordedAt));
    await writeAudit(tx, { ...audit, basis: decision.basis, outcome: 'allowed' });
    return { kind: 'ok' as const, found, episode: episode ?? null, events };
  });
  if (result.kind === 'not_found') throw notFound('Person');
  if (result.kind === 'denied')
    throw new DomainError('FORBIDDEN', 'You have no care relationship with this person');

  const { found, episode, events } = result;
  const summary: PersonSummary = {
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
    currentOst: null,
    lastContactOn: null,
    naloxone: null,
    recentEvents: events
      .slice(0, RECENT_EVENTS)
      .map((e) => ({ id: e.id, type: e.type as ClinicalEventType, occurredOn: e.occurredOn })),
  };
  // Events are newest first: the first of each kind is the current state.
  for (const event of events) {
    const payload = EventPayload.parse({ type: event.type, details: event.details });
    if (summary.lastContactOn === null && payload.type === 'contact' && payload.details.attended)
      summary.lastContactOn = event.occurredOn;
    if (summary.naloxone === null && payload.type === 'naloxone_supply') {
      summary.naloxone = { suppliedOn: event.occurredOn, expiresOn: payload.details.expiresOn };
    }
  }
  const ost = events.find((e) => ['ost_start', 'ost_dose_change', 'ost_exit'].includes(e.type));
  if (ost) {
    const payload = EventPayload.parse({ type: ost.type, details: ost.details });
    if (payload.type === 'ost_start')
      summary.currentOst = {
        medicine: payload.details.medicine,
        doseMg: payload.details.doseMg,
        since: ost.occurredOn,
      };
    if (payload.type === 'ost_dose_change')
      summary.currentOst = {
        medicine: payload.details.medicine,
        doseMg: payload.details.toMg,
        since: ost.occurredOn,
      };
  }
  return summary;
}
