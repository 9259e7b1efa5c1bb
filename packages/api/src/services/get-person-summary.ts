import { canReadPerson, type AccessBasis, type Actor } from '@harbour/domain/access/policy';
import { DomainError, notFound } from '@harbour/domain/errors';
import { EventPayload, type ClinicalEventType } from '@harbour/domain/events';
import type { EpisodeStatus } from '@harbour/domain/episode';
import type { OstMedicine } from '@harbour/domain/medicines';
import type { Sex } from '@harbour/domain/person';
import type { Database } from '@harbour/db/client';
import { breakGlassGrant } from '@harbour/db/schema/identity';
import { withTenant } from '@harbour/db/tenant';
import { clinicalEvent } from '@harbour/db/schema/clinical-event';
import { treatmentEpisode } from '@harbour/db/schema/episode';
import { team } from '@harbour/db/schema/organisation';
import { person } from '@harbour/db/schema/person';
import { staff } from '@harbour/db/schema/staff';
import { and, desc, eq, gt } from 'drizzle-orm';
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
  /** Why the caller may see this record; `until` is when break-glass access ends (null otherwise). */
  access: { basis: AccessBasis; until: string | null };
}

/** The refusal a person's record gives without a relationship: no record data, not even a name. */
export const NO_RELATIONSHIP = 'You do not have a care relationship with this person.';

const RECENT_EVENTS = 20;

/**
 * A person's summary for someone with a legitimate relationship (their keyworker, or their team). A person
 * in another organisation is simply not found; one without a relationship is refused, and the refusal is
 * audited (committed) before it is reported. A live break-glass grant of the caller's own for this person opens
 * it too, recorded as emergency access.
 */
export async function getPersonSummary(
  db: Database,
  actor: Actor,
  personId: string,
  requestId: string,
  now: Date = new Date(),
): Promise<PersonSummary> {
  const tenant = { organisationId: actor.organisationId, actorId: actor.staffId };
  const result = await withTenant(db, tenant, async (tx) => {
    const [found] = await tx
      .select()
      .from(person)
      .where(and(eq(person.id, personId), eq(person.organisationId, actor.organisationId)));
    const audit = { actor, personId, action: 'view', procedure: 'person.summary', requestId } as const;
    if (!found) {
      // Not in the caller's organisation (or no one): refused as not found, and the attempt recorded.
      await writeAudit(tx, { ...audit, basis: null, outcome: 'denied', reason: 'not found' });
      return { kind: 'not_found' as const };
    }
    // Every episode, newest first (id breaks ties, so the choice never flips between requests). Team and
    // keyworker are joined within the organisation only.
    const episodes = await tx
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
      .innerJoin(
        team,
        and(eq(team.id, treatmentEpisode.teamId), eq(team.organisationId, actor.organisationId)),
      )
      .leftJoin(
        staff,
        and(eq(staff.id, treatmentEpisode.keyworkerId), eq(staff.organisationId, actor.organisationId)),
      )
      .where(
        and(
          eq(treatmentEpisode.personId, personId),
          eq(treatmentEpisode.organisationId, actor.organisationId),
        ),
      )
      .orderBy(desc(treatmentEpisode.referredOn), desc(treatmentEpisode.id));
    // Access comes from any open episode (someone moving between teams may briefly have two); the one that
    // grants it is shown. With none open, the latest episode is shown to whoever may see it.
    const open = episodes.filter((e) => e.status !== 'discharged');
    const [grant] = await tx
      .select({ expiresAt: breakGlassGrant.expiresAt })
      .from(breakGlassGrant)
      .where(
        and(
          eq(breakGlassGrant.organisationId, actor.organisationId),
          eq(breakGlassGrant.staffId, actor.staffId),
          eq(breakGlassGrant.personId, personId),
          gt(breakGlassGrant.expiresAt, now.toISOString()),
        ),
      )
      .orderBy(desc(breakGlassGrant.expiresAt))
      .limit(1);
    const glass = grant !== undefined;
    const decisions = open.map((e) => ({
      episode: e,
      decision: canReadPerson(actor, { teamId: e.teamId, keyworkerId: e.keyworkerId }),
    }));
    const granted = decisions.find((d) => d.decision.allowed);
    const decision = granted?.decision ?? canReadPerson(actor, { teamId: null, keyworkerId: null }, glass);
    const episode = granted?.episode ?? open[0] ?? episodes[0];
    if (!decision.allowed) {
      await writeAudit(tx, { ...audit, basis: null, outcome: 'denied', reason: decision.reason });
      return { kind: 'denied' as const };
    }
    const rows = await tx
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
      .orderBy(desc(clinicalEvent.occurredOn), desc(clinicalEvent.recordedAt), desc(clinicalEvent.id));
    // Checked before the view is audited: a stored event that fails its schema fails the read (and rolls the
    // audit row back), rather than showing a record with a dose or event silently missing.
    const events = rows.map((row) => ({
      id: row.id,
      occurredOn: row.occurredOn,
      payload: EventPayload.parse({ type: row.type, details: row.details }),
    }));
    await writeAudit(tx, { ...audit, basis: decision.basis, outcome: 'allowed' });
    const access = {
      basis: decision.basis,
      until: decision.basis === 'break_glass' && grant ? new Date(grant.expiresAt).toISOString() : null,
    };
    return { kind: 'ok' as const, found, episode: episode ?? null, events, access };
  });
  if (result.kind === 'not_found') throw notFound('Person');
  if (result.kind === 'denied') throw new DomainError('FORBIDDEN', NO_RELATIONSHIP);

  const { found, episode, events, access } = result;
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
      .map((e) => ({ id: e.id, type: e.payload.type, occurredOn: e.occurredOn })),
    access,
  };
  // Events are newest first: the first of each kind is the current state.
  for (const { payload, ...event } of events) {
    if (summary.lastContactOn === null && payload.type === 'contact' && payload.details.attended)
      summary.lastContactOn = event.occurredOn;
    if (summary.naloxone === null && payload.type === 'naloxone_supply') {
      summary.naloxone = { suppliedOn: event.occurredOn, expiresOn: payload.details.expiresOn };
    }
  }
  const ost = events.find((e) => ['ost_start', 'ost_dose_change', 'ost_exit'].includes(e.payload.type));
  if (ost) {
    const { payload } = ost;
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
