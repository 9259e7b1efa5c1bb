import type { Actor } from '@harbour/domain/access/policy';
import type { StaffRole } from '@harbour/domain/staff';
import { rowsOf, type Database, type Executor } from '@harbour/db/client';
import { authSession } from '@harbour/db/schema/identity';
import { staff, teamMembership } from '@harbour/db/schema/staff';
import { withTenant } from '@harbour/db/tenant';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { digest, randomToken } from './secrets.ts';

/** Session lifetimes (issue 4 §1): idle 30 minutes, absolute 12 hours; a half-finished sign-in 10 minutes. */
export const IDLE_MS = 30 * 60_000;
export const ABSOLUTE_MS = 12 * 60 * 60_000;
export const PENDING_MS = 10 * 60_000;
/** `last_seen_at` is written at most this often: idle expiry needs minutes, not every request. */
const TOUCH_EVERY_MS = 60_000;

export type SubjectKind = 'staff' | 'service_user';
export type SessionStage = 'second_factor' | 'enrol_second_factor' | 'active';

export interface SessionInfo {
  id: string;
  organisationId: string;
  subjectKind: SubjectKind;
  subjectId: string;
  stage: SessionStage;
  /**
   * When the passphrase and a fresh code were last entered again in this session (a step-up), or null: signing
   * in does not count, so an administrator's first change always asks (security.md promise 6).
   */
  reauthenticatedAt: string | null;
}

/** A signed-in service user, as the self-check procedures see them. */
export interface ServiceUserActor {
  personId: string;
  organisationId: string;
}

export interface ResolvedSession {
  session: SessionInfo;
  /** Set for an active staff session whose account is still enabled. */
  actor: Actor | null;
  /** Set for an active service-user session. */
  serviceUser: ServiceUserActor | null;
}

/**
 * Starts a session and returns its token (the only copy: the portal puts it in an HttpOnly cookie). A new
 * session at every sign-in step, so a token seen before sign-in is worth nothing after (no fixation).
 */
export async function createSession(
  tx: Executor,
  subject: { organisationId: string; kind: SubjectKind; id: string },
  stage: SessionStage,
  now: Date,
  reauthenticatedAt: string | null = null,
): Promise<{ token: string; expiresAt: string }> {
  const token = randomToken();
  const lifetime = stage === 'active' ? ABSOLUTE_MS : PENDING_MS;
  const expiresAt = new Date(now.getTime() + lifetime).toISOString();
  await tx.insert(authSession).values({
    organisationId: subject.organisationId,
    tokenHash: digest(token),
    subjectKind: subject.kind,
    subjectId: subject.id,
    stage,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt,
    reauthenticatedAt,
  });
  return { token, expiresAt };
}

/** Ends a session; true if it was live (so two requests racing on one session cannot both move it on). */
export async function revokeSession(
  tx: Executor,
  sessionId: string,
  reason: string,
  now: Date,
): Promise<boolean> {
  const ended = await tx
    .update(authSession)
    .set({ revokedAt: now.toISOString(), revokedReason: reason })
    .where(and(eq(authSession.id, sessionId), isNull(authSession.revokedAt)))
    .returning({ id: authSession.id });
  return ended.length === 1;
}

/** Ends every live session of one subject: when an account is disabled or its passphrase changes. */
export async function revokeAllSessions(
  tx: Executor,
  subject: { kind: SubjectKind; id: string },
  reason: string,
  now: Date,
) {
  await tx
    .update(authSession)
    .set({ revokedAt: now.toISOString(), revokedReason: reason })
    .where(
      and(
        eq(authSession.subjectKind, subject.kind),
        eq(authSession.subjectId, subject.id),
        isNull(authSession.revokedAt),
      ),
    );
}

/**
 * The session a token names, if it is live: not revoked, within its absolute expiry and, once signed in, used
 * within the idle limit. An idle or expired session is revoked on the spot. Null for anything else: the caller
 * cannot tell an unknown token from an expired one.
 */
export async function resolveSession(
  db: Database,
  token: string,
  now: Date,
): Promise<ResolvedSession | null> {
  if (token.length < 20 || token.length > 100) return null;
  // One statement (migration 0004): the session and what the policy needs about its subject.
  const [row] = rowsOf<ResolvedRow>(
    await db.execute(sql`select * from harbour_resolve_session(${digest(token)})`),
  );
  if (!row || row.revoked_at !== null) return null;
  const nowMs = now.getTime();
  const lastSeen = Date.parse(String(row.last_seen_at));
  const tenant = { organisationId: row.organisation_id, actorId: null };
  const end = (reason: string) =>
    withTenant(db, tenant, (tx) => revokeSession(tx, row.session_id, reason, now)).then(() => null);
  if (Date.parse(String(row.expires_at)) <= nowMs) return end('expired');
  if (row.stage === 'active' && lastSeen + IDLE_MS <= nowMs) return end('idle');
  const session: SessionInfo = {
    id: row.session_id,
    organisationId: row.organisation_id,
    subjectKind: row.subject_kind,
    subjectId: row.subject_id,
    stage: row.stage,
    reauthenticatedAt:
      row.reauthenticated_at === null ? null : new Date(row.reauthenticated_at).toISOString(),
  };
  let resolved: ResolvedSession = { session, actor: null, serviceUser: null };
  if (row.stage === 'active' && row.subject_kind === 'service_user') {
    if (row.service_user_active !== true) return end('account disabled');
    resolved = {
      session,
      actor: null,
      serviceUser: { personId: row.subject_id, organisationId: row.organisation_id },
    };
  } else if (row.stage === 'active') {
    if (row.staff_active !== true || row.staff_role === null) return end('account disabled');
    const actor: Actor = {
      staffId: row.subject_id,
      organisationId: row.organisation_id,
      role: row.staff_role,
      teamIds: row.team_ids ?? [],
    };
    resolved = { session, actor, serviceUser: null };
  }
  // Its use is noted at most once a minute: idle expiry needs minutes, not a write per request.
  if (nowMs - lastSeen >= TOUCH_EVERY_MS)
    await withTenant(db, tenant, (tx) =>
      tx.update(authSession).set({ lastSeenAt: now.toISOString() }).where(eq(authSession.id, row.session_id)),
    );
  return resolved;
}

interface ResolvedRow {
  session_id: string;
  organisation_id: string;
  subject_kind: SubjectKind;
  subject_id: string;
  stage: SessionStage;
  last_seen_at: string | Date;
  expires_at: string | Date;
  revoked_at: string | Date | null;
  reauthenticated_at: string | Date | null;
  staff_role: StaffRole | null;
  staff_active: boolean | null;
  team_ids: string[] | null;
  service_user_active: boolean | null;
}

/** An enabled member of staff as the policy sees them (role and teams), or null. */
export async function loadStaffActor(
  tx: Executor,
  organisationId: string,
  staffId: string,
): Promise<Actor | null> {
  const [member] = await tx
    .select({ id: staff.id, role: staff.role })
    .from(staff)
    .where(and(eq(staff.id, staffId), eq(staff.organisationId, organisationId), eq(staff.active, true)));
  if (!member) return null;
  const teams = await tx
    .select({ teamId: teamMembership.teamId })
    .from(teamMembership)
    .where(and(eq(teamMembership.staffId, staffId), eq(teamMembership.organisationId, organisationId)));
  return { staffId, organisationId, role: member.role, teamIds: teams.map((t) => t.teamId) };
}
