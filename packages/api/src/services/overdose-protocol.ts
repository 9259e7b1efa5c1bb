import type { Actor } from '@harbour/domain/access/policy';
import { hasPermission } from '@harbour/domain/access/policy';
import { londonDate } from '@harbour/domain/dates';
import type { CalendarDate } from '@harbour/domain/ids';
import {
  nextProtocolVersion,
  protocolHistory,
  protocolInForce,
  protocolStandingLabels,
  PublishProtocol,
  type OverdoseProtocol,
  type ProtocolStanding,
} from '@harbour/domain/protocol/overdose-protocol';
import { parseInput } from '@harbour/domain/tasks/input';
import type { Database, Executor } from '@harbour/db/client';
import { overdoseProtocolVersion } from '@harbour/db/schema/protocol';
import { staff } from '@harbour/db/schema/staff';
import { withTenant } from '@harbour/db/tenant';
import { asc, eq } from 'drizzle-orm';
import { writeAudit } from '../audit/write-audit.ts';

/**
 * The service's overdose-risk protocol (issue 9; @harbour/domain/protocol): the version in force where staff act
 * (the entry forms, the tasks, the case review), its history, and publishing a new version (service managers).
 * A version is never changed: each change is the next version, from its day, with who published it and why.
 */

/** A stored version with who published it, when and why (the history page). */
export interface PublishedProtocol extends OverdoseProtocol {
  changeNote: string;
  publishedByName: string;
  publishedAt: string;
}

/** The organisation's own versions, oldest first. */
export async function protocolVersions(tx: Executor, organisationId: string): Promise<PublishedProtocol[]> {
  const rows = await tx
    .select({
      version: overdoseProtocolVersion.version,
      effectiveFrom: overdoseProtocolVersion.effectiveFrom,
      checklists: overdoseProtocolVersion.checklists,
      changeNote: overdoseProtocolVersion.changeNote,
      publishedAt: overdoseProtocolVersion.publishedAt,
      publishedByName: staff.displayName,
    })
    .from(overdoseProtocolVersion)
    .innerJoin(staff, eq(staff.id, overdoseProtocolVersion.publishedBy))
    .where(eq(overdoseProtocolVersion.organisationId, organisationId))
    .orderBy(asc(overdoseProtocolVersion.version));
  return rows.map((r) => ({ ...r, serviceId: organisationId }));
}

/** The protocol in force today for the organisation: its own version, or Harbour's default when it has none. */
export async function organisationProtocol(
  tx: Executor,
  organisationId: string,
  today: CalendarDate,
): Promise<OverdoseProtocol> {
  const { serviceId, version, effectiveFrom, checklists } = protocolInForce(
    await protocolVersions(tx, organisationId),
    today,
  );
  return { serviceId, version, effectiveFrom, checklists };
}

const tenantOf = (actor: Actor) => ({ organisationId: actor.organisationId, actorId: actor.staffId });

/** The version in force on the caller's today (every role that acts on overdose risk). */
export async function protocolForToday(db: Database, actor: Actor, now: Date): Promise<OverdoseProtocol> {
  return withTenant(db, tenantOf(actor), (tx) =>
    organisationProtocol(tx, actor.organisationId, londonDate(now)),
  );
}

export interface ProtocolPage {
  today: CalendarDate;
  inForce: OverdoseProtocol;
  /** True when the service has none of its own in force: Harbour's default is. */
  isDefault: boolean;
  history: (PublishedProtocol & { standing: ProtocolStanding; standingLabel: string })[];
  /** The earliest day a new version may take effect (today, or the latest version's day if that is later). */
  earliestEffectiveFrom: CalendarDate;
  canPublish: boolean;
}

/** The version in force, every version before and after it, and whether the caller may publish. */
export async function readProtocol(db: Database, actor: Actor, now: Date): Promise<ProtocolPage> {
  const today = londonDate(now);
  return withTenant(db, tenantOf(actor), async (tx) => {
    const versions = await protocolVersions(tx, actor.organisationId);
    const inForce = protocolInForce(versions, today);
    const latest = versions.at(-1);
    return {
      today,
      inForce,
      isDefault: inForce.serviceId === null,
      history: protocolHistory(versions, today).map(({ version, standing }) => ({
        ...version,
        standing,
        standingLabel: protocolStandingLabels[standing],
      })),
      earliestEffectiveFrom:
        latest !== undefined && latest.effectiveFrom > today ? latest.effectiveFrom : today,
      canPublish: hasPermission(actor, 'protocol:manage'),
    };
  });
}

/**
 * Publishes the service's next version (service managers): checked by the domain (one checklist per situation,
 * items with their own ids, a day neither past nor before the latest version's), written with who and why, and
 * audited with its number and day in the same transaction. Bad input is refused with nothing written; two
 * managers publishing at once cannot both take one number (the unique index refuses the second: 409).
 */
export async function publishProtocol(
  db: Database,
  actor: Actor,
  input: PublishProtocol,
  context: { requestId: string; now: Date },
): Promise<{ version: number; effectiveFrom: CalendarDate }> {
  const { changeNote, basedOn, ...edit } = parseInput(PublishProtocol, input, []);
  const today = londonDate(context.now);
  return withTenant(db, tenantOf(actor), async (tx) => {
    const versions = await protocolVersions(tx, actor.organisationId);
    const next = nextProtocolVersion(actor.organisationId, versions, edit, today, basedOn);
    await tx.insert(overdoseProtocolVersion).values({
      organisationId: actor.organisationId,
      version: next.version,
      effectiveFrom: next.effectiveFrom,
      checklists: next.checklists,
      changeNote,
      publishedBy: actor.staffId,
    });
    await writeAudit(tx, {
      actor,
      personId: null,
      action: 'create',
      procedure: 'protocol.publish',
      basis: null,
      outcome: 'allowed',
      requestId: context.requestId,
      changes: { protocol: { version: next.version, effectiveFrom: next.effectiveFrom } },
    });
    return { version: next.version, effectiveFrom: next.effectiveFrom };
  });
}
