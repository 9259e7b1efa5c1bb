import type { Actor } from '@harbour/domain/access/policy';
import {
  competencyExpiresOn,
  competencyKindLabels,
  competencyRegister,
  competencyStatusLabels,
  competencyHistory,
  CorrectionReason,
  type CompetencyKind,
  type CompetencyLike,
  type CompetencyStatus,
  RecordCompetencyInput,
} from '@harbour/domain/competency/competencies';
import { londonDate } from '@harbour/domain/dates';
import { DomainError, notFound } from '@harbour/domain/errors';
import { Id, type CalendarDate } from '@harbour/domain/ids';
import { staffRoleLabels } from '@harbour/domain/staff';
import type { Database, Executor } from '@harbour/db/client';
import { staffCompetency } from '@harbour/db/schema/competency';
import { staff } from '@harbour/db/schema/staff';
import { currentCompetencies, syncCompetencyRenewals } from '@harbour/db/tasks/competency-renewals';
import { withTenant } from '@harbour/db/tenant';
import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { administer, findAccount, type AdminRequest } from './administration.ts';

/**
 * The staff competency register (issue 9; @harbour/domain/competency): administrators record competencies and
 * read everyone's register; each member of staff reads their own. A record is never changed: a renewal is a new
 * record, and a correction a new record naming the one it replaces. The sign-off rule that reads it is in
 * record-event.ts (a case review).
 */

/** What an administrator sends: the domain's input, and the record it corrects (null for a new one). */
export const RecordCompetencyRequest = z.strictObject({
  competency: RecordCompetencyInput,
  replacesId: Id.nullable(),
  /** Why the record it replaces was wrong: required with `replacesId`, and only then. */
  reason: CorrectionReason.nullable().default(null),
});
export type RecordCompetencyRequest = z.infer<typeof RecordCompetencyRequest>;

export interface CompetencyLine {
  kind: CompetencyKind;
  label: string;
  status: CompetencyStatus;
  statusLabel: string;
  /** The record that decides the status, or null when none is recorded. */
  recordId: string | null;
  achievedOn: CalendarDate | null;
  expiresOn: CalendarDate | null;
}

export interface StaffRegister {
  staffId: string;
  displayName: string;
  roleLabel: string;
  today: CalendarDate;
  competencies: CompetencyLine[];
}

function linesOf(rows: readonly (CompetencyLike & { id: string })[], today: CalendarDate): CompetencyLine[] {
  return competencyRegister(rows, today).map((c) => ({
    kind: c.kind,
    label: competencyKindLabels[c.kind],
    status: c.status,
    statusLabel: competencyStatusLabels[c.status],
    recordId: c.record?.id ?? null,
    achievedOn: c.record?.achievedOn ?? null,
    expiresOn: c.record?.expiresOn ?? null,
  }));
}

const tenantOf = (actor: Actor) => ({ organisationId: actor.organisationId, actorId: actor.staffId });

/** The caller's own register (every member of staff, on /account). */
export async function myCompetencies(db: Database, actor: Actor, now: Date): Promise<CompetencyLine[]> {
  const today = londonDate(now);
  return withTenant(db, tenantOf(actor), async (tx) =>
    linesOf(await currentCompetencies(tx, actor.organisationId, actor.staffId), today),
  );
}

/** The organisation's active staff, each with their register (administrators). */
export async function listCompetencies(
  db: Database,
  actor: Actor,
  now: Date,
): Promise<{ today: CalendarDate; staff: StaffRegister[] }> {
  const today = londonDate(now);
  return withTenant(db, tenantOf(actor), async (tx) => {
    const members = await tx
      .select({ id: staff.id, displayName: staff.displayName, role: staff.role })
      .from(staff)
      .where(and(eq(staff.organisationId, actor.organisationId), eq(staff.active, true)))
      .orderBy(asc(staff.displayName));
    const rows = await currentCompetencies(tx, actor.organisationId);
    return {
      today,
      staff: members.map((m) => ({
        staffId: m.id,
        displayName: m.displayName,
        roleLabel: staffRoleLabels[m.role],
        today,
        competencies: linesOf(
          rows.filter((r) => r.staffId === m.id),
          today,
        ),
      })),
    };
  });
}

/** The record a correction replaces: the same member of staff and kind, and not already replaced. */
async function checkReplaced(
  tx: Executor,
  organisationId: string,
  replacesId: string,
  staffId: string,
  kind: CompetencyKind,
): Promise<void> {
  const current = await currentCompetencies(tx, organisationId, staffId);
  if (!current.some((r) => r.id === replacesId && r.kind === kind))
    throw new DomainError('CONFLICT', 'That record has already been corrected, or is not this competency', [
      { path: ['replacesId'], message: 'Choose a current record of this competency to correct' },
    ]);
}

/**
 * Records a competency for a member of staff of the organisation (administrators, after a step-up, audited with
 * the account and what was recorded). It cannot be achieved in the future; with no expiry given it expires after
 * the kind's validity. The member of staff's renewal tasks follow at once (a renewal closes its reminder).
 */
export async function recordCompetency(
  db: Database,
  request: AdminRequest,
  input: RecordCompetencyRequest,
): Promise<{ id: string; expiresOn: CalendarDate }> {
  const { actor, now } = request;
  const { competency } = input;
  return administer(
    db,
    request,
    { action: 'competency_record', procedure: 'competencies.record', targetStaffId: competency.staffId },
    async (tx) => {
      await findAccount(tx, actor, competency.staffId);
      const today = londonDate(now);
      if (competency.achievedOn > today)
        throw new DomainError('INVALID_INPUT', 'The date achieved cannot be in the future', [
          { path: ['competency', 'achievedOn'], message: 'The date achieved cannot be in the future' },
        ]);
      if ((input.replacesId === null) !== (input.reason === null))
        throw new DomainError(
          'INVALID_INPUT',
          input.replacesId === null
            ? 'A reason goes only with a correction'
            : 'Say what was entered wrongly in the record you are correcting',
          [{ path: ['reason'], message: 'Say what was entered wrongly' }],
        );
      if (input.replacesId !== null)
        await checkReplaced(tx, actor.organisationId, input.replacesId, competency.staffId, competency.kind);
      const expiresOn = competencyExpiresOn(competency);
      const [row] = await tx
        .insert(staffCompetency)
        .values({
          organisationId: actor.organisationId,
          staffId: competency.staffId,
          kind: competency.kind,
          achievedOn: competency.achievedOn,
          expiresOn,
          recordedBy: actor.staffId,
          replacesId: input.replacesId,
          correctionReason: input.reason,
        })
        .returning({ id: staffCompetency.id });
      if (!row) throw new Error('the competency was not written');
      await syncCompetencyRenewals(tx, actor.organisationId, today, now, competency.staffId);
      return {
        result: { id: row.id, expiresOn },
        targetStaffId: competency.staffId,
        changes: {
          competency: {
            kind: competency.kind,
            achievedOn: competency.achievedOn,
            expiresOn,
            replacesId: input.replacesId,
          },
        },
      };
    },
  );
}

/** One record in a member of staff's history, with who recorded it and what became of it. */
export interface CompetencyHistoryLine {
  id: string;
  kind: CompetencyKind;
  label: string;
  achievedOn: CalendarDate;
  expiresOn: CalendarDate;
  recordedByName: string;
  recordedAt: string;
  /** Why this record corrected an earlier one (null: a first record or a renewal). */
  correctionReason: string | null;
  /** When it was corrected (it no longer counts), or null while it stands. */
  correctedAt: string | null;
  counts: boolean;
}

/**
 * A member of staff's register today and every record ever made for them (administrators), newest first: the
 * corrected ones kept and shown with the correction that replaced them. Read only; not audited, as the register.
 */
export async function staffCompetencyHistory(
  db: Database,
  actor: Actor,
  staffId: string,
  now: Date,
): Promise<StaffRegister & { history: CompetencyHistoryLine[] }> {
  const today = londonDate(now);
  return withTenant(db, tenantOf(actor), async (tx) => {
    const [member] = await tx
      .select({ id: staff.id, displayName: staff.displayName, role: staff.role })
      .from(staff)
      .where(and(eq(staff.id, staffId), eq(staff.organisationId, actor.organisationId)));
    if (!member) throw notFound('Account');
    const recorder = alias(staff, 'recorder');
    const rows = await tx
      .select({
        id: staffCompetency.id,
        staffId: staffCompetency.staffId,
        kind: staffCompetency.kind,
        achievedOn: staffCompetency.achievedOn,
        expiresOn: staffCompetency.expiresOn,
        replacesId: staffCompetency.replacesId,
        correctionReason: staffCompetency.correctionReason,
        recordedAt: staffCompetency.recordedAt,
        recordedByName: recorder.displayName,
      })
      .from(staffCompetency)
      .innerJoin(recorder, eq(recorder.id, staffCompetency.recordedBy))
      .where(
        and(eq(staffCompetency.organisationId, actor.organisationId), eq(staffCompetency.staffId, staffId)),
      );
    const history = competencyHistory(rows);
    return {
      staffId: member.id,
      displayName: member.displayName,
      roleLabel: staffRoleLabels[member.role],
      today,
      competencies: linesOf(
        history.filter((h) => h.correctedBy === null).map((h) => h.record),
        today,
      ),
      history: history.map(({ record, correctedBy }) => ({
        id: record.id,
        kind: record.kind,
        label: competencyKindLabels[record.kind],
        achievedOn: record.achievedOn,
        expiresOn: record.expiresOn,
        recordedByName: record.recordedByName,
        recordedAt: record.recordedAt,
        correctionReason: record.correctionReason,
        correctedAt: correctedBy?.recordedAt ?? null,
        counts: correctedBy === null,
      })),
    };
  });
}
