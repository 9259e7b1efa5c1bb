import {
  canReadPerson,
  canWritePerson,
  type AccessBasis,
  type AccessDecision,
  type Actor,
  type Relationship,
} from '@harbour/domain/access/policy';
import type { EpisodeStatus } from '@harbour/domain/episode';
import type { Transaction } from '@harbour/db/client';
import { treatmentEpisode } from '@harbour/db/schema/episode';
import { breakGlassGrant } from '@harbour/db/schema/identity';
import { team } from '@harbour/db/schema/organisation';
import { person } from '@harbour/db/schema/person';
import { staff } from '@harbour/db/schema/staff';
import { and, desc, eq, gt } from 'drizzle-orm';
import { writeAudit, type AuditAction } from '../audit/write-audit.ts';

/**
 * Who may open or write to a person's record, decided in one place for every service that does either: the
 * person (in the caller's organisation only), their episodes with team and keyworker, any live break-glass grant
 * of the caller's own, and the policy's decision. A refusal is audited here, inside the caller's transaction, so
 * the service only has to commit and report it: the person's access history shows attempts as well as accesses.
 */

export type PersonRow = typeof person.$inferSelect;

export interface EpisodeView {
  id: string;
  status: EpisodeStatus;
  teamId: string;
  teamName: string;
  keyworkerId: string | null;
  keyworkerName: string | null;
  referredOn: string;
  startedOn: string | null;
  version: number;
}

export type PersonAccess =
  | { kind: 'not_found' }
  | { kind: 'denied' }
  | {
      kind: 'allowed';
      basis: AccessBasis;
      person: PersonRow;
      /** The episode that grants access (or, without one, the open or latest episode); null when none. */
      episode: EpisodeView | null;
      /** When break-glass access ends (null unless that is the basis). */
      grantUntil: string | null;
    };

export interface AccessRequest {
  actor: Actor;
  personId: string;
  /** `read` to open the record, `write` to record or amend an entry. */
  mode: 'read' | 'write';
  /** What the audit row says the caller did (for a refusal: what they tried). */
  action: AuditAction;
  procedure: string;
  requestId: string;
  now: Date;
}

/** Decides access to a person and, when refused, writes the refusal's audit row (the caller must commit it). */
export async function personAccess(tx: Transaction, request: AccessRequest): Promise<PersonAccess> {
  const { actor, personId, now } = request;
  const audit = {
    actor,
    personId,
    action: request.action,
    procedure: request.procedure,
    requestId: request.requestId,
  } as const;
  const [found] = await tx
    .select()
    .from(person)
    .where(and(eq(person.id, personId), eq(person.organisationId, actor.organisationId)));
  if (!found) {
    // Not in the caller's organisation (or no one): refused as not found, and the attempt recorded.
    await writeAudit(tx, { ...audit, basis: null, outcome: 'denied', reason: 'not found' });
    return { kind: 'not_found' };
  }
  // Every episode, newest first (id breaks ties, so the choice never flips between requests). Team and keyworker
  // are joined within the organisation only.
  const episodes: EpisodeView[] = await tx
    .select({
      id: treatmentEpisode.id,
      status: treatmentEpisode.status,
      teamId: treatmentEpisode.teamId,
      teamName: team.name,
      keyworkerId: treatmentEpisode.keyworkerId,
      keyworkerName: staff.displayName,
      referredOn: treatmentEpisode.referredOn,
      startedOn: treatmentEpisode.startedOn,
      version: treatmentEpisode.version,
    })
    .from(treatmentEpisode)
    .innerJoin(team, and(eq(team.id, treatmentEpisode.teamId), eq(team.organisationId, actor.organisationId)))
    .leftJoin(
      staff,
      and(eq(staff.id, treatmentEpisode.keyworkerId), eq(staff.organisationId, actor.organisationId)),
    )
    .where(
      and(eq(treatmentEpisode.personId, personId), eq(treatmentEpisode.organisationId, actor.organisationId)),
    )
    .orderBy(desc(treatmentEpisode.referredOn), desc(treatmentEpisode.id));
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
  const decide = (relationship: Relationship, glass: boolean): AccessDecision =>
    request.mode === 'write'
      ? canWritePerson(actor, relationship, glass)
      : canReadPerson(actor, relationship, glass);
  // Access comes from any open episode (someone moving between teams may briefly have two); the one that grants
  // it is shown. With none open, the latest episode is shown to whoever may see it.
  const open = episodes.filter((e) => e.status !== 'discharged');
  const granted = open
    .map((episode) => ({ episode, decision: decide(episode, false) }))
    .find((d) => d.decision.allowed);
  const decision = granted?.decision ?? decide({ teamId: null, keyworkerId: null }, grant !== undefined);
  if (!decision.allowed) {
    await writeAudit(tx, { ...audit, basis: null, outcome: 'denied', reason: decision.reason });
    return { kind: 'denied' };
  }
  return {
    kind: 'allowed',
    basis: decision.basis,
    person: found,
    episode: granted?.episode ?? open[0] ?? episodes[0] ?? null,
    grantUntil: decision.basis === 'break_glass' && grant ? new Date(grant.expiresAt).toISOString() : null,
  };
}
